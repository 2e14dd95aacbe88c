package dev.ec2double.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

class TargetRecordTest {
  private final TargetRecord target = new TargetRecord("i-0123456789abcdef0", 80, "us-east-1a", 1);

  @Test
  void aNewTargetIsHealthyAtItsFirstPassedCheck() {
    assertThat(target.state()).isEqualTo(TargetHealthStateEnum.INITIAL);
    target.passed(5);
    assertThat(target.state()).isEqualTo(TargetHealthStateEnum.HEALTHY);
    assertThat(target.health().reason()).isNull();
  }

  @Test
  void aNewTargetThatFailsIsUnhealthyAfterTheUnhealthyThreshold() {
    target.failed(2, TargetHealthReasonEnum.TARGET_TIMEOUT, "Request timed out");
    assertThat(target.state()).isEqualTo(TargetHealthStateEnum.INITIAL);
    target.failed(2, TargetHealthReasonEnum.TARGET_TIMEOUT, "Request timed out");
    assertThat(target.state()).isEqualTo(TargetHealthStateEnum.UNHEALTHY);
    assertThat(target.health().reasonAsString()).isEqualTo("Target.Timeout");
  }

  @Test
  void anUnhealthyTargetNeedsTheHealthyThresholdInARow() {
    target.failed(2, TargetHealthReasonEnum.TARGET_TIMEOUT, "Request timed out");
    target.failed(2, TargetHealthReasonEnum.TARGET_TIMEOUT, "Request timed out");
    target.passed(3);
    target.passed(3);
    assertThat(target.state()).isEqualTo(TargetHealthStateEnum.UNHEALTHY);
    target.failed(2, TargetHealthReasonEnum.TARGET_TIMEOUT, "Request timed out");
    target.passed(3);
    target.passed(3);
    assertThat(target.state()).isEqualTo(TargetHealthStateEnum.UNHEALTHY);
    target.passed(3);
    assertThat(target.state()).isEqualTo(TargetHealthStateEnum.HEALTHY);
  }

  @Test
  void aStoppedInstanceComesBackThroughInitialChecks() {
    target.passed(5);
    target.invalidState("stopped");
    assertThat(target.state()).isEqualTo(TargetHealthStateEnum.UNUSED);
    target.passed(5);
    assertThat(target.state()).isEqualTo(TargetHealthStateEnum.HEALTHY);
  }

  private static final long INTERVAL = 5_000_000_000L;

  @Test
  void failedProbesDuringRegistrationDoNotCountAndComeQuickly() {
    long t = System.nanoTime();
    assertThat(target.claimProbe(t, INTERVAL)).isTrue();
    target.failed(1, TargetHealthReasonEnum.TARGET_FAILED_HEALTH_CHECKS, "Health checks failed");
    target.probeDone();
    assertThat(target.state()).isEqualTo(TargetHealthStateEnum.INITIAL);
    assertThat(target.health().reasonAsString()).isEqualTo("Elb.RegistrationInProgress");
    assertThat(target.claimProbe(t + 100_000_000L, INTERVAL)).isFalse();
    assertThat(target.claimProbe(t + 300_000_000L, INTERVAL)).isTrue();
    target.passed(5);
    target.probeDone();
    assertThat(target.state()).isEqualTo(TargetHealthStateEnum.HEALTHY);
  }

  @Test
  void afterTheFirstIntervalFailuresCountAndProbesComeAtTheInterval() {
    long t = System.nanoTime() + INTERVAL;
    assertThat(target.claimProbe(t, INTERVAL)).isTrue();
    target.failed(1, TargetHealthReasonEnum.TARGET_FAILED_HEALTH_CHECKS, "Health checks failed");
    target.probeDone();
    assertThat(target.state()).isEqualTo(TargetHealthStateEnum.UNHEALTHY);
    assertThat(target.claimProbe(t + INTERVAL - 1, INTERVAL)).isFalse();
    assertThat(target.claimProbe(t + INTERVAL, INTERVAL)).isTrue();
  }

  @Test
  void anInstanceThatStartsAgainIsRegisteredAnew() {
    long t = System.nanoTime() + 3 * INTERVAL;
    target.passed(5);
    target.invalidState("stopped");
    assertThat(target.claimProbe(t, INTERVAL)).isTrue();
    assertThat(target.health().reasonAsString()).isEqualTo("Elb.RegistrationInProgress");
    target.failed(1, TargetHealthReasonEnum.TARGET_FAILED_HEALTH_CHECKS, "Health checks failed");
    target.probeDone();
    assertThat(target.state()).isEqualTo(TargetHealthStateEnum.INITIAL);
    assertThat(target.claimProbe(t + 250_000_000L, INTERVAL)).isTrue();
  }

  @Test
  void aWrongAnswerCountsEvenDuringRegistration() {
    assertThat(target.claimProbe(System.nanoTime(), INTERVAL)).isTrue();
    target.failed(
        1,
        TargetHealthReasonEnum.TARGET_RESPONSE_CODE_MISMATCH,
        "Health checks failed with these codes: [500]");
    target.probeDone();
    assertThat(target.state()).isEqualTo(TargetHealthStateEnum.UNHEALTHY);
  }
}
