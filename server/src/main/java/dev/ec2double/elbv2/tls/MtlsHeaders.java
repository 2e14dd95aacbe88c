package dev.ec2double.elbv2.tls;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.security.auth.x500.X500Principal;

/**
 * The headers an ALB adds for its targets under mutual TLS
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/mutual-authentication.html,
 * "HTTP headers"): in {@code passthrough} mode the client's whole chain as {@code
 * X-Amzn-Mtls-Clientcert}; in {@code verify} mode the leaf's serial number, issuer, subject,
 * validity and the leaf itself. Certificates travel as URL-encoded PEM with {@code +=/} left as
 * they are. Headers of these names that the client sent are dropped.
 */
public final class MtlsHeaders {
  static final String CLIENTCERT = "X-Amzn-Mtls-Clientcert";

  private MtlsHeaders() {}

  /**
   * @param mode the listener's mutual authentication mode ({@code off}, {@code passthrough}, {@code
   *     verify})
   * @param chain what the client presented, leaf first; null or empty for nothing
   */
  public static void apply(
      String mode,
      X509Certificate[] chain,
      Consumer<String> remove,
      BiConsumer<String, String> put) {
    for (String suffix :
        new String[] {"", "-Serial-Number", "-Issuer", "-Subject", "-Validity", "-Leaf"}) {
      remove.accept(CLIENTCERT + suffix);
    }
    if (chain == null || chain.length == 0) {
      return;
    }
    X509Certificate leaf = chain[0];
    switch (mode == null ? "off" : mode) {
      case "passthrough" -> put.accept(CLIENTCERT, encode(Pem.write((Object[]) chain)));
      case "verify" -> {
        put.accept(CLIENTCERT + "-Serial-Number", serial(leaf.getSerialNumber()));
        put.accept(
            CLIENTCERT + "-Issuer", leaf.getIssuerX500Principal().getName(X500Principal.RFC2253));
        put.accept(
            CLIENTCERT + "-Subject", leaf.getSubjectX500Principal().getName(X500Principal.RFC2253));
        put.accept(
            CLIENTCERT + "-Validity",
            "NotBefore=" + iso(leaf.getNotBefore()) + ";NotAfter=" + iso(leaf.getNotAfter()));
        put.accept(CLIENTCERT + "-Leaf", encode(Pem.write(leaf)));
      }
      default -> {}
    }
  }

  static String serial(BigInteger serial) {
    return serial.toString(16).toUpperCase(java.util.Locale.ROOT);
  }

  private static String iso(java.util.Date d) {
    return DateTimeFormatter.ISO_INSTANT.format(d.toInstant().truncatedTo(ChronoUnit.SECONDS));
  }

  /** URL encoding with {@code +}, {@code =} and {@code /} left alone, spaces as {@code %20}. */
  static String encode(String pem) {
    return URLEncoder.encode(pem, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%2B", "+")
        .replace("%3D", "=")
        .replace("%2F", "/");
  }
}
