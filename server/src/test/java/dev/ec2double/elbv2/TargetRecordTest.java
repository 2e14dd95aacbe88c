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
}
