package dev.ec2double.ec2.keypairs;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import software.amazon.awssdk.services.ec2.model.KeyType;

/**
 * A public key as SSH knows it: its type and its RFC 4253 blob ({@code string "ssh-rsa", mpint e,
 * mpint n} or {@code string "ssh-ed25519", string key}), the form {@code authorized_keys} holds.
 */
public record SshPublicKey(KeyType type, byte[] blob) implements java.io.Serializable {
  static final String SSH_RSA = "ssh-rsa";
  static final String SSH_ED25519 = "ssh-ed25519";

  public SshPublicKey {
    blob = blob.clone();
  }

  static SshPublicKey rsa(BigInteger e, BigInteger n) {
    return new SshPublicKey(
        KeyType.RSA, new SshWire.Writer().string(SSH_RSA).mpint(e).mpint(n).bytes());
  }

  static SshPublicKey ed25519(byte[] key) {
    return new SshPublicKey(
        KeyType.ED25519, new SshWire.Writer().string(SSH_ED25519).string(key).bytes());
  }

  @Override
  public byte[] blob() {
    return blob.clone();
  }

  public String algorithm() {
    return type == KeyType.RSA ? SSH_RSA : SSH_ED25519;
  }

  /** One {@code authorized_keys} line: {@code ssh-rsa AAAA... comment}. */
  public String openSsh(String comment) {
    String line = algorithm() + " " + Base64.getEncoder().encodeToString(blob);
    return comment == null || comment.isEmpty() ? line : line + " " + comment;
  }

  /** The RSA key as the JDK holds it (its {@code getEncoded()} is the SubjectPublicKeyInfo DER). */
  RSAPublicKey rsaKey() {
    SshWire.Reader r = new SshWire.Reader(blob);
    r.string();
    BigInteger e = r.mpint();
    BigInteger n = r.mpint();
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException(ex);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SshPublicKey k && k.type == type && Arrays.equals(k.blob, blob);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + Arrays.hashCode(blob);
  }

  @Override
  public String toString() {
    return openSsh(null);
  }
}
