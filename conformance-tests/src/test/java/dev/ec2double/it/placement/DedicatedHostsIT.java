package dev.ec2double.it.placement;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.awaitState;
import static dev.ec2double.it.Ec2Calls.describe;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Host;
import software.amazon.awssdk.services.ec2.model.HostOffering;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceCapacity;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.ReleaseHostsResponse;

/** Dedicated Hosts: allocation, capacity per type, host tenancy launches, modify and release. */
class DedicatedHostsIT {
  private static final String REGION = "eu-north-1";
  private static final String A = REGION + "a";
  private static final String B = REGION + "b";
  private static int accounts = 30;
  private Ec2Client ec2;
  private final List<String> launched = new ArrayList<>();

  private void client() {
    ec2 = TestServer.ec2(REGION, "2100000000" + (accounts++));
  }

  @AfterEach
  void cleanUp() {
    if (!launched.isEmpty()) {
      ec2.terminateInstances(r -> r.instanceIds(launched));
    }
    ec2.close();
  }

  private String allocate(
      Consumer<software.amazon.awssdk.services.ec2.model.AllocateHostsRequest.Builder> more) {
    return ec2.allocateHosts(r -> more.accept(r.availabilityZone(A).quantity(1))).hostIds().get(0);
  }

  private Host host(String id) {
    return ec2.describeHosts(r -> r.hostIds(id)).hosts().get(0);
  }

  private static int available(Host h, String type) {
    return h.availableCapacity().availableInstanceCapacity().stream()
        .filter(c -> c.instanceType().equals(type))
        .mapToInt(InstanceCapacity::availableCapacity)
        .findFirst()
        .orElseThrow();
  }

  private List<Instance> run(String type, int count, Consumer<Placement.Builder> placement) {
    List<Instance> out =
        ec2.runInstances(
                r ->
                    r.imageId("ami-0ec2d00000000de12")
                        .instanceType(type)
                        .minCount(count)
                        .maxCount(count)
                        .placement(placement))
            .instances();
    out.forEach(i -> launched.add(i.instanceId()));
    return out;
  }

  @Test
  void aHostTakesAsManyInstancesAsItsVcpusAllowAndShowsThem() {
    client();
    String id = allocate(r -> r.instanceType("m5.xlarge").autoPlacement("on"));
    Host h = host(id);
    assertThat(id).matches("h-[0-9a-f]{17}");
    assertThat(h.stateAsString()).isEqualTo("available");
    assertThat(h.hostProperties().instanceType()).isEqualTo("m5.xlarge");
    assertThat(h.hostProperties().totalVCpus()).isEqualTo(96);
    assertThat(h.availableCapacity().availableVCpus()).isEqualTo(96);
    assertThat(available(h, "m5.xlarge")).isEqualTo(24);

    Instance on = run("m5.xlarge", 2, p -> p.tenancy("host").availabilityZone(A)).get(0);
    assertThat(on.placement().hostId()).isEqualTo(id);
    assertThat(on.placement().tenancyAsString()).isEqualTo("host");
    assertThat(on.placement().affinity()).isEqualTo("default");
    Host used = host(id);
    assertThat(used.availableCapacity().availableVCpus()).isEqualTo(88);
    assertThat(available(used, "m5.xlarge")).isEqualTo(22);
    assertThat(used.instances()).hasSize(2);
    assertThat(
            ec2.describeInstances(r -> r.filters(filter("host-id", id)))
                .reservations()
                .get(0)
                .instances())
        .hasSize(2);

    // another type, another zone, or too many find no host
    assertError(
        () -> run("m5.large", 1, p -> p.tenancy("host").availabilityZone(A)),
        "InsufficientHostCapacity");
    assertError(
        () -> run("m5.xlarge", 1, p -> p.tenancy("host").availabilityZone(B)),
        "InsufficientHostCapacity");
    assertError(
        () -> run("m5.xlarge", 23, p -> p.hostId(id).availabilityZone(A)),
        "InsufficientHostCapacity");
    assertError(
        () -> run("m5.large", 1, p -> p.hostId(id).availabilityZone(A)),
        "InvalidParameterCombination");
  }

