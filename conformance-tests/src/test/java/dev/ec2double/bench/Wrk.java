package dev.ec2double.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Drives wrk (Debian's package) with a signed-looking EC2 POST and reads its figures. */
final class Wrk {
  record Result(double rps, double p50Ms, double p99Ms) {}

  private static final String SCRIPT =
      """
      wrk.method = "POST"
      wrk.body = os.getenv("BODY")
      wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
      wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20261127/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000"
      """;

  private Wrk() {}

  /** Plain GETs, as a browser or a health check would send them. */
  static Result get(String url, int connections, int seconds)
      throws IOException, InterruptedException {
    return wrk(url, connections, seconds, null, null, false);
  }

  /**
   * GETs that each come on a new connection ({@code Connection: close}, the server closes): the
   * rate of connections (and of TLS handshakes over https) that a path takes.
   */
  static Result getNewConnections(String url, int connections, int seconds)
      throws IOException, InterruptedException {
    return wrk(url, connections, seconds, null, null, true);
  }

  static Result run(String url, String body, int connections, int seconds)
      throws IOException, InterruptedException {
    Path script = Files.createTempFile("ec2double-bench", ".lua");
    Files.writeString(script, SCRIPT);
    try {
      return wrk(url, connections, seconds, script, body, false);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private static Result wrk(
      String url, int connections, int seconds, Path script, String body, boolean close)
      throws IOException, InterruptedException {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                "wrk",
                "-t",
                Integer.toString(Math.min(2, connections)),
                "-c",
                Integer.toString(connections),
                "-d",
                seconds + "s",
                "--latency"));
    if (close) {
      cmd.addAll(List.of("-H", "Connection: close"));
    }
    if (script != null) {
      cmd.addAll(List.of("-s", script.toString()));
    }
    cmd.add(url);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (body != null) {
      pb.environment().put("BODY", body);
    }
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    // a new connection per request shows its failures (refused, reset) as socket errors
    if (out.contains("Non-2xx") || (close && out.contains("Socket errors"))) {
      throw new IllegalStateException("non-2xx answers from " + url + " (" + body + "):\n" + out);
    }
    return new Result(number(out, "Requests/sec:\\s+([\\d.]+)"), ms(out, "50%"), ms(out, "99%"));
  }

  private static double number(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("wrk output without " + regex + ":\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  private static double ms(String out, String percentile) {
    Matcher m = Pattern.compile(percentile + "\\s+([\\d.]+)(us|ms|s)").matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("wrk output without " + percentile + ":\n" + out);
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> v / 1000;
      case "s" -> v * 1000;
      default -> v;
    };
  }
}
