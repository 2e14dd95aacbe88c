package dev.ec2double.ec2.keypairs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An unencrypted PuTTY private key file, version 2 ({@code PuTTY-User-Key-File-2}), which every
 * PuTTY since 0.52 reads; the format is described in appendix C of the PuTTY manual. Version 3 only
 * changes the passphrase derivation, which an unencrypted key does not use.
 */
final class PuttyKeyFile {
  private static final String ENCRYPTION = "none";
  private static final int WIDTH = 64;

  private PuttyKeyFile() {}

  static String rsa(RSAPrivateCrtKey k, String comment) {
    SshPublicKey pub = SshPublicKey.rsa(k.getPublicExponent(), k.getModulus());
    byte[] priv =
        new SshWire.Writer()
            .mpint(k.getPrivateExponent())
            .mpint(k.getPrimeP())
            .mpint(k.getPrimeQ())
            .mpint(k.getCrtCoefficient()) // q^-1 mod p, which is what PuTTY calls iqmp
            .bytes();
    return file(pub, priv, comment);
  }

  static String ed25519(byte[] seed, byte[] publicKey, String comment) {
    return file(
        SshPublicKey.ed25519(publicKey), new SshWire.Writer().string(seed).bytes(), comment);
  }

  private static String file(SshPublicKey pub, byte[] priv, String comment) {
    String alg = pub.algorithm();
    byte[] blob = pub.blob();
    return "PuTTY-User-Key-File-2: "
        + alg
        + "\nEncryption: "
        + ENCRYPTION
        + "\nComment: "
        + comment
        + "\nPublic-Lines: "
        + Armor.lineCount(blob, WIDTH)
        + "\n"
        + Armor.lines(blob, WIDTH)
        + "Private-Lines: "
        + Armor.lineCount(priv, WIDTH)
        + "\n"
        + Armor.lines(priv, WIDTH)
        + "Private-MAC: "
        + mac(alg, comment, blob, priv)
        + "\n";
  }

  /**
   * HMAC-SHA-1 over the algorithm, encryption, comment, public and private blobs (each an SSH
   * string), keyed with SHA-1 of "putty-private-key-file-mac-key" and the (empty) passphrase.
   */
  static String mac(String alg, String comment, byte[] publicBlob, byte[] privateBlob) {
    try {
      byte[] key =
          MessageDigest.getInstance("SHA-1")
              .digest("putty-private-key-file-mac-key".getBytes(StandardCharsets.US_ASCII));
      Mac hmac = Mac.getInstance("HmacSHA1");
      hmac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] data =
          new SshWire.Writer()
              .string(alg)
              .string(ENCRYPTION)
              .string(comment)
              .string(publicBlob)
              .string(privateBlob)
              .bytes();
      return HexFormat.of().formatHex(hmac.doFinal(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
