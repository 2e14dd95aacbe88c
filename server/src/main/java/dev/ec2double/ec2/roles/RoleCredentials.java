package dev.ec2double.ec2.roles;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary credentials of instance roles, server-wide: the metadata service hands an instance
 * the current ones of its role, new ones well before those expire (in the last sixth of their
 * lifetime, as AWS rotates at least five minutes ahead), and the API takes each set until its own
 * expiration, in the instance's account.
 */
public final class RoleCredentials {
  /** AWS's instance role credentials live about six hours. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(6);

  /** Made when the first credentials are: seeding it loads the security providers. */
  private static final class Random {
    static final SecureRandom RANDOM = new SecureRandom();
  }

  /** The characters of IAM's access key ids and unique ids after their prefix. */
  static final char[] IAM_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private final Duration lifetime;
  private final Clock clock;
  private final Map<String, Issued> byKey = new ConcurrentHashMap<>();
  private final Map<String, Issued> latest = new ConcurrentHashMap<>();

  /** One set of credentials, as the metadata service shows it. */
  public record Issued(
      String accessKeyId,
      String secretAccessKey,
      String sessionToken,
      Instant issued,
      Instant expiration,
      String account) {}

  public RoleCredentials(Duration lifetime) {
    this(lifetime, Clock.systemUTC());
  }

  RoleCredentials(Duration lifetime, Clock clock) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("credentials need a lifetime above zero: " + lifetime);
    }
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** The credentials an instance's role has now: the same set until it is due for rotation. */
  public Issued current(String account, String instanceId, String role) {
    Instant now = clock.instant();
    return latest.compute(
        account + "/" + instanceId + "/" + role,
        (k, old) -> old != null && now.isBefore(rotationOf(old)) ? old : issue(account, now));
  }

  private Instant rotationOf(Issued i) {
    return i.expiration().minus(lifetime.dividedBy(6));
  }

  private Issued issue(String account, Instant now) {
    prune(now);
    Instant issued = now.truncatedTo(ChronoUnit.SECONDS);
    Issued i =
        new Issued(
            "ASIA" + randomKey(16),
            randomBase64(30),
            randomBase64(264),
            issued,
            issued.plus(lifetime),
            account);
    byKey.put(i.accessKeyId(), i);
    return i;
  }

  /** Forgets credentials that expired a lifetime ago: they are refused either way. */
  private void prune(Instant now) {
    byKey.values().removeIf(i -> i.expiration().plus(lifetime).isBefore(now));
  }

  /** The credentials of an access key id this server issued, expired or not. */
  public Optional<Issued> find(String accessKeyId) {
    return Optional.ofNullable(byKey.get(accessKeyId));
  }

  /** A fresh server: no credentials issued. */
  public void clear() {
    byKey.clear();
    latest.clear();
  }

  private static String randomKey(int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(IAM_ID_CHARS[Random.RANDOM.nextInt(IAM_ID_CHARS.length)]);
    }
    return s.toString();
  }

  private static String randomBase64(int bytes) {
    byte[] b = new byte[bytes];
    Random.RANDOM.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }
}
