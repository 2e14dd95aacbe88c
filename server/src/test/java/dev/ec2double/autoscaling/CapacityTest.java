package dev.ec2double.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a group launches and what it takes out, from its members alone. */
class CapacityTest {
  private static final LaunchSource V1 = LaunchSource.template("lt-1", null, "1");
  private static final LaunchSource V2 = LaunchSource.template("lt-1", null, "2");

  private static GroupRecord group(LaunchSource source) {
    GroupRecord g = new GroupRecord("g", "arn", Instant.EPOCH);
    g.source = source;
    g.subnetZones.put("subnet-a", "us-east-1a");
    g.subnetZones.put("subnet-b", "us-east-1b");
    return g;
  }

  private static Member add(GroupRecord g, String id, String zone, LaunchSource s, long at) {
    Member m = new Member(id, zone, "t3.nano", s, Instant.ofEpochSecond(at));
    m.lifecycle = "InService";
    g.members.put(id, m);
    return m;
  }

  @Test
  void launchesIntoTheZoneWithFewestMembersFirstOneInOrderOnATie() {
    GroupRecord g = group(V1);
    assertThat(Capacity.leastUsedZone(g, g.balancedZones())).isEqualTo("us-east-1a");
    add(g, "i-1", "us-east-1a", V1, 0);
    assertThat(Capacity.leastUsedZone(g, g.balancedZones())).isEqualTo("us-east-1b");
    add(g, "i-2", "us-east-1b", V1, 0);
    assertThat(Capacity.leastUsedZone(g, g.balancedZones())).isEqualTo("us-east-1a");
  }

  @Test
  void leavingMembersDoNotCountTowardsAZone() {
    GroupRecord g = group(V1);
    add(g, "i-1", "us-east-1a", V1, 0).lifecycle = "Terminating";
    assertThat(Capacity.leastUsedZone(g, g.balancedZones())).isEqualTo("us-east-1a");
  }

  @Test
  void scaleInTakesFromTheFullestZoneAnOutdatedTemplateFirst() {
    GroupRecord g = group(V2);
    add(g, "i-a1", "us-east-1a", V2, 0);
    add(g, "i-a2", "us-east-1a", V1, 0);
    add(g, "i-b1", "us-east-1b", V1, 0);

    assertThat(Capacity.victims(g, 1)).extracting(m -> m.instanceId).containsExactly("i-a2");
    assertThat(Capacity.victims(g, 2)).extracting(m -> m.instanceId).hasSize(2).contains("i-a2");
  }

  @Test
  void scaleInSkipsProtectedMembersAndFollowsNewestInstance() {
    GroupRecord g = group(V1);
    g.terminationPolicies = List.of("NewestInstance");
    add(g, "i-old", "us-east-1a", V1, 10);
    add(g, "i-new", "us-east-1a", V1, 20).protectedFromScaleIn = true;
    add(g, "i-mid", "us-east-1a", V1, 15);

    assertThat(Capacity.victims(g, 1)).extracting(m -> m.instanceId).containsExactly("i-mid");
    assertThat(Capacity.victims(g, 5)).extracting(m -> m.instanceId).hasSize(2);
  }
}
