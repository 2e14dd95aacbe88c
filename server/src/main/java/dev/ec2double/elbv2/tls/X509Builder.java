package dev.ec2double.elbv2.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate making of the {@link LocalCa}, with Bouncy Castle. Apart so that loading the CA
 * (at every server's start) loads none of Bouncy Castle's classes: its signed jar costs a test JVM
 * a verification of the whole jar, which only the first certificate made should pay.
 */
final class X509Builder {
  private static final Duration LEAF_VALIDITY = Duration.ofDays(395);
  private static final SecureRandom RANDOM = new SecureRandom();

  private X509Builder() {}

  /**
   * A certificate for these DNS names and IP addresses (the first DNS name is its subject's common
   * name), signed by the root; its chain is the leaf, then the root.
   */
  static Issued issue(Issued ca, List<String> dnsNames, List<String> ipAddresses, boolean client) {
    KeyPair pair = rsa();
    String cn = dnsNames.isEmpty() ? ipAddresses.get(0) : dnsNames.get(0);
    Instant now = Instant.now();
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              ca.chain().get(0),
              serial(),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(LEAF_VALIDITY)),
              new X500Name("CN=" + cn),
              pair.getPublic());
      List<GeneralName> names = new ArrayList<>();
      dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
      for (String ip : ipAddresses) {
        names.add(
            new GeneralName(
                GeneralName.iPAddress,
                new org.bouncycastle.asn1.DEROctetString(InetAddress.getByName(ip).getAddress())));
      }
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(
              Extension.keyUsage,
              true,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
          .addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(
                  client ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth))
          .addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(names.toArray(GeneralName[]::new)))
          .addExtension(
              Extension.subjectKeyIdentifier,
              false,
              ext.createSubjectKeyIdentifier(pair.getPublic()))
          .addExtension(
              Extension.authorityKeyIdentifier,
              false,
              ext.createAuthorityKeyIdentifier(ca.chain().get(0)));
      X509Certificate leaf = sign(b, ca.key(), "SHA256withECDSA");
      return new Issued(pair.getPrivate(), List.of(leaf, ca.chain().get(0)));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a certificate for " + cn, e);
    }
  }

  /** A new root: an EC P-256 key and a self-signed CA certificate valid ten years. */
  static Issued root() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      KeyPair pair = g.generateKeyPair();
      Instant now = Instant.now();
      X500Name name =
          new X500Name("CN=ec2-double local CA " + now.getEpochSecond() + ",O=ec2-double");
      PublicKey pub = pair.getPublic();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  name,
                  serial(),
                  Date.from(now.minus(Duration.ofHours(1))),
                  Date.from(now.plus(Duration.ofDays(3650))),
                  name,
                  pub)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pub));
      return new Issued(pair.getPrivate(), List.of(sign(b, pair.getPrivate(), "SHA256withECDSA")));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the local CA", e);
    }
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key, String alg)
      throws GeneralSecurityException {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(alg).build(key);
      return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }
}
