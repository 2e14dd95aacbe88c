package dev.ec2double.elbv2.proxy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What rule conditions read from a request, apart from the HTTP server's types. */
public record RequestView(
    String method,
    String path,
    String rawQuery,
    String host,
    Function<String, List<String>> headers,
    String sourceIp) {

  /** The query's key/value pairs, URL-decoded; a bare key has an empty value. */
  public List<Map.Entry<String, String>> queryPairs() {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return pairs;
    }
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq);
      String v = eq < 0 ? "" : part.substring(eq + 1);
      pairs.add(Map.entry(decode(k), decode(v)));
    }
    return pairs;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
