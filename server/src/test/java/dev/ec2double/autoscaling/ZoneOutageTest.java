package dev.ec2double.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * A zone outage as a group sees it: an instance whose status checks fail is replaced, and no
 * instance is launched into a zone that is out.
 */
class ZoneOutageTest {
  private static final LaunchSource TEMPLATE = LaunchSource.template("lt-1", null, "1");
  private final RegionState region = new RegionState("123456789012", "us-east-1");
  private final RequestContext ctx =
      new RequestContext("123456789012", "us-east-1", "AKID", "Reconcile", "r", region);

  /** Instances in a map; the zones out and the instances impaired are sets the test fills. */
  private static final class Fakes implements Fleet {
    final Map<String, Instance> instances = new java.util.LinkedHashMap<>();
    final List<String> launchedInto = new ArrayList<>();
    Set<String> zonesOut = Set.of();
    Set<String> impaired = Set.of();

    @Override
    public Instance launch(RequestContext ctx, RunInstancesRequest request) {
      String zone = request.subnetId().equals("subnet-a") ? "us-east-1a" : "us-east-1b";
      launchedInto.add(zone);
      Instance i = new Instance("i-" + instances.size(), "pending", zone, "t3.nano", null);
      instances.put(i.id(), i);
      return i;
    }

    @Override
    public void terminate(RequestContext ctx, String instanceId) {
      Instance i = instances.get(instanceId);
      instances.put(instanceId, new Instance(i.id(), "terminated", i.zone(), "t3.nano", null));
    }

    @Override
    public void stop(RequestContext ctx, String instanceId) {
      throw new UnsupportedOperationException("no warm pool in these tests");
    }

    @Override
    public void start(RequestContext ctx, String instanceId) {
      throw new UnsupportedOperationException("no warm pool in these tests");
    }

    @Override
    public Instance find(RegionState region, String instanceId) {
      return instances.get(instanceId);
    }

    @Override
    public String requireTemplate(RequestContext ctx, String id, String name, String version) {
      return id;
    }

    @Override
    public String subnetZone(RegionState region, String subnetId) {
      return null;
    }

    @Override
    public boolean statusImpaired(RegionState region, String instanceId) {
      return impaired.contains(instanceId);
    }

    @Override
    public boolean zoneImpaired(RegionState region, String zone) {
      return zonesOut.contains(zone);
    }
  }

  private static GroupRecord group(int desired) {
    GroupRecord g = new GroupRecord("g", "arn", Instant.EPOCH);
    g.source = TEMPLATE;
    g.subnetZones.put("subnet-a", "us-east-1a");
    g.subnetZones.put("subnet-b", "us-east-1b");
    g.desired = desired;
    return g;
  }

  @Test
  void noInstanceIsLaunchedIntoAZoneThatIsOut() {
    Fakes fleet = new Fakes();
    fleet.zonesOut = Set.of("us-east-1a");
    GroupRecord g = group(2);

    new Capacity(fleet).adjust(ctx, g);

    assertThat(fleet.launchedInto).containsExactly("us-east-1b", "us-east-1b");
  }

  @Test
  void withEveryZoneOutTheGroupStillBalancesOverThemAll() {
    Fakes fleet = new Fakes();
    fleet.zonesOut = Set.of("us-east-1a", "us-east-1b");

    new Capacity(fleet).adjust(ctx, group(2));

    assertThat(fleet.launchedInto).containsExactly("us-east-1a", "us-east-1b");
  }

  @Test
  void anInstanceFailingItsStatusChecksIsTakenOutAndReplacedElsewhere() {
    Fakes fleet = new Fakes();
    GroupRecord g = group(2);
    Capacity capacity = new Capacity(fleet);
    capacity.adjust(ctx, g);
    MemberSteps steps = new MemberSteps(fleet, GroupTargets.NONE);
    for (String id : List.copyOf(fleet.instances.keySet())) {
      Fleet.Instance i = fleet.instances.get(id);
      fleet.instances.put(id, new Fleet.Instance(id, "running", i.zone(), "t3.nano", null));
      steps.follow(ctx, g, g.members.get(id));
    }
    assertThat(g.members.values()).allMatch(m -> m.lifecycle.equals("InService"));

    fleet.zonesOut = Set.of("us-east-1a");
    fleet.impaired = Set.of("i-0");
    steps.follow(ctx, g, g.members.get("i-0"));

    Member lost = g.members.get("i-0");
    assertThat(lost.health).isEqualTo("Unhealthy");
    assertThat(lost.lifecycle).startsWith("Terminating");
    assertThat(lost.activity.cause)
        .contains("in response to an EC2 instance status checks failure");
    capacity.adjust(ctx, g);
    assertThat(fleet.launchedInto).containsExactly("us-east-1a", "us-east-1b", "us-east-1b");
  }
}
