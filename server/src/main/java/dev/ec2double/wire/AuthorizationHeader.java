package dev.ec2double.wire;

import java.util.HashMap;
import java.util.Map;

/** The {@code name=value} parts of a SigV4 Authorization header. */
final class AuthorizationHeader {
  private AuthorizationHeader() {}

  /** {@code Credential}, {@code SignedHeaders}, {@code Signature}; absent parts are absent. */
  static Map<String, String> parts(String header) {
    Map<String, String> parts = new HashMap<>();
    String h = header.trim();
    if (h.startsWith(SigV4Verifier.ALGORITHM)) {
      h = h.substring(SigV4Verifier.ALGORITHM.length());
    }
    for (String part : h.split(",")) {
      String p = part.trim();
      int eq = p.indexOf('=');
      if (eq > 0) {
        parts.putIfAbsent(p.substring(0, eq), p.substring(eq + 1));
      }
    }
    return parts;
  }
}
