package dev.ec2double.ec2.keypairs;

import java.math.BigInteger;
import java.security.interfaces.RSAPrivateCrtKey;

/**
 * An RSA private key the way EC2 hands it out: PKCS#1 {@code RSAPrivateKey} DER (RFC 8017 appendix
 * A.1.2) in a {@code -----BEGIN RSA PRIVATE KEY-----} PEM, 64 columns, as OpenSSL writes it.
 */
final class Pkcs1Pem {
  private Pkcs1Pem() {}

  static byte[] der(RSAPrivateCrtKey k) {
    return Der.sequence(
        Der.integer(BigInteger.ZERO),
        Der.integer(k.getModulus()),
        Der.integer(k.getPublicExponent()),
        Der.integer(k.getPrivateExponent()),
        Der.integer(k.getPrimeP()),
        Der.integer(k.getPrimeQ()),
        Der.integer(k.getPrimeExponentP()),
        Der.integer(k.getPrimeExponentQ()),
        Der.integer(k.getCrtCoefficient()));
  }

  static String pem(RSAPrivateCrtKey k) {
    return Armor.pem("RSA PRIVATE KEY", der(k), 64);
  }
}
