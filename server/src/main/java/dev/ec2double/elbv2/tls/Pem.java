package dev.ec2double.elbv2.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM text in and out (Bouncy Castle's reader and writer): certificates and private keys. */
final class Pem {
  private Pem() {}

  /** Every certificate in the text, in order; an IllegalArgumentException when there is none. */
  static List<X509Certificate> certificates(String pem) {
    List<X509Certificate> out = new ArrayList<>();
    for (Object o : objects(pem)) {
      if (o instanceof X509CertificateHolder h) {
        try {
          out.add(new JcaX509CertificateConverter().getCertificate(h));
        } catch (CertificateException e) {
          throw new IllegalArgumentException("not a valid X.509 certificate: " + e.getMessage());
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no PEM certificate (-----BEGIN CERTIFICATE-----) found");
    }
    return out;
  }

  /** The first private key in the text (PKCS#8, or PKCS#1 RSA / SEC1 EC key pairs). */
  static PrivateKey privateKey(String pem) {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      for (Object o : objects(pem)) {
        if (o instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid private key: " + e.getMessage());
    }
    throw new IllegalArgumentException(
        "no unencrypted PEM private key (-----BEGIN PRIVATE KEY----- or an RSA/EC one) found");
  }

  static String write(Object... objects) {
    StringWriter out = new StringWriter();
    try (PemWriter w = new PemWriter(out)) {
      for (Object o : objects) {
        // keys as PKCS#8 (BEGIN PRIVATE KEY), what every TLS library reads
        w.writeObject(
            o instanceof PrivateKey k
                ? new JcaPKCS8Generator(k, null)
                : new JcaMiscPEMGenerator(o));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static List<Object> objects(String pem) {
    List<Object> out = new ArrayList<>();
    try (PEMParser p = new PEMParser(new StringReader(pem == null ? "" : pem))) {
      Object o;
      while ((o = p.readObject()) != null) {
        out.add(o);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not valid PEM: " + e.getMessage());
    }
    return out;
  }
}
