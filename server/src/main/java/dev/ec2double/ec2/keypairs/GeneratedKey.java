package dev.ec2double.ec2.keypairs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import software.amazon.awssdk.services.ec2.model.KeyFormat;
import software.amazon.awssdk.services.ec2.model.KeyType;

/**
 * A key pair made by CreateKeyPair with the JDK's own providers: RSA 2048 (the size EC2 makes) or
 * ED25519, its private half encoded once in the format asked for and then forgotten, as EC2 does.
 */
record GeneratedKey(SshPublicKey publicKey, String fingerprint, String material) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int X509_ED25519_PREFIX = 12; // SubjectPublicKeyInfo header before the key

  static GeneratedKey generate(KeyType type, KeyFormat format, String comment) {
    try {
      return type == KeyType.ED25519 ? ed25519(format, comment) : rsa(format, comment);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static GeneratedKey rsa(KeyFormat format, String comment)
      throws GeneralSecurityException {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048, RANDOM);
    KeyPair pair = gen.generateKeyPair();
    RSAPrivateCrtKey priv = (RSAPrivateCrtKey) pair.getPrivate();
    RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
    String material =
        format == KeyFormat.PPK ? PuttyKeyFile.rsa(priv, comment) : Pkcs1Pem.pem(priv);
    return new GeneratedKey(
        SshPublicKey.rsa(pub.getPublicExponent(), pub.getModulus()),
        Fingerprints.createdRsa(priv),
        material);
  }

  private static GeneratedKey ed25519(KeyFormat format, String comment)
      throws GeneralSecurityException {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
    byte[] x509 = pair.getPublic().getEncoded();
    byte[] pub = Arrays.copyOfRange(x509, X509_ED25519_PREFIX, x509.length);
    SshPublicKey key = SshPublicKey.ed25519(pub);
    String material =
        format == KeyFormat.PPK
            ? PuttyKeyFile.ed25519(seed, pub, comment)
            : OpenSshPrivateKey.ed25519(seed, pub, comment, RANDOM.nextInt());
    return new GeneratedKey(key, Fingerprints.ed25519(key), material);
  }
}
