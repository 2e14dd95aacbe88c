package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Brings a group's count of members to its desired capacity: launches one instance per missing
 * member into the zone with the fewest, or takes out the surplus from the zone with the most (by
 * the group's termination policies, never one protected from scale in). A failed launch is a Failed
 * activity, and the next try waits {@link #RETRY}, as AWS's launches back off.
 */
final class Capacity {
  static final String GROUP_TAG = "aws:autoscaling:groupName";
  static final Duration RETRY = Duration.ofSeconds(10);

  private final Fleet fleet;

  Capacity(Fleet fleet) {
    this.fleet = fleet;
  }

  /** Whether anything changed. */
  boolean adjust(RequestContext ctx, GroupRecord g) {
    int n = g.counted().size();
    int target = g.desired + Refreshes.surge(g);
    Instant now = AutoScaling.now();
    if (n < target && !g.suspended("Launch")) {
      if (g.lastLaunchFailure != null && g.lastLaunchFailure.plus(RETRY).isAfter(now)) {
        return false;
      }
      for (int k = n; k < target; k++) {
        if (!launchOne(ctx, g, n, target, now)) {
          break;
        }
      }
      return true;
    }
    if (n > target && !g.suspended("Terminate")) {
      boolean reuse = g.warmPool != null && g.warmPool.status == null && g.warmPool.reuseOnScaleIn;
      for (Member m : victims(g, n - target)) {
        MemberSteps.leave(g, m, "Terminating", cause(g, Causes.shrunk(now, n, target)));
        m.toWarmPool = reuse;
      }
      return true;
    }
    return false;
  }

  private boolean launchOne(RequestContext ctx, GroupRecord g, int from, int to, Instant now) {
    String cause = cause(g, Causes.started(now, from, to));
    Member warm = WarmPools.take(ctx, fleet, g);
    if (warm != null) {
      join(g, warm, "Launching a new EC2 instance from warm pool: " + warm.instanceId, cause, now);
      return true;
    }
    List<String> usable =
        g.balancedZones().stream().filter(z -> !fleet.zoneImpaired(ctx.state(), z)).toList();
    // every zone out: launched as if none were (its instance then fails its status checks too)
    String zone = leastUsedZone(g, usable.isEmpty() ? g.balancedZones() : usable);
    String subnet = subnetIn(g, zone);
    try {
      Member m = launch(ctx, fleet, g, subnet, zone, now);
      join(g, m, "Launching a new EC2 instance: " + m.instanceId, cause, now);
      return true;
    } catch (AwsException e) {
      ActivityRecord a =
          new ActivityRecord(
              "Launching a new EC2 instance.  Status Reason: "
                  + e.getMessage()
                  + ". Launching EC2 instance failed.",
              cause,
              now,
              details(subnet, zone),
              "Failed");
      a.end("Failed", e.getMessage() + ". Launching EC2 instance failed.", now);
      g.record(a);
      g.lastLaunchFailure = now;
      return false;
    }
  }

  /** A launched (or warm) instance joins the group as Pending, with its launch activity. */
  static void join(GroupRecord g, Member m, String description, String cause, Instant now) {
    m.protectedFromScaleIn = g.newInstancesProtectedFromScaleIn;
    m.activity =
        new ActivityRecord(description, cause, now, details(m.subnetId, m.zone), "PreInService");
    m.activity.progress("PreInService", 30);
    g.record(m.activity);
    g.members.put(m.instanceId, m);
  }

  /** Launches one instance of the group, tagged as the group tags them (EC2's error if not). */
  static Member launch(
      RequestContext ctx, Fleet fleet, GroupRecord g, String subnet, String zone, Instant now) {
    Fleet.Instance i = fleet.launch(ctx, LaunchRequests.of(ctx, g, subnet, zone));
    List<Tag> tags = new ArrayList<>();
    tags.add(groupTag(g));
    g.tags.forEach(
        (k, t) -> {
          if (t.propagateAtLaunch()) {
            tags.add(Tag.builder().key(k).value(t.value()).build());
          }
        });
    ctx.tags().addSystem(List.of(i.id()), tags);
    Member m = new Member(i.id(), i.zone(), i.instanceType(), g.source, now);
    m.subnetId = subnet;
    return m;
  }

  private static String cause(GroupRecord g, String step) {
    return g.capacityCause == null ? step : g.capacityCause + "  " + step;
  }

  static Tag groupTag(GroupRecord g) {
    return Tag.builder().key(GROUP_TAG).value(g.name).build();
  }

  static String details(String subnet, String zone) {
    return subnet == null
        ? "{\"Availability Zone\":\"" + zone + "\"}"
        : "{\"Subnet ID\":\"" + subnet + "\",\"Availability Zone\":\"" + zone + "\"}";
  }

  /** Of the group's zones, the one with the fewest counted members. */
  static String leastUsedZone(GroupRecord g) {
    return leastUsedZone(g, g.balancedZones());
  }

  /**
   * Of the zones, the one with the fewest counted members of the group (the first such, in the
   * group's order). A zone that is out (a zone outage) is left out by the caller, as AWS's
   * rebalancing avoids an impaired zone.
   */
  static String leastUsedZone(GroupRecord g, List<String> zones) {
    String best = null;
    long fewest = Long.MAX_VALUE;
    for (String z : zones) {
      long c = g.counted().stream().filter(m -> z.equals(m.zone)).count();
      if (c < fewest) {
        fewest = c;
        best = z;
      }
    }
    return best;
  }

  /** The subnet of the zone used least by the group's members, or null without subnets. */
  static String subnetIn(GroupRecord g, String zone) {
    String best = null;
    long fewest = Long.MAX_VALUE;
    for (Map.Entry<String, String> e : g.subnetZones.entrySet()) {
      if (e.getValue().equals(zone)) {
        long c = g.counted().stream().filter(m -> e.getKey().equals(m.subnetId)).count();
        if (c < fewest) {
          fewest = c;
          best = e.getKey();
        }
      }
    }
    return best;
  }

  /**
   * The members to take out: each from the zone with the most members left, chosen there by the
   * first termination policy that tells them apart (Default: an outdated launch source first, then
   * the one closest to its next instance hour, as AWS's default policy does).
   */
  static List<Member> victims(GroupRecord g, int count) {
    List<Member> candidates =
        new ArrayList<>(g.counted().stream().filter(m -> !m.protectedFromScaleIn).toList());
    List<Member> out = new ArrayList<>();
    while (out.size() < count && !candidates.isEmpty()) {
      Map<String, Long> perZone =
          candidates.stream()
              .collect(
                  java.util.stream.Collectors.groupingBy(
                      m -> m.zone, java.util.stream.Collectors.counting()));
      long most = perZone.values().stream().mapToLong(Long::longValue).max().orElse(0);
      List<Member> inZone = candidates.stream().filter(m -> perZone.get(m.zone) == most).toList();
      Member pick = inZone.stream().min(order(g)).orElseThrow();
      out.add(pick);
      candidates.remove(pick);
    }
    return out;
  }

  private static Comparator<Member> order(GroupRecord g) {
    Instant now = AutoScaling.now();
    Comparator<Member> outdatedFirst = Comparator.comparing(m -> m.source.equals(g.source) ? 1 : 0);
    Comparator<Member> nextHour =
        Comparator.comparingLong(
            m -> 3600 - Duration.between(m.launchedAt, now).getSeconds() % 3600);
    Comparator<Member> c = null;
    for (String p : g.terminationPolicies) {
      Comparator<Member> next =
          switch (p) {
            case "OldestInstance" -> Comparator.comparing(m -> m.launchedAt);
            case "NewestInstance" -> Comparator.comparing((Member m) -> m.launchedAt).reversed();
            case "OldestLaunchTemplate", "OldestLaunchConfiguration" -> outdatedFirst;
            case "ClosestToNextInstanceHour" -> nextHour;
            default -> outdatedFirst.thenComparing(nextHour);
          };
      c = c == null ? next : c.thenComparing(next);
    }
    return c == null ? outdatedFirst.thenComparing(nextHour) : c;
  }
}
