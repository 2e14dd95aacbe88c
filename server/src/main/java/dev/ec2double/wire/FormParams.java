package dev.ec2double.wire;

import dev.ec2double.errors.AwsException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Parses {@code application/x-www-form-urlencoded} text, a query string or a POST body alike. */
public final class FormParams {
  private FormParams() {}

  /** Adds each {@code name=value} pair to {@code into}; the first value of a name wins. */
  public static void parse(String text, Map<String, String> into) {
    if (text == null || text.isEmpty()) {
      return;
    }
    int start = 0;
    int len = text.length();
    while (start <= len) {
      int amp = text.indexOf('&', start);
      int end = amp < 0 ? len : amp;
      if (end > start) {
        int eq = text.indexOf('=', start);
        String name;
        String value;
        if (eq < 0 || eq > end) {
          name = decode(text.substring(start, end));
          value = "";
        } else {
          name = decode(text.substring(start, eq));
          value = decode(text.substring(eq + 1, end));
        }
        into.putIfAbsent(name, value);
      }
      if (amp < 0) {
        break;
      }
      start = amp + 1;
    }
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new AwsException(
          "MalformedQueryString",
          "The query string or body is not valid URL encoding near '"
              + (s.length() > 40 ? s.substring(0, 40) + "..." : s)
              + "'.");
    }
  }
}
