package dev.ec2double.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;

class GroupChecksTest {
  private static String code(Runnable check) {
    try {
      check.run();
    } catch (AwsException e) {
      return e.code() + ": " + e.getMessage();
    }
    return "ok";
  }

  @Test
  void sizesMustNestMinDesiredMax() {
    assertThatCode(() -> GroupChecks.sizes(0, 0, 0)).doesNotThrowAnyException();
    assertThatCode(() -> GroupChecks.sizes(1, 3, 2)).doesNotThrowAnyException();
    assertThat(code(() -> GroupChecks.sizes(3, 1, 2)))
        .isEqualTo("ValidationError: Max bound, 1, must be greater than or equal to min bound, 3");
    assertThat(code(() -> GroupChecks.sizes(1, 3, 4)))
        .isEqualTo(
            "ValidationError: Desired capacity:4 must be between the specified min size:1 and max"
                + " size:3");
    assertThat(code(() -> GroupChecks.sizes(-1, 3, 0))).startsWith("ValidationError: 1 validation");
  }

  @Test
  void setDesiredCapacityNamesTheBoundItCrosses() {
    assertThat(code(() -> GroupChecks.newDesired(5, 1, 3)))
        .isEqualTo(
            "ValidationError: New SetDesiredCapacity value 5 is above max value 3 for the"
                + " AutoScalingGroup.");
    assertThat(code(() -> GroupChecks.newDesired(0, 1, 3)))
        .isEqualTo(
            "ValidationError: New SetDesiredCapacity value 0 is below min value 1 for the"
                + " AutoScalingGroup.");
    assertThat(code(() -> GroupChecks.newDesired(3, 1, 3))).isEqualTo("ok");
  }

  @Test
  void exactlyOneLaunchSourceAndATemplateByIdOrName() {
    assertThat(code(() -> GroupChecks.oneLaunchSource(true, true, false)))
        .startsWith("ValidationError: Valid requests must contain either LaunchTemplate");
    assertThat(code(() -> GroupChecks.oneLaunchSource(false, false, false)))
        .startsWith("ValidationError:");
    assertThat(code(() -> GroupChecks.oneLaunchSource(false, false, true))).isEqualTo("ok");
    assertThat(
            code(
                () ->
                    GroupChecks.templateNamed(
                        LaunchTemplateSpecification.builder()
                            .launchTemplateId("lt-1")
                            .launchTemplateName("a")
                            .build())))
        .startsWith("ValidationError: Valid requests must contain either launchTemplateId");
    assertThat(code(() -> GroupChecks.templateNamed(LaunchTemplateSpecification.builder().build())))
        .startsWith("ValidationError:");
  }

  @Test
  void subnetsAreSplitTrimmedAndDeduplicated() {
    assertThat(GroupChecks.subnets(" subnet-a, subnet-b,,subnet-a "))
        .containsExactly("subnet-a", "subnet-b");
    assertThat(GroupChecks.subnets(null)).isEmpty();
  }

  @Test
  void processesHealthCheckTypesAndTerminationPoliciesAreAwsOwn() {
    assertThat(code(() -> GroupChecks.processes(List.of("Launch", "Fly"))))
        .isEqualTo("ValidationError: Process name not recognized - Fly");
    assertThat(code(() -> GroupChecks.healthCheckType("TCP"))).startsWith("ValidationError:");
    assertThat(code(() -> GroupChecks.healthCheckType("ELB"))).isEqualTo("ok");
    assertThat(code(() -> GroupChecks.terminationPolicies(List.of("OldestInstance", "Random"))))
        .isEqualTo("ValidationError: Termination policy Random is not supported.");
  }

  @Test
  void namesAreOneTo255Characters() {
    assertThatThrownBy(() -> GroupChecks.name("autoScalingGroupName", ""))
        .isInstanceOf(AwsException.class);
    assertThatThrownBy(() -> GroupChecks.name("autoScalingGroupName", "x".repeat(256)))
        .hasMessageContaining("255");
    assertThatCode(() -> GroupChecks.name("autoScalingGroupName", "x".repeat(255)))
        .doesNotThrowAnyException();
  }
}
