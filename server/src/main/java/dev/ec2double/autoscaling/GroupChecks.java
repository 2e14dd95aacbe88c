package dev.ec2double.autoscaling;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;

/**
 * The checks of a group's settings, with the messages Auto Scaling answers them with. Pure
 * functions of their inputs, so they are unit-tested alone.
 */
final class GroupChecks {
  static final int MAX_NAME = 255;

  private GroupChecks() {}

  static void name(String what, String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
      throw AutoScalingErrors.validation(
          "1 validation error detected: Value '"
              + name
              + "' at '"
              + what
              + "' failed to satisfy constraint: Member must have length less than or equal to"
              + " 255 and greater than or equal to 1");
    }
  }

  /** Min, max and desired together, after defaults; each non-negative, min <= desired <= max. */
  static void sizes(int min, int max, int desired) {
    if (min < 0 || max < 0 || desired < 0) {
      throw AutoScalingErrors.validation(
          "1 validation error detected: Value '"
              + Math.min(min, Math.min(max, desired))
              + "' failed to satisfy constraint: Member must have value greater than or equal"
              + " to 0");
    }
    if (min > max) {
      throw AutoScalingErrors.validation(
          "Max bound, " + max + ", must be greater than or equal to min bound, " + min);
    }
    if (desired < min || desired > max) {
      throw AutoScalingErrors.validation(
          "Desired capacity:"
              + desired
              + " must be between the specified min size:"
              + min
              + " and max size:"
              + max);
    }
  }

  /** SetDesiredCapacity's bounds and their messages. */
  static void newDesired(int desired, int min, int max) {
    if (desired > max) {
      throw AutoScalingErrors.validation(
          "New SetDesiredCapacity value "
              + desired
              + " is above max value "
              + max
              + " for the AutoScalingGroup.");
    }
    if (desired < min) {
      throw AutoScalingErrors.validation(
          "New SetDesiredCapacity value "
              + desired
              + " is below min value "
              + min
              + " for the AutoScalingGroup.");
    }
  }

  /** Exactly one way to launch: a template, a configuration, or a mixed instances policy. */
  static void oneLaunchSource(boolean template, boolean configuration, boolean mixed) {
    int n = (template ? 1 : 0) + (configuration ? 1 : 0) + (mixed ? 1 : 0);
    if (n != 1) {
      throw AutoScalingErrors.validation(
          "Valid requests must contain either LaunchTemplate, LaunchConfigurationName,"
              + " InstanceId or MixedInstancesPolicy parameter.");
    }
  }

  /** A template is named by its id or its name, never both, never neither. */
  static void templateNamed(LaunchTemplateSpecification spec) {
    boolean id = spec.launchTemplateId() != null;
    boolean name = spec.launchTemplateName() != null;
    if (id == name) {
      throw AutoScalingErrors.validation(
          "Valid requests must contain either launchTemplateId or LaunchTemplateName");
    }
  }

  /** VPCZoneIdentifier's subnets: comma separated, blanks around them ignored. */
  static List<String> subnets(String vpcZoneIdentifier) {
    List<String> out = new ArrayList<>();
    if (vpcZoneIdentifier == null) {
      return out;
    }
    for (String s : vpcZoneIdentifier.split(",")) {
      String id = s.trim();
      if (!id.isEmpty() && !out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  static void healthCheckType(String type) {
    if (type != null && !type.equals("EC2") && !type.equals("ELB")) {
      throw AutoScalingErrors.validation(
          "Health check type '" + type + "' is not valid: EC2 or ELB.");
    }
  }

  static final List<String> PROCESSES =
      List.of(
          "Launch",
          "Terminate",
          "AddToLoadBalancer",
          "AlarmNotification",
          "AZRebalance",
          "HealthCheck",
          "InstanceRefresh",
          "ReplaceUnhealthy",
          "ScheduledActions");

  static void processes(List<String> names) {
    for (String p : names) {
      if (!PROCESSES.contains(p)) {
        throw AutoScalingErrors.validation("Process name not recognized - " + p);
      }
    }
  }

  static final List<String> TERMINATION_POLICIES =
      List.of(
          "Default",
          "AllocationStrategy",
          "OldestLaunchTemplate",
          "OldestLaunchConfiguration",
          "ClosestToNextInstanceHour",
          "NewestInstance",
          "OldestInstance");

  static void terminationPolicies(List<String> policies) {
    for (String p : policies) {
      if (!TERMINATION_POLICIES.contains(p) && !p.startsWith("arn:")) {
        throw AutoScalingErrors.validation("Termination policy " + p + " is not supported.");
      }
    }
  }
}
