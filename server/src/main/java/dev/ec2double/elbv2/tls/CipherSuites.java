package dev.ec2double.elbv2.tls;

import java.util.List;
import java.util.Map;

/**
 * The security policies name their ciphers as OpenSSL does ({@code ECDHE-RSA-AES128-GCM-SHA256});
 * Java's TLS names them as the IANA registry does ({@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}).
 * TLS 1.3's suites have one name in both.
 */
final class CipherSuites {
  private static final Map<String, String> IANA =
      Map.ofEntries(
          Map.entry("ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
          Map.entry("ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
          Map.entry("ECDHE-ECDSA-AES128-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
          Map.entry("ECDHE-RSA-AES128-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
          Map.entry("ECDHE-ECDSA-AES128-SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
          Map.entry("ECDHE-RSA-AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
          Map.entry("ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
          Map.entry("ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
          Map.entry("ECDHE-ECDSA-AES256-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
          Map.entry("ECDHE-RSA-AES256-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
          Map.entry("ECDHE-RSA-AES256-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
          Map.entry("ECDHE-ECDSA-AES256-SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
          Map.entry("AES128-GCM-SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"),
          Map.entry("AES128-SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256"),
          Map.entry("AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"),
          Map.entry("AES256-GCM-SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384"),
          Map.entry("AES256-SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256"),
          Map.entry("AES256-SHA", "TLS_RSA_WITH_AES_256_CBC_SHA"),
          Map.entry("DES-CBC3-SHA", "SSL_RSA_WITH_3DES_EDE_CBC_SHA"),
          Map.entry("TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"),
          Map.entry("TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384"),
          Map.entry("TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256"));

  private CipherSuites() {}

  /** The Java names of these OpenSSL names, in the same order; an unknown name is an error. */
  static List<String> java(List<String> openSsl) {
    return openSsl.stream()
        .map(
            n -> {
              String j = IANA.get(n);
              if (j == null) {
                throw new IllegalArgumentException("no Java name for cipher " + n);
              }
              return j;
            })
        .toList();
  }
}
