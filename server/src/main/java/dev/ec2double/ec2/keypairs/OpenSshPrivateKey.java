package dev.ec2double.ec2.keypairs;

import java.nio.charset.StandardCharsets;

/**
 * An unencrypted ED25519 private key in OpenSSH's own format ({@code openssh-key-v1}, see
 * PROTOCOL.key in the OpenSSH sources), which is what EC2 returns for ED25519 key pairs: there is
 * no PKCS#1-style PEM for ED25519 that OpenSSH reads.
 */
final class OpenSshPrivateKey {
  private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final int BLOCK = 8; // the cipher block size of "none"

  private OpenSshPrivateKey() {}

  /**
   * @param seed the 32-byte ED25519 private key (RFC 8032's "k")
   * @param publicKey the 32-byte ED25519 public key
   * @param checkInt a random number written twice, which a decrypting reader checks
   */
  static String ed25519(byte[] seed, byte[] publicKey, String comment, int checkInt) {
    SshPublicKey pub = SshPublicKey.ed25519(publicKey);
    byte[] secret = new byte[64]; // OpenSSH keeps seed || public key
    System.arraycopy(seed, 0, secret, 0, 32);
    System.arraycopy(publicKey, 0, secret, 32, 32);
    SshWire.Writer priv =
        new SshWire.Writer()
            .uint32(checkInt)
            .uint32(checkInt)
            .string(SshPublicKey.SSH_ED25519)
            .string(publicKey)
            .string(secret)
            .string(comment);
    for (int pad = 1; priv.size() % BLOCK != 0; pad++) {
      priv.raw(new byte[] {(byte) pad});
    }
    byte[] file =
        new SshWire.Writer()
            .raw(MAGIC)
            .string("none")
            .string("none")
            .string(new byte[0])
            .uint32(1)
            .string(pub.blob())
            .string(priv.bytes())
            .bytes();
    return Armor.pem("OPENSSH PRIVATE KEY", file, 70);
  }
}
