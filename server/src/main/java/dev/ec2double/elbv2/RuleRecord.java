package dev.ec2double.elbv2;

import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/** One non-default rule of a listener; the default rule is the listener's default actions. */
public final class RuleRecord implements java.io.Serializable {
  public final long seq;
  public final String listenerArn;
  private volatile Rule sdk;

  public RuleRecord(long seq, String listenerArn, Rule sdk) {
    this.seq = seq;
    this.listenerArn = listenerArn;
    this.sdk = sdk;
  }

  public Rule sdk() {
    return sdk;
  }

  public void update(Rule updated) {
    this.sdk = updated;
  }

  public String arn() {
    return sdk.ruleArn();
  }

  public int priority() {
    return Integer.parseInt(sdk.priority());
  }
}
