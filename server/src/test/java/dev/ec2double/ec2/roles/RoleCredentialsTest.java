package dev.ec2double.ec2.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RoleCredentialsTest {
  private Instant now = Instant.parse("2026-12-03T10:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final RoleCredentials credentials = new RoleCredentials(Duration.ofHours(6), clock);

  @Test
  void servesTheSameSetUntilTheLastSixthOfItsLifetimeThenANewOne() {
    RoleCredentials.Issued first = credentials.current("111122223333", "i-1", "web");
    assertThat(first.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
    assertThat(first.expiration()).isEqualTo(Instant.parse("2026-12-03T16:00:00Z"));
    assertThat(first.account()).isEqualTo("111122223333");

    now = now.plus(Duration.ofHours(4).plusMinutes(59));
    assertThat(credentials.current("111122223333", "i-1", "web")).isEqualTo(first);

    now = now.plus(Duration.ofMinutes(2)); // 5 h 1 min: within the last hour
    RoleCredentials.Issued second = credentials.current("111122223333", "i-1", "web");
    assertThat(second.accessKeyId()).isNotEqualTo(first.accessKeyId());
    assertThat(second.expiration()).isAfter(first.expiration());
    // the old set is still known (and valid until its own expiration)
    assertThat(credentials.find(first.accessKeyId())).contains(first);
  }

  @Test
  void eachInstanceAndRoleHasItsOwnAndAResetForgetsThemAll() {
    RoleCredentials.Issued a = credentials.current("111122223333", "i-1", "web");
    RoleCredentials.Issued b = credentials.current("111122223333", "i-2", "web");
    RoleCredentials.Issued c = credentials.current("111122223333", "i-1", "batch");
    assertThat(a.accessKeyId()).isNotIn(b.accessKeyId(), c.accessKeyId());
    assertThat(a.sessionToken()).isNotEqualTo(b.sessionToken());

    credentials.clear();

    assertThat(credentials.find(a.accessKeyId())).isEmpty();
    assertThat(credentials.find("AKIAUNKNOWN")).isEmpty();
  }

  @Test
  void credentialsLongExpiredAreForgotten() {
    RoleCredentials.Issued old = credentials.current("111122223333", "i-1", "web");
    now = now.plus(Duration.ofHours(13));

    credentials.current("111122223333", "i-2", "web");

    assertThat(credentials.find(old.accessKeyId())).isEmpty();
  }

  @Test
  void aLifetimeMustBePositive() {
    assertThatThrownBy(() -> new RoleCredentials(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
