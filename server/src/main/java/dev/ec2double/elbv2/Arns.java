package dev.ec2double.elbv2;

import java.util.concurrent.ThreadLocalRandom;

/**
 * ELBv2 ARNs as AWS forms them
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_elasticloadbalancingv2.html):
 * {@code arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app/NAME/ID} and friends, each id
 * 16 hex digits.
 */
public final class Arns {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Arns() {}

  public static String hex16() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    char[] out = new char[16];
    for (int i = 0; i < out.length; i++) {
      out[i] = HEX[r.nextInt(16)];
    }
    return new String(out);
  }

  private static String prefix(String region, String account) {
    return "arn:aws:elasticloadbalancing:" + region + ":" + account + ":";
  }

  public static String loadBalancer(String region, String account, String name, String id) {
    return prefix(region, account) + "loadbalancer/app/" + name + "/" + id;
  }

  public static String targetGroup(String region, String account, String name) {
    return prefix(region, account) + "targetgroup/" + name + "/" + hex16();
  }

  public static String trustStore(String region, String account, String name) {
    return prefix(region, account) + "truststore/" + name + "/" + hex16();
  }

  /** A listener's ARN: its load balancer's {@code app/NAME/ID} and a new id. */
  public static String listener(String loadBalancerArn) {
    return loadBalancerArn.replace(":loadbalancer/", ":listener/") + "/" + hex16();
  }

  /** A rule's ARN: its listener's {@code app/NAME/LBID/LISTENERID} and a new id. */
  public static String rule(String listenerArn) {
    return listenerArn.replace(":listener/", ":listener-rule/") + "/" + hex16();
  }

  /** The {@code NAME} part of a load balancer or target group ARN. */
  public static String nameOf(String arn) {
    String[] parts = arn.split("/");
    return parts.length >= 3 ? parts[parts.length - 2] : arn;
  }
}
