package dev.ec2double.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an OpenSSL client (wrk's library) negotiates with a TLS server: {@code openssl s_client}.
 */
final class Tls {
  private Tls() {}

  /** "TLSv1.3 TLS_AES_256_GCM_SHA384 (X25519)", or what went wrong. */
  static String negotiated(String url) throws Exception {
    URI u = URI.create(url);
    Process p =
        new ProcessBuilder(
                "openssl", "s_client", "-brief", "-connect", u.getHost() + ":" + u.getPort())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    String protocol = field(out, "Protocol version");
    String suite = field(out, "Ciphersuite");
    String group = field(out, "Server Temp Key");
    if (protocol == null || suite == null) {
      throw new IllegalStateException("no TLS session with " + url + ":\n" + out);
    }
    return "`" + protocol + " " + suite + (group == null ? "" : " (" + group + ")") + "`";
  }

  private static String field(String out, String name) {
    Matcher m = Pattern.compile(name + ": ([^\\n]+)").matcher(out);
    return m.find() ? m.group(1).trim() : null;
  }
}
