package dev.ec2double.it.vpc;

import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.FreeCidrs;
import dev.ec2double.it.instances.Exec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/** Builds VPCs with instances on the docker backend for a test class, and removes them. */
final class DockerVpcs implements AutoCloseable {
  static final String WEB_SERVER =
      "#!/bin/sh\nmkdir -p /www\necho hello-from-$(hostname) > /www/index.html\n"
          + "httpd -p 8080 -h /www\n";

  final Ec2Client ec2 = DockerTestServer.ec2();
  private final List<String> instances = new ArrayList<>();
  private final List<String> interfaces = new ArrayList<>();
  private final List<String> subnets = new ArrayList<>();
  private final List<String> groups = new ArrayList<>();
  private final List<String> acls = new ArrayList<>();
  private final List<String> vpcs = new ArrayList<>();

  /** A VPC with a 10.x.0.0/16 that no network on the engine has (FreeCidrs), and its prefix. */
  record Vpc(String id, String prefix, String subnetId) {}

  Vpc vpc() {
    return vpc(FreeCidrs.prefix16(DockerTestServer.docker()));
  }

  Vpc vpc(String prefix) {
    String id = ec2.createVpc(r -> r.cidrBlock(prefix + ".0.0/16")).vpc().vpcId();
    vpcs.add(id);
    String subnet =
        ec2.createSubnet(r -> r.vpcId(id).cidrBlock(prefix + ".1.0/24")).subnet().subnetId();
    subnets.add(0, subnet);
    return new Vpc(id, prefix, subnet);
  }

  /**
   * These tests need the host's packet filter (root, local engine): say so instead of failing
   * oddly.
   */
  static void requirePacketFilter() {
    String problem = DockerTestServer.get().backend().packetFilterProblem();
    if (problem != null) {
      throw new AssertionError("this test needs the engine host's packet filter: " + problem);
    }
  }

  /** Another subnet of the VPC, removed with it. */
  String subnet(Vpc vpc, String cidr) {
    String id = ec2.createSubnet(r -> r.vpcId(vpc.id()).cidrBlock(cidr)).subnet().subnetId();
    subnets.add(0, id);
    return id;
  }

  /** A network ACL of the VPC (it denies everything until entries say otherwise), removed too. */
  String networkAcl(Vpc vpc) {
    String id = ec2.createNetworkAcl(r -> r.vpcId(vpc.id())).networkAcl().networkAclId();
    acls.add(id);
    return id;
  }

  String group(Vpc vpc, String name) {
    String id =
        ec2.createSecurityGroup(r -> r.vpcId(vpc.id()).groupName(name).description(name)).groupId();
    groups.add(id);
    return id;
  }

  Instance run(String ami, String subnetId, String userData, String... groupIds) {
    return run(ami, subnetId, userData, r -> {}, groupIds);
  }

  /** A Spot Instance whose request interrupts it as {@code behavior} says. */
  Instance runSpot(String ami, String subnetId, String type, String behavior) {
    return run(
        ami,
        subnetId,
        null,
        r ->
            r.instanceMarketOptions(
                m ->
                    m.marketType("spot")
                        .spotOptions(
                            o -> o.spotInstanceType(type).instanceInterruptionBehavior(behavior))));
  }

  /** An instance with more of RunInstances' parameters set by {@code more}. */
  Instance run(
      String ami,
      String subnetId,
      String userData,
      java.util.function.Consumer<
              software.amazon.awssdk.services.ec2.model.RunInstancesRequest.Builder>
          more,
      String... groupIds) {
    return launch(
        userData,
        r -> {
          r.imageId(ami).subnetId(subnetId);
          more.accept(r);
          if (groupIds.length > 0) {
            r.securityGroupIds(groupIds);
          }
        });
  }

  /** One instance as {@code spec} says, with the user data (if any); terminated at the end. */
  private Instance launch(
      String userData,
      java.util.function.Consumer<
              software.amazon.awssdk.services.ec2.model.RunInstancesRequest.Builder>
          spec) {
    Instance i =
        ec2.runInstances(
                r -> {
                  spec.accept(r.minCount(1).maxCount(1));
                  if (userData != null) {
                    r.userData(
                        Base64.getEncoder()
                            .encodeToString(userData.getBytes(StandardCharsets.UTF_8)));
                  }
                })
            .instances()
            .get(0);
    instances.add(i.instanceId());
    return i;
  }

  /** A network interface of the subnet (at the given address), deleted once its instances end. */
  String networkInterface(String subnetId, String privateIp) {
    String id =
        ec2.createNetworkInterface(r -> r.subnetId(subnetId).privateIpAddress(privateIp))
            .networkInterface()
            .networkInterfaceId();
    interfaces.add(id);
    return id;
  }

  /** An instance launched on an existing network interface (its primary, device index 0). */
  Instance runOnInterface(String ami, String networkInterfaceId, String userData) {
    return launch(
        userData,
        r ->
            r.imageId(ami)
                .networkInterfaces(n -> n.deviceIndex(0).networkInterfaceId(networkInterfaceId)));
  }

  void waitRunning(String... ids) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                ec2
                        .describeInstances(
                            r ->
                                r.instanceIds(ids)
                                    .filters(
                                        Filter.builder()
                                            .name("instance-state-name")
                                            .values("running")
                                            .build()))
                        .reservations()
                        .stream()
                        .mapToInt(x -> x.instances().size())
                        .sum()
                    == ids.length);
  }

  String exec(String instanceId, String... cmd) {
    return Exec.run(DockerTestServer.docker(), "ec2double-" + instanceId, cmd);
  }

  /** What an HTTP GET of host:port from inside the instance answers (busybox nc, 3 s timeout). */
  String httpGet(String fromInstance, String host, int port) {
    return exec(
        fromInstance,
        "sh",
        "-c",
        "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 " + host + " " + port + " 2>&1");
  }

  @Override
  public void close() {
    if (!instances.isEmpty()) {
      ec2.terminateInstances(r -> r.instanceIds(instances));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  ec2.describeInstances(r -> r.instanceIds(instances)).reservations().stream()
                      .flatMap(x -> x.instances().stream())
                      .allMatch(i -> i.state().nameAsString().equals("terminated")));
    }
    interfaces.forEach(n -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId(n)));
    subnets.forEach(s -> ec2.deleteSubnet(r -> r.subnetId(s)));
    for (String g : groups) {
      var perms =
          ec2.describeSecurityGroups(r -> r.groupIds(g)).securityGroups().get(0).ipPermissions();
      if (!perms.isEmpty()) {
        ec2.revokeSecurityGroupIngress(r -> r.groupId(g).ipPermissions(perms));
      }
    }
    groups.forEach(g -> ec2.deleteSecurityGroup(r -> r.groupId(g)));
    acls.forEach(a -> ec2.deleteNetworkAcl(r -> r.networkAclId(a)));
    vpcs.forEach(v -> ec2.deleteVpc(r -> r.vpcId(v)));
    ec2.close();
  }
}
