package dev.ec2double.ec2.appstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import org.junit.jupiter.api.Test;

class StatusThresholdsTest {
  private static AppStatusStore.Check check(int passes, int failures) {
    AppStatusStore.Check c = new AppStatusStore.Check("asc-0123456789abcdef0");
    c.successThreshold = passes;
    c.failureThreshold = failures;
    return c;
  }

  @Test
  void aCheckPassesAfterItsSuccessThresholdAndFailsAfterItsFailureThreshold() {
    AppStatusStore.Check c = check(2, 3);
    AppStatusStore.Track t = new AppStatusStore.Track();
    AppStatusProber.record(t, true, c);
    assertThat(t.status).isEqualTo("initializing");
    AppStatusProber.record(t, true, c);
    assertThat(t.status).isEqualTo("passed");
    AppStatusProber.record(t, false, c);
    AppStatusProber.record(t, false, c);
    assertThat(t.status).isEqualTo("passed");
    AppStatusProber.record(t, true, c); // a pass breaks the failure streak
    AppStatusProber.record(t, false, c);
    AppStatusProber.record(t, false, c);
    assertThat(t.status).isEqualTo("passed");
    AppStatusProber.record(t, false, c);
    assertThat(t.status).isEqualTo("failed");
  }

  @Test
  void statusCodeMatchersTakeCodesAndRanges() {
    StatusCodes codes = StatusCodes.parse("200,202,300-399");
    assertThat(codes.matches(200)).isTrue();
    assertThat(codes.matches(201)).isFalse();
    assertThat(codes.matches(302)).isTrue();
    assertThat(codes.matches(400)).isFalse();
    for (String bad : new String[] {"", "300-200", "abc", "200-", "99", "200,", "1-2-3"}) {
      assertThatThrownBy(() -> StatusCodes.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
    }
  }
}
