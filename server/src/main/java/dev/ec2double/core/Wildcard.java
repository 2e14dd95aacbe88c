package dev.ec2double.core;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Filter values as EC2 reads them: {@code *} matches any run of characters, {@code ?} exactly one,
 * and a backslash escapes either. Everything else is literal and case-sensitive.
 */
public final class Wildcard {
  private Wildcard() {}

  public static Predicate<String> compile(String pattern) {
    if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 && pattern.indexOf('\\') < 0) {
      return pattern::equals;
    }
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        literal.append(pattern.charAt(++i));
      } else if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? "(?s).*" : "(?s).");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    Pattern p = Pattern.compile(regex.toString());
    return s -> p.matcher(s).matches();
  }
}
