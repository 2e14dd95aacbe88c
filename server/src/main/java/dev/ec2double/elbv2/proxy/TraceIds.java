package dev.ec2double.elbv2.proxy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code X-Amzn-Trace-Id} as an ALB sets it: a new {@code Root=1-EPOCHHEX-24HEX} when the request
 * has none, else a {@code Self=} field in front of what the client sent
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-request-tracing.html).
 */
public final class TraceIds {
  private TraceIds() {}

  public static String forward(String incoming) {
    String id = newId();
    if (incoming != null && incoming.contains("Root=")) {
      return "Self=" + id + ";" + incoming;
    }
    return "Root=" + id;
  }

  static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format(
        "1-%08x-%08x%08x%08x",
        System.currentTimeMillis() / 1000, r.nextInt(), r.nextInt(), r.nextInt());
  }
}
