package dev.ec2double.elbv2;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/** One load balancer: its description as DescribeLoadBalancers shows it, and its attributes. */
public final class LoadBalancerRecord implements java.io.Serializable {
  public final long seq;
  private volatile LoadBalancer sdk;
  public final Map<String, String> attributes;

  /** Its LCU reservation; changed under the store's lock. */
  public volatile LoadBalancerCapacity capacity = LoadBalancerCapacity.NONE;

  public LoadBalancerRecord(long seq, LoadBalancer sdk) {
    this.seq = seq;
    this.sdk = sdk;
    this.attributes =
        new ConcurrentHashMap<>(
            sdk.type() == null
                ? LoadBalancerAttributes.DEFAULTS
                : NetworkAttributes.loadBalancerDefaults(sdk.type()));
    if (sdk.type()
            != software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum
                .GATEWAY
        && sdk.scheme()
            == software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum
                .INTERNAL) {
      attributes.put(LoadBalancerAttributes.DENY_IGW, "true");
    }
  }

  public LoadBalancer sdk() {
    return sdk;
  }

  public void update(LoadBalancer updated) {
    this.sdk = updated;
  }

  public String arn() {
    return sdk.loadBalancerArn();
  }

  public String name() {
    return sdk.loadBalancerName();
  }
}
