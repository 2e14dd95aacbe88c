package dev.ec2double.autoscaling;

import java.time.Instant;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;

/**
 * A scaling policy as DescribePolicies shows it, and what target tracking remembers between passes:
 * since when the load has wanted fewer instances, and when it last scaled out.
 */
final class PolicyRecord implements java.io.Serializable {
  ScalingPolicy policy;
  Instant lowSince;
  Instant lastScaleOut;
  Instant lastExecuted;

  PolicyRecord(ScalingPolicy policy) {
    this.policy = policy;
  }
}