  @Test
  void aFamilyHostRunsEverySizeAndAHostWithoutAutoPlacementOnlyWhenNamed() {
    client();
    String id = allocate(r -> r.instanceFamily("m5"));
    assertThat(host(id).allowsMultipleInstanceTypesAsString()).isEqualTo("on");
    assertThat(host(id).autoPlacementAsString()).isEqualTo("off");
    assertError(
        () -> run("m5.large", 1, p -> p.tenancy("host").availabilityZone(A)),
        "InsufficientHostCapacity");
    run("m5.large", 1, p -> p.hostId(id).affinity("host").availabilityZone(A));
    Instance big = run("m5.xlarge", 1, p -> p.hostId(id).availabilityZone(A)).get(0);
    assertThat(describe(ec2, big.instanceId()).placement().hostId()).isEqualTo(id);
    assertThat(host(id).availableCapacity().availableVCpus()).isEqualTo(90);

    assertThat(ec2.modifyHosts(r -> r.hostIds(id).autoPlacement("on")).successful())
        .containsExactly(id);
    assertThat(host(id).autoPlacementAsString()).isEqualTo("on");
    assertThat(ec2.describeHosts(r -> r.filter(filter("auto-placement", "on"))).hosts())
        .extracting(Host::hostId)
        .containsExactly(id);
    // the type cannot change under its instances
    assertThat(ec2.modifyHosts(r -> r.hostIds(id).instanceType("m5.large")).unsuccessful())
        .singleElement()
        .satisfies(u -> assertThat(u.error().code()).isEqualTo("Client.InvalidHost.Occupied"));
  }

  @Test
  void releaseRefusesAHostWithInstancesAndKeepsReleasedOnesVisible() {
    client();
    String id = allocate(r -> r.instanceType("c5.large").autoPlacement("on"));
    String instance =
        run("c5.large", 1, p -> p.tenancy("host").availabilityZone(A)).get(0).instanceId();
    ReleaseHostsResponse refused = ec2.releaseHosts(r -> r.hostIds(id, "h-0123456789abcdef0"));
    assertThat(refused.successful()).isEmpty();
    assertThat(refused.unsuccessful())
        .extracting(u -> u.error().code())
        .containsExactly("Client.InvalidHost.Occupied", "Client.InvalidHostID.NotFound");

    ec2.terminateInstances(r -> r.instanceIds(instance));
    awaitState(ec2, instance, InstanceStateName.TERMINATED, Duration.ofSeconds(30));
    launched.clear();
    assertThat(ec2.releaseHosts(r -> r.hostIds(id)).successful()).containsExactly(id);
    Host released = host(id);
    assertThat(released.stateAsString()).isEqualTo("released");
    assertThat(released.releaseTime()).isNotNull();
    assertError(() -> run("c5.large", 1, p -> p.hostId(id).availabilityZone(A)), "IncorrectState");
  }

  @Test
  void modifyInstancePlacementMovesAStoppedInstanceOntoAHost() {
    client();
    String id = allocate(r -> r.instanceType("t3.micro"));
    String instance = run("t3.micro", 1, p -> p.availabilityZone(A)).get(0).instanceId();
    awaitState(ec2, instance, InstanceStateName.RUNNING, Duration.ofSeconds(30));
    ec2.stopInstances(r -> r.instanceIds(instance));
    awaitState(ec2, instance, InstanceStateName.STOPPED, Duration.ofSeconds(30));
    ec2.modifyInstancePlacement(r -> r.instanceId(instance).hostId(id).affinity("host"));
    Placement p = describe(ec2, instance).placement();
    assertThat(p.tenancyAsString()).isEqualTo("host");
    assertThat(p.hostId()).isEqualTo(id);
    assertThat(p.affinity()).isEqualTo("host");
    ec2.modifyInstancePlacement(r -> r.instanceId(instance).tenancy("default"));
    assertThat(describe(ec2, instance).placement().hostId()).isNull();
  }

