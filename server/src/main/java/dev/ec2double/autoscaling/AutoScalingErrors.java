package dev.ec2double.autoscaling;

import dev.ec2double.errors.AwsException;

/**
 * The errors Auto Scaling answers with, as its API reference names them
 * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/CommonErrors.html): nearly every bad
 * input is a {@code ValidationError}; the rest have codes of their own.
 */
final class AutoScalingErrors {
  private AutoScalingErrors() {}

  static AwsException validation(String message) {
    return new AwsException("ValidationError", message);
  }

  static AwsException alreadyExists(String message) {
    return new AwsException("AlreadyExists", message);
  }

  static AwsException inUse(String message) {
    return new AwsException("ResourceInUse", message);
  }

  static AwsException activityInProgress(String message) {
    return new AwsException("ScalingActivityInProgress", message);
  }

  static AwsException idempotentMismatch(String message) {
    return new AwsException("IdempotentParameterMismatch", message);
  }

  static AwsException limitExceeded(String message) {
    return new AwsException("LimitExceeded", message);
  }
}
