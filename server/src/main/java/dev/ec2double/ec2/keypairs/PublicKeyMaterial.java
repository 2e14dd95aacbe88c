package dev.ec2double.ec2.keypairs;

import dev.ec2double.errors.AwsException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Reads ImportKeyPair's public key in the three formats EC2 accepts
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/create-key-pairs.html#how-to-generate-your-own-key-and-import-it-to-aws):
 * an OpenSSH line ({@code ssh-rsa AAAA... comment}), base64 DER (a SubjectPublicKeyInfo, or a bare
 * PKCS#1 RSAPublicKey), and the RFC 4716 SSH2 public key file. RSA and ED25519 only; RSA keys from
 * 1024 to 4096 bits (EC2 names 1024, 2048 and 4096, and also takes ssh-keygen's default 3072).
 */
final class PublicKeyMaterial {
  static final int MIN_RSA_BITS = 1024;
  static final int MAX_RSA_BITS = 4096;
  private static final int ED25519_KEY_BYTES = 32;
  private static final int X509_ED25519_PREFIX = 12;
  private static final String SSH2_BEGIN = "---- BEGIN SSH2 PUBLIC KEY ----";
  private static final String SSH2_END = "---- END SSH2 PUBLIC KEY ----";
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private PublicKeyMaterial() {}

  static AwsException invalid() {
    return new AwsException("InvalidKey.Format", "Key is not in valid OpenSSH public key format");
  }

  static SshPublicKey parse(byte[] material) {
    String text = new String(material, StandardCharsets.UTF_8).strip();
    try {
      if (text.startsWith(SSH2_BEGIN)) {
        return fromBlob(rfc4716Body(text));
      }
      String[] parts = WHITESPACE.split(text, 3);
      if (parts.length >= 2 && parts[0].startsWith("ssh-")) {
        SshPublicKey key = fromBlob(Base64.getDecoder().decode(parts[1]));
        if (!key.algorithm().equals(parts[0])) {
          throw invalid();
        }
        return key;
      }
      return fromDer(Base64.getMimeDecoder().decode(text));
    } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
      throw invalid();
    }
  }

  /**
   * RFC 4716 section 3: header lines "Tag: value" (continued by a trailing backslash), then body.
   */
  private static byte[] rfc4716Body(String text) {
    String[] lines = text.split("\\r?\\n");
    StringBuilder body = new StringBuilder();
    boolean continued = false;
    boolean ended = false;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.equals(SSH2_END)) {
        ended = true;
        break;
      }
      if (continued || line.contains(":")) {
        continued = line.endsWith("\\");
        continue;
      }
      body.append(line);
    }
    if (!ended) {
      throw invalid();
    }
    return Base64.getDecoder().decode(body.toString());
  }

  static SshPublicKey fromBlob(byte[] blob) {
    SshWire.Reader r = new SshWire.Reader(blob);
    String alg = r.text();
    SshPublicKey key;
    if (alg.equals(SshPublicKey.SSH_RSA)) {
      BigInteger e = r.mpint();
      BigInteger n = r.mpint();
      key = rsa(e, n);
    } else if (alg.equals(SshPublicKey.SSH_ED25519)) {
      key = ed25519(r.string());
    } else {
      throw invalid();
    }
    if (!r.done()) {
      throw invalid();
    }
    return key;
  }

  private static SshPublicKey fromDer(byte[] der) throws GeneralSecurityException {
    X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
    PublicKey key;
    try {
      key = KeyFactory.getInstance("RSA").generatePublic(spec);
    } catch (GeneralSecurityException notRsa) {
      try {
        key = KeyFactory.getInstance("Ed25519").generatePublic(spec);
      } catch (GeneralSecurityException notEd25519) {
        // a bare PKCS#1 RSAPublicKey: wrap it in the SubjectPublicKeyInfo the JDK reads
        byte[] spki = Der.sequence(Der.RSA_ALGORITHM, Der.bitString(der));
        key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
      }
    }
    if (key instanceof RSAPublicKey rsa) {
      return rsa(rsa.getPublicExponent(), rsa.getModulus());
    }
    byte[] x509 = ((EdECPublicKey) key).getEncoded();
    return ed25519(Arrays.copyOfRange(x509, X509_ED25519_PREFIX, x509.length));
  }

  private static SshPublicKey rsa(BigInteger e, BigInteger n) {
    int bits = n.bitLength();
    if (n.signum() <= 0
        || !n.testBit(0)
        || bits < MIN_RSA_BITS
        || bits > MAX_RSA_BITS
        || e.compareTo(BigInteger.valueOf(3)) < 0
        || !e.testBit(0)) {
      throw invalid();
    }
    return SshPublicKey.rsa(e, n);
  }

  private static SshPublicKey ed25519(byte[] key) {
    if (key.length != ED25519_KEY_BYTES) {
      throw invalid();
    }
    return SshPublicKey.ed25519(key);
  }
}