  @Test
  void allocateRefusesWhatAwsRefuses() {
    client();
    assertError(() -> ec2.allocateHosts(r -> r.availabilityZone(A)), "MissingParameter");
    assertError(
        () ->
            ec2.allocateHosts(
                r -> r.availabilityZone(A).instanceType("m5.large").instanceFamily("m5")),
        "InvalidParameterCombination");
    assertError(
        () -> ec2.allocateHosts(r -> r.availabilityZone(A).instanceType("z9.mega")),
        "InvalidParameterValue");
    assertError(
        () -> ec2.allocateHosts(r -> r.availabilityZone("us-east-1a").instanceType("m5.large")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.allocateHosts(
                r -> r.availabilityZone(A).instanceType("m5.large").autoPlacement("maybe")),
        "InvalidParameterValue");
    assertError(() -> ec2.describeHosts(r -> r.hostIds("h-nope")), "InvalidHostId.Malformed");
    assertError(
        () -> ec2.describeHosts(r -> r.hostIds("h-0123456789abcdef0")), "InvalidHostID.NotFound");
    assertThat(ec2.describeHosts(r -> r.maxResults(5)).hosts()).isEmpty();
  }

  @Test
  void offeringsAreListedPerFamilyPaymentAndTerm() {
    client();
    List<HostOffering> m5 =
        ec2.describeHostReservationOfferings(r -> r.filter(filter("instance-family", "m5")))
            .offeringSet();
    assertThat(m5).hasSize(6);
    assertThat(m5).extracting(HostOffering::duration).containsOnly(31536000, 94608000);
    assertThat(m5).allSatisfy(o -> assertThat(o.offeringId()).matches("hro-[0-9a-f]{17}"));
    List<HostOffering> threeYearsAllUpfront =
        ec2.describeHostReservationOfferings(
                r ->
                    r.minDuration(94608000)
                        .filter(
                            filter("instance-family", "m5"),
                            filter("payment-option", "AllUpfront")))
            .offeringSet();
    assertThat(threeYearsAllUpfront)
        .singleElement()
        .satisfies(o -> assertThat(o.hourlyPrice()).isEqualTo("0.000"));
    assertThat(ec2.describeHostReservations(r -> r.maxResults(5)).hostReservationSet()).isEmpty();
  }

  @Test
  void theAwsCliAllocatesAndDescribesAHost() throws Exception {
    client();
    AwsCli.requireInstalled("DedicatedHostsIT");
    ObjectMapper json = new ObjectMapper();
    AwsCli.Run made =
        AwsCli.run(
            REGION,
            "ec2",
            "allocate-hosts",
            "--availability-zone",
            A,
            "--instance-type",
            "c5.large",
            "--quantity",
            "1");
    assertThat(made.exit()).as(made.stderr()).isZero();
    String id = json.readTree(made.stdout()).get("HostIds").get(0).asText();
    AwsCli.Run described = AwsCli.run(REGION, "ec2", "describe-hosts", "--host-ids", id);
    assertThat(described.exit()).as(described.stderr()).isZero();
    JsonNode h = json.readTree(described.stdout()).get("Hosts").get(0);
    assertThat(h.get("HostProperties").get("TotalVCpus").asInt()).isEqualTo(72);
    assertThat(
            h.get("AvailableCapacity")
                .get("AvailableInstanceCapacity")
                .get(0)
                .get("TotalCapacity")
                .asInt())
        .isEqualTo(36);
    AwsCli.Run released = AwsCli.run(REGION, "ec2", "release-hosts", "--host-ids", id);
    assertThat(released.exit()).as(released.stderr()).isZero();
    assertThat(json.readTree(released.stdout()).get("Successful").get(0).asText()).isEqualTo(id);
  }
}
