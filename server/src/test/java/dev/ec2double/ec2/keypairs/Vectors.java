package dev.ec2double.ec2.keypairs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Test vectors made with OpenSSH 9.2, OpenSSL 3.0 and PuTTY 0.78 (see README in the resource
 * folder), and readers for them that do not use the code under test.
 */
final class Vectors {
  private Vectors() {}

  static String text(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test vector " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] pemBody(String pem) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  /** The RSA test key, from the PKCS#8 form that {@code openssl pkcs8 -topk8} made of it. */
  static RSAPrivateCrtKey rsaKey() {
    try {
      return (RSAPrivateCrtKey)
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(pemBody(text("rsa.pk8.pem"))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fields of an unencrypted openssh-key-v1 ED25519 key, read per OpenSSH's PROTOCOL.key. */
  record OpenSshEd25519(int checkInt, byte[] publicKey, byte[] seed, String comment) {}

  static OpenSshEd25519 readOpenSsh(String pem) {
    byte[] file = pemBody(pem);
    String magic = "openssh-key-v1\0";
    if (!new String(file, 0, magic.length(), StandardCharsets.US_ASCII).equals(magic)) {
      throw new IllegalArgumentException("not openssh-key-v1");
    }
    SshWire.Reader r = new SshWire.Reader(Arrays.copyOfRange(file, magic.length(), file.length));
    if (!r.text().equals("none") || !r.text().equals("none")) {
      throw new IllegalArgumentException("encrypted");
    }
    r.string(); // kdf options
    if (r.uint32() != 1) {
      throw new IllegalArgumentException("not one key");
    }
    r.string(); // public blob
    SshWire.Reader p = new SshWire.Reader(r.string());
    int check1 = p.uint32();
    int check2 = p.uint32();
    if (check1 != check2 || !p.text().equals("ssh-ed25519")) {
      throw new IllegalArgumentException("bad private section");
    }
    byte[] pub = p.string();
    byte[] secret = p.string();
    String comment = p.text();
    return new OpenSshEd25519(check1, pub, Arrays.copyOf(secret, 32), comment);
  }
}
