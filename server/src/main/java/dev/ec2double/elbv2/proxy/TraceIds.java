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

  /** Built by hand: {@code String.format} parses its pattern on every call, once per request. */
  static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    char[] id = new char[35];
    id[0] = '1';
    id[1] = '-';
    hex((int) (System.currentTimeMillis() / 1000), id, 2);
    id[10] = '-';
    hex(r.nextInt(), id, 11);
    hex(r.nextInt(), id, 19);
    hex(r.nextInt(), id, 27);
    return new String(id);
  }

  private static void hex(int value, char[] into, int at) {
    for (int i = 7; i >= 0; i--) {
      into[at + i] = Character.forDigit(value & 0xf, 16);
      value >>>= 4;
    }
  }
}
