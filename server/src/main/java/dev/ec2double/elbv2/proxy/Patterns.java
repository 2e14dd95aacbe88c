package dev.ec2double.elbv2.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Rule condition values: {@code *} matches any run of characters and {@code ?} exactly one; the
 * rest is literal. Paths and methods compare case-sensitively, hosts, headers and query strings not
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html).
 */
final class Patterns {
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private Patterns() {}

  static boolean matches(String pattern, String value, boolean ignoreCase) {
    if (value == null) {
      return false;
    }
    if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
      return ignoreCase ? pattern.equalsIgnoreCase(value) : pattern.equals(value);
    }
    Pattern p =
        CACHE.computeIfAbsent(
            (ignoreCase ? "i:" : "c:") + pattern, k -> compile(pattern, ignoreCase));
    return p.matcher(value).matches();
  }

  private static Pattern compile(String pattern, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(
        regex.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
  }
}
