package dev.ec2double.imds;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/** IMDSv2 session tokens: each belongs to one instance and expires after its TTL. */
final class ImdsTokens {
  static final int MAX_TTL_SECONDS = 21600;

  private record Token(String instanceId, Instant expires) {}

  /** Made when the first token is: seeding it loads the security providers (not at start). */
  private static final class Random {
    static final SecureRandom RANDOM = new SecureRandom();
  }

  private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();

  String issue(String instanceId, int ttlSeconds) {
    byte[] b = new byte[42];
    Random.RANDOM.nextBytes(b);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    Instant now = Instant.now();
    tokens.put(token, new Token(instanceId, now.plusSeconds(ttlSeconds)));
    tokens.entrySet().removeIf(e -> e.getValue().expires().isBefore(now));
    return token;
  }

  /** Seconds the token has left for this instance, or -1 when it is unknown or expired. */
  long remaining(String token, String instanceId) {
    Token t = tokens.get(token);
    if (t == null || !t.instanceId().equals(instanceId)) {
      return -1;
    }
    long left = Duration.between(Instant.now(), t.expires()).toSeconds();
    return left <= 0 ? -1 : left;
  }
}
