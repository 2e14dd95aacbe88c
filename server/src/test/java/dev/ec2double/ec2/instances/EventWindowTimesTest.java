package dev.ec2double.ec2.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.InstanceEventWindowTimeRangeRequest;

class EventWindowTimesTest {
  private static InstanceEventWindowTimeRangeRequest range(
      String startDay, int startHour, String endDay, int endHour) {
    return InstanceEventWindowTimeRangeRequest.builder()
        .startWeekDay(startDay)
        .startHour(startHour)
        .endWeekDay(endDay)
        .endHour(endHour)
        .build();
  }

  private static String code(Runnable r) {
    try {
      r.run();
      return "none";
    } catch (AwsException e) {
      return e.code();
    }
  }

  @Test
  void takesTheCronExpressionsOfTheReference() {
    assertThat(EventWindowTimes.cron("* 0-4,20-23 * * 1,5")).isEqualTo("* 0-4,20-23 * * 1,5");
    assertThat(EventWindowTimes.cron("*  21-23 * *  SUN-TUE")).isEqualTo("* 21-23 * * SUN-TUE");
    assertThat(EventWindowTimes.cron("* * * * *")).isEqualTo("* * * * *");
  }

  @Test
  void refusesWhatTheReferenceRulesOut() {
    assertThat(code(() -> EventWindowTimes.cron("0 0-4 * * 1"))).isEqualTo("InvalidParameterValue");
    assertThat(code(() -> EventWindowTimes.cron("* 0-1,4-8 * * 1")))
        .isEqualTo("InvalidParameterValue"); // a range under 2 hours
    assertThat(code(() -> EventWindowTimes.cron("* 0-3 * * 1")))
        .isEqualTo("InvalidParameterValue"); // 3 hours in all
    assertThat(code(() -> EventWindowTimes.cron("* 0-4 * 1 *"))).isEqualTo("InvalidParameterValue");
    assertThat(code(() -> EventWindowTimes.cron("* 0-4 * * 7"))).isEqualTo("InvalidParameterValue");
    assertThat(code(() -> EventWindowTimes.cron("* 0-4 * *"))).isEqualTo("InvalidParameterValue");
    assertThat(code(() -> EventWindowTimes.cron("* 4 * * 1"))).isEqualTo("InvalidParameterValue");
  }

  @Test
  void timeRangesAreAtLeastTwoHoursEachAndFourInAll() {
    List<EventWindowTimes.Range> ranges =
        EventWindowTimes.ranges(
            List.of(range("monday", 2, "monday", 4), range("saturday", 22, "sunday", 1)));
    assertThat(ranges).extracting(EventWindowTimes.Range::hours).containsExactly(2, 3);
    assertThat(code(() -> EventWindowTimes.ranges(List.of(range("monday", 2, "monday", 3)))))
        .isEqualTo("InvalidParameterValue");
    assertThat(code(() -> EventWindowTimes.ranges(List.of(range("monday", 2, "monday", 5)))))
        .isEqualTo("InvalidParameterValue");
    assertThat(code(() -> EventWindowTimes.ranges(List.of(range("monday", 24, "tuesday", 5)))))
        .isEqualTo("InvalidParameterValue");
    assertThat(code(() -> EventWindowTimes.ranges(List.of(range("funday", 1, "tuesday", 5)))))
        .isEqualTo("InvalidParameterValue");
  }

  @Test
  void eitherRangesOrACronExpression() {
    assertThatThrownBy(
            () ->
                EventWindowTimes.checkOneOf(List.of(range("monday", 0, "monday", 4)), "* * * * *"))
        .extracting(e -> ((AwsException) e).code())
        .isEqualTo("InvalidParameterCombination");
    assertThatThrownBy(() -> EventWindowTimes.checkOneOf(List.of(), null))
        .extracting(e -> ((AwsException) e).code())
        .isEqualTo("MissingParameter");
  }
}
