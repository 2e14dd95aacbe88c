package dev.ec2double.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unix cron as scheduled actions take it: the next minute a recurrence names. */
class CronTest {
  private static final ZoneId UTC = ZoneId.of("UTC");

  private static Instant next(String cron, String after, String zone) {
    return Cron.parse(cron).next(Instant.parse(after), ZoneId.of(zone));
  }

  @Test
  void everyMinuteIsTheNextWholeMinute() {
    assertThat(next("* * * * *", "2026-12-03T10:15:30Z", "UTC")).isEqualTo("2026-12-03T10:16:00Z");
    assertThat(next("* * * * *", "2026-12-03T10:15:00Z", "UTC")).isEqualTo("2026-12-03T10:16:00Z");
  }

  @Test
  void stepsRangesListsAndNames() {
    assertThat(next("*/15 * * * *", "2026-12-03T10:16:00Z", "UTC"))
        .isEqualTo("2026-12-03T10:30:00Z");
    assertThat(next("30 0 1 1,6,12 *", "2026-12-03T10:00:00Z", "UTC"))
        .isEqualTo("2027-01-01T00:30:00Z");
    assertThat(next("0 9 * * MON-FRI", "2026-12-04T10:00:00Z", "UTC")) // a Friday
        .isEqualTo("2026-12-07T09:00:00Z");
    assertThat(next("0 9 * JUN sun", "2026-12-04T10:00:00Z", "UTC"))
        .isEqualTo("2027-06-06T09:00:00Z");
    assertThat(next("5-20/5 8 * * *", "2026-12-03T08:11:00Z", "UTC"))
        .isEqualTo("2026-12-03T08:15:00Z");
  }

  @Test
  void sundayIsZeroAndSeven() {
    Instant saturday = Instant.parse("2026-12-05T12:00:00Z");
    assertThat(Cron.parse("0 0 * * 0").next(saturday, UTC)).isEqualTo("2026-12-06T00:00:00Z");
    assertThat(Cron.parse("0 0 * * 7").next(saturday, UTC)).isEqualTo("2026-12-06T00:00:00Z");
  }

  @Test
  void restrictedDayOfMonthAndDayOfWeekRunOnEither() {
    // the 15th (a Tuesday in December 2026) or any Monday, whichever comes first
    assertThat(next("0 0 15 * MON", "2026-12-08T00:00:00Z", "UTC"))
        .isEqualTo("2026-12-14T00:00:00Z");
    assertThat(next("0 0 15 * MON", "2026-12-14T00:00:00Z", "UTC"))
        .isEqualTo("2026-12-15T00:00:00Z");
  }

  @Test
  void theTimeZoneKeepsTheWallClockAcrossDaylightSaving() {
    // 9:00 in New York is 14:00 UTC in winter and 13:00 UTC in summer
    assertThat(next("0 9 * * *", "2026-12-03T15:00:00Z", "America/New_York"))
        .isEqualTo("2026-12-04T14:00:00Z");
    assertThat(next("0 9 * * *", "2026-07-03T15:00:00Z", "America/New_York"))
        .isEqualTo("2026-07-04T13:00:00Z");
  }

  @Test
  void aDayThatNeverComesHasNoNextRun() {
    assertThat(next("0 0 31 2 *", "2026-12-03T00:00:00Z", "UTC")).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "* * * *",
        "* * * * * *",
        "60 * * * *",
        "* 24 * * *",
        "* * 0 * *",
        "* * * 13 *",
        "* * * * 8",
        "*/0 * * * *",
        "5-1 * * * *",
        "a * * * *",
        "1,,2 * * * *"
      })
  void invalidExpressionsAreValidationErrors(String cron) {
    assertThatThrownBy(() -> Cron.parse(cron))
        .isInstanceOf(AwsException.class)
        .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo("ValidationError"))
        .hasMessageContaining("not a valid Unix cron expression");
  }
}
