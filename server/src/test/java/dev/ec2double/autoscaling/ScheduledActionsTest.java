package dev.ec2double.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Scheduled actions checked as AWS checks them, and run by the clock a pass is given. */
class ScheduledActionsTest {
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:20Z");
  private final RequestContext ctx =
      new RequestContext(
          "123456789012",
          "us-east-1",
          "autoscaling.amazonaws.com",
          "PutScheduledUpdateGroupAction",
          "r",
          new RegionState("123456789012", "us-east-1"));

  private static GroupRecord group() {
    GroupRecord g = new GroupRecord("web", "arn", Instant.EPOCH);
    g.min = 0;
    g.max = 4;
    g.desired = 1;
    return g;
  }

  private static ScheduledActionsService.Spec spec(
      String name, Instant start, Instant end, String cron, Integer min, Integer max, Integer d) {
    return new ScheduledActionsService.Spec(name, null, start, end, cron, min, max, d, null);
  }

  private void rejected(GroupRecord g, ScheduledActionsService.Spec s, String message) {
    assertThatThrownBy(() -> ScheduledActionsService.put(ctx, g, s, NOW))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo("ValidationError"));
  }

  @Test
  void badActionsAreRejectedAndNothingIsStored() {
    GroupRecord g = group();
    Instant later = NOW.plusSeconds(60);
    rejected(g, spec("a", later, null, null, null, null, null), "At least one of MinSize");
    rejected(g, spec("a", null, null, null, 1, null, null), "StartTime or Recurrence");
    rejected(g, spec("a", NOW.minusSeconds(1), null, null, 1, null, null), "in the past");
    rejected(g, spec("a", later, later, "* * * * *", 1, null, null), "earlier than the end");
    rejected(g, spec("a", null, null, "* * *", 1, null, null), "not a valid Unix cron");
    rejected(g, spec("a", later, null, null, 3, 2, null), "MinSize must be less");
    rejected(g, spec("a", later, null, null, 1, 2, 3), "DesiredCapacity must be between");
    rejected(
        g,
        new ScheduledActionsService.Spec("a", null, later, null, null, 1, null, null, "Mars/Base"),
        "Invalid time zone");
    assertThat(g.scheduledActions).isEmpty();
  }

  @Test
  void aOneOffActionRunsOnceAtItsTimeAndIsGone() {
    GroupRecord g = group();
    Instant at = NOW.plusSeconds(40);
    ScheduledActionsService.put(ctx, g, spec("up", at, null, null, null, null, 3), NOW);
    assertThat(g.scheduledActions.get("up").next).isEqualTo(at);

    assertThat(ScheduledActionsService.runDue(g, at.minusSeconds(1))).isFalse();
    assertThat(g.desired).isEqualTo(1);
    assertThat(ScheduledActionsService.runDue(g, at)).isTrue();
    assertThat(g.desired).isEqualTo(3);
    assertThat(g.capacityCause)
        .contains("a scheduled action update of AutoScalingGroup constraints to min: 0, max: 4,")
        .contains("changing the desired capacity from 1 to 3.");
    assertThat(g.scheduledActions).isEmpty();
  }

  @Test
  void aRecurringActionRunsEachTimeItsCronNamesUntilItsEnd() {
    GroupRecord g = group();
    Instant end = Instant.parse("2026-12-03T10:03:30Z");
    ScheduledActionsService.put(ctx, g, spec("min2", null, end, "* * * * *", 2, null, null), NOW);
    ScheduledActionRecord a = g.scheduledActions.get("min2");
    assertThat(a.next).isEqualTo("2026-12-03T10:01:00Z");

    ScheduledActionsService.runDue(g, Instant.parse("2026-12-03T10:01:00Z"));
    assertThat(g.min).isEqualTo(2);
    assertThat(g.desired).isEqualTo(2); // a raised minimum raises the desired capacity
    assertThat(a.next).isEqualTo("2026-12-03T10:02:00Z");
    ScheduledActionsService.runDue(g, Instant.parse("2026-12-03T10:03:00Z"));
    assertThat(g.scheduledActions).isEmpty(); // the next minute is past its end
  }

  @Test
  void suspendedScheduledActionsAreSkippedNotKept() {
    GroupRecord g = group();
    g.suspendedProcesses.add("ScheduledActions");
    Instant at = NOW.plusSeconds(40);
    ScheduledActionsService.put(ctx, g, spec("up", at, null, null, null, null, 3), NOW);
    assertThat(ScheduledActionsService.runDue(g, at)).isFalse();
    assertThat(g.desired).isEqualTo(1);
  }
}
