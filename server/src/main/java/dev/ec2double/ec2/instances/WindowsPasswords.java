package dev.ec2double.ec2.instances;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * A Windows instance's administrator password as EC2Launch leaves it for GetPasswordData: a random
 * password encrypted with the key pair's RSA public key (PKCS#1 v1.5 padding), base64, so that
 * {@code openssl pkeyutl -decrypt -inkey key.pem} or the AWS CLI's {@code --priv-launch-key}
 * decrypts it. ED25519 key pairs cannot decrypt a password: AWS refuses them for Windows.
 */
final class WindowsPasswords {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final String SYMBOLS = "!@$%&*()-=+?";

  private WindowsPasswords() {}

  /** A new password encrypted with the OpenSSH public key, or null for a key that is not RSA. */
  static String encrypted(String openSshPublicKey) {
    PublicKey key = rsa(openSshPublicKey);
    if (key == null) {
      return null;
    }
    try {
      Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      cipher.init(Cipher.ENCRYPT_MODE, key, RANDOM);
      byte[] sealed = cipher.doFinal(password().getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt a password with the key pair", e);
    }
  }

  /** 32 characters with upper and lower case letters, digits and symbols, as Windows requires. */
  static String password() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 28; i++) {
      b.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
    }
    for (int i = 0; i < 4; i++) {
      b.insert(RANDOM.nextInt(b.length() + 1), SYMBOLS.charAt(RANDOM.nextInt(SYMBOLS.length())));
    }
    return b.toString();
  }

  /** The RSA key of an {@code ssh-rsa AAAA... comment} line (RFC 4253's e and n), else null. */
  static PublicKey rsa(String openSshPublicKey) {
    String[] parts = openSshPublicKey.trim().split("\\s+");
    if (parts.length < 2 || !parts[0].equals("ssh-rsa")) {
      return null;
    }
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(parts[1])))) {
      String type = new String(field(in), StandardCharsets.US_ASCII);
      if (!type.equals("ssh-rsa")) {
        return null;
      }
      BigInteger e = new BigInteger(field(in));
      BigInteger n = new BigInteger(field(in));
      return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    } catch (IOException | IllegalArgumentException | GeneralSecurityException ex) {
      return null;
    }
  }

  private static byte[] field(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > 16 * 1024) {
      throw new IOException("bad field length " + length);
    }
    byte[] b = new byte[length];
    in.readFully(b);
    return b;
  }
}
