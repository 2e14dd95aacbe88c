package dev.ec2double.core;

import dev.ec2double.errors.AwsException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Resource limits per account and region, with AWS's defaults and AWS's error when a request would
 * pass one. Features ask before they create: {@code ctx.quotas().check(Quota.KEY_PAIRS, inUse, 1)}.
 * Set with {@code --quota key-pairs=10,vcpus=8}.
 * https://docs.aws.amazon.com/ec2/latest/devguide/ec2-resource-limits.html
 */
public final class Quotas {
  /** No limit: for quotas AWS no longer has and for what a user lifts with {@code =unlimited}. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /** What can be limited, by the name {@code --quota} uses. */
  public enum Quota {
    /**
     * vCPUs of running On-Demand instances (one bucket for every type here). New AWS accounts start
     * as low as 5; 1152 is the default most established accounts see for standard instances.
     */
    VCPUS(
        "vcpus",
        1152,
        "VcpuLimitExceeded",
        "You have requested more vCPU capacity than your current vCPU limit of %d allows for the"
            + " instance bucket that the specified instance type belongs to. Please visit"
            + " http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this"
            + " limit."),
    /** Instances not terminated: AWS dropped count limits for vCPU ones, so none by default. */
    INSTANCES(
        "instances",
        UNLIMITED,
        "InstanceLimitExceeded",
        "Your quota allows for %d more running instance(s). You requested at least %d."),
    KEY_PAIRS(
        "key-pairs",
        5000,
        "KeyPairLimitExceeded",
        "Maximum of %d key pairs per region reached; %d more requested."),
    VPCS("vpcs", 5, "VpcLimitExceeded", "The maximum number of VPCs has been reached."),
    VOLUMES(
        "volumes",
        UNLIMITED,
        "VolumeLimitExceeded",
        "You have exceeded your maximum number of volumes (%d)."),
    SECURITY_GROUPS(
        "security-groups",
        2500,
        "SecurityGroupLimitExceeded",
        "The maximum number of security groups has been reached."),
    ELASTIC_IPS(
        "elastic-ips",
        5,
        "AddressLimitExceeded",
        "The maximum number of addresses has been reached."),
    LOAD_BALANCERS(
        "load-balancers",
        50,
        "TooManyLoadBalancers",
        "The quota for the number of load balancers has been reached."),
    TARGET_GROUPS(
        "target-groups",
        3000,
        "TooManyTargetGroups",
        "The quota for the number of target groups has been reached.");

    private final String key;
    private final long awsDefault;
    private final String code;
    private final String message;

    Quota(String key, long awsDefault, String code, String message) {
      this.key = key;
      this.awsDefault = awsDefault;
      this.code = code;
      this.message = message;
    }

    public String key() {
      return key;
    }

    public long awsDefault() {
      return awsDefault;
    }

    public String code() {
      return code;
    }
  }

  private static final Quotas DEFAULTS = new Quotas(new EnumMap<>(Quota.class));

  private final Map<Quota, Long> limits;

  private Quotas(Map<Quota, Long> overrides) {
    this.limits = new EnumMap<>(Quota.class);
    for (Quota q : Quota.values()) {
      limits.put(q, overrides.getOrDefault(q, q.awsDefault));
    }
  }

  /** AWS's defaults alone. */
  public static Quotas defaults() {
    return DEFAULTS;
  }

  /** {@code name=N} pairs separated by commas; N may be {@code unlimited}. */
  public static Quotas parse(String text) {
    Map<Quota, Long> set = new EnumMap<>(Quota.class);
    if (text == null) {
      return DEFAULTS;
    }
    for (String pair : text.split(",")) {
      String p = pair.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      Quota quota = eq <= 0 ? null : byKey(p.substring(0, eq).trim());
      if (quota == null) {
        throw new IllegalArgumentException(
            "quotas look like NAME=N with NAME one of " + names() + ", got '" + p + "'");
      }
      String n = p.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
      long limit;
      try {
        limit = n.equals("unlimited") ? UNLIMITED : Long.parseLong(n);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 0) {
        throw new IllegalArgumentException(
            "quota " + quota.key + " must be a number of at least 0 or unlimited, got '" + n + "'");
      }
      set.put(quota, limit);
    }
    return set.isEmpty() ? DEFAULTS : new Quotas(set);
  }

  public long limit(Quota quota) {
    return limits.get(quota);
  }

  /** How many more fit when {@code inUse} are used, each of {@code size} (never negative). */
  public long room(Quota quota, long inUse, long size) {
    long limit = limit(quota);
    if (limit == UNLIMITED) {
      return UNLIMITED;
    }
    return Math.max(0, (limit - inUse) / Math.max(1, size));
  }

  /** Throws AWS's limit error unless {@code requested} more fit beside {@code inUse}. */
  public void check(Quota quota, long inUse, long requested) {
    long limit = limit(quota);
    if (limit != UNLIMITED && requested > 0 && inUse + requested > limit) {
      throw exceeded(quota, inUse, requested);
    }
  }

  /** AWS's error for this quota: the limit, what is left, and what was asked. */
  public AwsException exceeded(Quota quota, long inUse, long requested) {
    long limit = limit(quota);
    String message =
        switch (quota) {
          case INSTANCES -> String.format(quota.message, Math.max(0, limit - inUse), requested);
          case KEY_PAIRS -> String.format(quota.message, limit, requested);
          default -> String.format(quota.message, limit);
        };
    return new AwsException(quota.code, message);
  }

  private static Quota byKey(String key) {
    for (Quota q : Quota.values()) {
      if (q.key.equals(key)) {
        return q;
      }
    }
    return null;
  }

  private static String names() {
    StringBuilder s = new StringBuilder();
    for (Quota q : Quota.values()) {
      s.append(s.length() == 0 ? "" : ", ").append(q.key);
    }
    return s.toString();
  }
}
