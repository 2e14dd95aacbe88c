package dev.ec2double.ec2.keypairs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key fingerprints exactly as EC2 computes them, which differs by key type and by whether EC2 made
 * the key (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/verify-keys.html):
 *
 * <ul>
 *   <li>RSA made by CreateKeyPair: SHA-1 of the DER PKCS#8 private key, colon-separated hex ({@code
 *       openssl pkcs8 -topk8 -nocrypt -outform DER | openssl sha1 -c}).
 *   <li>RSA given to ImportKeyPair: MD5 of the DER SubjectPublicKeyInfo, colon-separated hex. The
 *       API reference says "RFC 4716 section 4" (MD5 of the SSH blob), but the user guide's
 *       commands, and what EC2 really returns, hash the DER.
 *   <li>ED25519 either way: base64 of the SHA-256 of the SSH blob, like {@code ssh-keygen -l} but
 *       without the {@code SHA256:} prefix and keeping the {@code =} padding, which EC2 does.
 * </ul>
 */
public final class Fingerprints {
  private Fingerprints() {}

  public static String createdRsa(RSAPrivateCrtKey key) {
    return colonHex(digest("SHA-1", key.getEncoded()));
  }

  public static String importedRsa(SshPublicKey key) {
    return colonHex(digest("MD5", key.rsaKey().getEncoded()));
  }

  public static String ed25519(SshPublicKey key) {
    return Base64.getEncoder().encodeToString(digest("SHA-256", key.blob()));
  }

  /** The fingerprint EC2 gives a key that was imported (as opposed to created). */
  public static String imported(SshPublicKey key) {
    return switch (key.type()) {
      case RSA -> importedRsa(key);
      case ED25519 -> ed25519(key);
      default -> throw new IllegalArgumentException("unsupported key type " + key.type());
    };
  }

  private static String colonHex(byte[] digest) {
    return HexFormat.ofDelimiter(":").formatHex(digest);
  }

  private static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
