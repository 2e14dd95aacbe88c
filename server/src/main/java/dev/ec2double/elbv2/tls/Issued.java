package dev.ec2double.elbv2.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate with its private key: the chain starts with the certificate itself.
 *
 * @param chain the certificate, then the certificates that signed it
 */
public record Issued(PrivateKey key, List<X509Certificate> chain) {
  public X509Certificate leaf() {
    return chain.get(0);
  }

  public String certificatePem() {
    return Pem.write(leaf());
  }

  public String privateKeyPem() {
    return Pem.write(key);
  }

  /** The chain after the certificate itself (what ACM calls the certificate chain). */
  public String chainPem() {
    return Pem.write(chain.subList(1, chain.size()).toArray());
  }
}
