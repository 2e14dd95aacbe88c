package dev.ec2double.elbv2;

import dev.ec2double.errors.AwsException;

/**
 * ELBv2's error codes. Every one of them is a client error with HTTP 400 in the API model
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/CommonErrors.html).
 */
public final class Elbv2Errors {
  private Elbv2Errors() {}

  public static AwsException validation(String message) {
    return new AwsException("ValidationError", message);
  }

  public static AwsException loadBalancerNotFound(String what) {
    return new AwsException("LoadBalancerNotFound", "Load balancers '" + what + "' not found");
  }

  public static AwsException targetGroupNotFound(String what) {
    return new AwsException("TargetGroupNotFound", "Target groups '" + what + "' not found");
  }

  public static AwsException listenerNotFound(String what) {
    return new AwsException("ListenerNotFound", "Listeners '" + what + "' not found");
  }

  public static AwsException ruleNotFound(String what) {
    return new AwsException("RuleNotFound", "Rules '" + what + "' not found");
  }

  public static AwsException trustStoreNotFound(String what) {
    return new AwsException("TrustStoreNotFound", "Trust stores '" + what + "' not found");
  }

  public static AwsException sslPolicyNotFound(String name) {
    return new AwsException("SSLPolicyNotFound", "SSL policy '" + name + "' not found");
  }

  public static AwsException invalidConfiguration(String message) {
    return new AwsException("InvalidConfigurationRequest", message);
  }

  public static AwsException invalidAction(String message) {
    return new AwsException("InvalidLoadBalancerAction", message);
  }

  public static AwsException notPermitted(String message) {
    return new AwsException("OperationNotPermitted", message);
  }
}
