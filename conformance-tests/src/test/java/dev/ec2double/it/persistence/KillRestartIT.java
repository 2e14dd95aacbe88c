package dev.ec2double.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.FreeCidrs;
import dev.ec2double.it.elbv2.Albs;
import dev.ec2double.it.instances.Exec;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.Option;
import dev.ec2double.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * {@code kill -9} of a server with a state directory and a running instance, then a start with the
 * same directory: everything is described as before, the instance runs on with its address, web
 * server, metadata service and volume data, and still stops, starts and terminates. Meanwhile a
 * server without a state directory reaps what a killed server without one left, and not the rest.
 */
class KillRestartIT {
  private static final String WEB_SERVER =
      "#!/bin/sh\nmkdir -p /www\necho hello-from-$(hostname) > /www/index.html\n"
          + "busybox httpd -p 80 -h /www\n";

  private final DockerClient docker = DockerTestServer.docker();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dir;

  private final List<ServerProcess> started = new java.util.ArrayList<>();

  private ServerProcess start(Path stateDir) throws java.io.IOException {
    ServerProcess p = ServerProcess.start(stateDir);
    started.add(p);
    return p;
  }

  /** After a failure: a server with the directory adopts what is left, and removes it. */
  @AfterEach
  void removeWhatIsLeft() throws InterruptedException {
    for (ServerProcess p : started) {
      if (p.process.isAlive()) {
        p.killWithWatchdog();
      }
    }
    if (Files.exists(dir.resolve("identity"))) {
      try (Ec2DoubleServer server =
          new Ec2DoubleServer(
                  ServerConfig.builder()
                      .port(0)
                      .backend("docker")
                      .set(Option.STATE_DIR, dir.toString())
                      .build())
              .start()) {
        server.reset();
      }
    }
  }

  @Test
  void aKilledServerIsTakenUpAgainWithEverythingItRan() throws Exception {
    ServerProcess first = start(dir);
    String serverId = Files.readString(dir.resolve("identity")).trim();
    Map<String, Object> before;
    Map<String, Object> elbBefore;
    String alb;
    Instance instance;
    String volumeId;
    // a CIDR no network on the engine has: a server of the README may run beside the tests
    String net = FreeCidrs.prefix16(docker);
    try (Ec2Client ec2 = first.ec2();
        ElasticLoadBalancingV2Client elb = first.elb()) {
      String vpc =
          ec2.createVpc(r -> r.cidrBlock(net + ".0.0/16").tagSpecifications(tags(ResourceType.VPC)))
              .vpc()
              .vpcId();
      String subnet =
          ec2.createSubnet(
                  r -> r.vpcId(vpc).cidrBlock(net + ".1.0/24").availabilityZone("us-east-1a"))
              .subnet()
              .subnetId();
      String sg =
          ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description("web")).groupId();
      ec2.authorizeSecurityGroupIngress(
          r -> r.groupId(sg).ipProtocol("tcp").fromPort(80).toPort(80).cidrIp("0.0.0.0/0"));
      ec2.createTags(r -> r.resources(sg).tags(Tag.builder().key("role").value("web").build()));
      ec2.createKeyPair(r -> r.keyName("kill-restart"));
      volumeId =
          ec2.createVolume(
                  r ->
                      r.availabilityZone("us-east-1a")
                          .size(1)
                          .tagSpecifications(tags(ResourceType.VOLUME)))
              .volumeId();
      instance =
          ec2.runInstances(
                  r ->
                      r.imageId(DockerTestServer.DEBIAN_AMI)
                          .minCount(1)
                          .maxCount(1)
                          .subnetId(subnet)
                          .securityGroupIds(sg)
                          .keyName("kill-restart")
                          .userData(base64(WEB_SERVER))
                          .tagSpecifications(tags(ResourceType.INSTANCE)))
              .instances()
              .get(0);
      String id = instance.instanceId();
      waiter(ec2).waitUntilInstanceRunning(r -> r.instanceIds(id));
      String vol = volumeId;
      ec2.attachVolume(r -> r.volumeId(vol).instanceId(id).device("/dev/sdf"));
      waiter(ec2).waitUntilVolumeInUse(r -> r.volumeIds(vol));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> exec(id, "sh", "-c", "ls /mnt/ec2-double/sdf && echo yes").contains("yes"));
      exec(id, "sh", "-c", "echo kept-across-restarts > /mnt/ec2-double/sdf/data; sync");
      awaitWebServer(instance.privateIpAddress());
      assertThat(metadata(id, "instance-id")).isEqualTo(id);
      alb = loadBalance(ec2, elb, vpc, net, subnet, id);
      assertThat(http(alb)).startsWith("hello-from-");
      before = Described.ec2(ec2);
      elbBefore = Described.elbv2(elb);
    }
    awaitStateSaved();

    first.kill();
    String id = instance.instanceId();
    assertThat(running(id)).as("nothing removed the instance of a killed server").isTrue();

    // a server without a state directory, killed with its watchdog, leaves an orphan behind
    ServerProcess ephemeral = start(null);
    String orphan;
    try (Ec2Client ec2 = ephemeral.ec2()) {
      orphan =
          ec2.runInstances(r -> r.imageId(DockerTestServer.BUSYBOX_AMI).minCount(1).maxCount(1))
              .instances()
              .get(0)
              .instanceId();
      waiter(ec2).waitUntilInstanceRunning(r -> r.instanceIds(orphan));
    }
    String ephemeralId =
        docker
            .inspectContainerCmd(container(orphan))
            .exec()
            .getConfig()
            .getLabels()
            .get("dev.ec2double.server");
    assertThat(mountedUnder("/var/lib/ec2-double/" + ephemeralId)).isTrue();
    ephemeral.killWithWatchdog();
    Thread.sleep(1000);
    assertThat(containersOf(orphan)).isEqualTo(1);

    // the next server reaps the orphan, and leaves what the state directory claims
    new Ec2DoubleServer(ServerConfig.builder().port(0).backend("docker").build()).start().close();
    assertThat(containersOf(orphan)).as("the orphan is reaped").isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(mountedUnder("/var/lib/ec2-double/" + ephemeralId))
                    .as("the reaper unmounted the killed server's directory")
                    .isFalse());
    assertThat(running(id)).as("the claimed instance is kept").isTrue();

    ServerProcess second = start(dir);
    try (Ec2Client ec2 = second.ec2();
        ElasticLoadBalancingV2Client elb = second.elb()) {
      assertThat(Described.elbv2(elb)).isEqualTo(elbBefore);
      assertThat(http(alb))
          .as("the listener forwards again, on its port")
          .startsWith("hello-from-");
      afterRestart(ec2, instance, volumeId, before);
    } catch (Exception | AssertionError e) {
      System.out.println("the restarted server's log:\n" + second.log());
      throw e;
    }
    second.stop();

    // nothing of the server is left once nothing in its state needs the engine
    assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(owned(serverId)).exec())
        .isEmpty();
    assertThat(
            docker
                .listVolumesCmd()
                .withFilter("label", List.of("dev.ec2double.server=" + serverId))
                .exec()
                .getVolumes())
        .isNullOrEmpty();
    assertThat(docker.listNetworksCmd().exec())
        .noneMatch(
            n ->
                n.getLabels() != null
                    && serverId.equals(n.getLabels().get("dev.ec2double.server")));
  }

  private void afterRestart(
      Ec2Client ec2, Instance instance, String volumeId, Map<String, Object> before)
      throws Exception {
    String id = instance.instanceId();
    assertThat(Described.ec2(ec2)).isEqualTo(before);
    assertThat(http(instance.privateIpAddress())).startsWith("hello-from-");
    assertThat(metadata(id, "instance-id")).as("the metadata service answers again").isEqualTo(id);
    assertThat(exec(id, "cat", "/mnt/ec2-double/sdf/data")).isEqualTo("kept-across-restarts\n");

    ec2.stopInstances(r -> r.instanceIds(id));
    waiter(ec2).waitUntilInstanceStopped(r -> r.instanceIds(id));
    ec2.startInstances(r -> r.instanceIds(id));
    waiter(ec2).waitUntilInstanceRunning(r -> r.instanceIds(id));
    Instance restarted =
        ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    assertThat(restarted.privateIpAddress()).isEqualTo(instance.privateIpAddress());
    assertThat(exec(id, "cat", "/mnt/ec2-double/sdf/data")).isEqualTo("kept-across-restarts\n");

    String vol = volumeId;
    ec2.detachVolume(r -> r.volumeId(vol));
    waiter(ec2).waitUntilVolumeAvailable(r -> r.volumeIds(vol));
    ec2.deleteVolume(r -> r.volumeId(vol));
    ec2.terminateInstances(r -> r.instanceIds(id));
    waiter(ec2).waitUntilInstanceTerminated(r -> r.instanceIds(id));
  }

  private static Ec2Waiter waiter(Ec2Client ec2) {
    return Ec2Waiter.builder()
        .client(ec2)
        .overrideConfiguration(
            c ->
                c.maxAttempts(60)
                    .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofSeconds(1))))
        .build();
  }

  /** An ALB in front of the instance; returns the listener's port on this machine. */
  private static String loadBalance(
      Ec2Client ec2,
      ElasticLoadBalancingV2Client elb,
      String vpc,
      String net,
      String subnet,
      String id) {
    String other =
        ec2.createSubnet(
                r -> r.vpcId(vpc).cidrBlock(net + ".2.0/24").availabilityZone("us-east-1b"))
            .subnet()
            .subnetId();
    String lb =
        elb.createLoadBalancer(r -> r.name("kill-restart").subnets(subnet, other))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    String tg =
        elb.createTargetGroup(
                r ->
                    r.name("kill-restart")
                        .protocol("HTTP")
                        .port(80)
                        .vpcId(vpc)
                        .healthCheckIntervalSeconds(5)
                        .healthCheckTimeoutSeconds(2)
                        .healthyThresholdCount(2))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id(id)));
    String listener =
        elb.createListener(
                r ->
                    r.loadBalancerArn(lb)
                        .port(18177)
                        .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)))
            .listeners()
            .get(0)
            .listenerArn();
    await()
        .atMost(Duration.ofSeconds(40))
        .until(
            () ->
                elb.describeTargetHealth(r -> r.targetGroupArn(tg))
                        .targetHealthDescriptions()
                        .get(0)
                        .targetHealth()
                        .state()
                    == TargetHealthStateEnum.HEALTHY);
    return Albs.authority(elb, listener);
  }

  /**
   * The state writer saves within 100 ms of a change; on a loaded machine it may take longer. Wait
   * until the saved state has stopped changing (no write for a second) instead of guessing.
   */
  private void awaitStateSaved() {
    Path file = dir.resolve("state.bin");
    long[] last = {-1, System.nanoTime()};
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              long modified = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : -1;
              if (modified != last[0]) {
                last[0] = modified;
                last[1] = System.nanoTime();
              }
              return modified >= 0 && System.nanoTime() - last[1] > 1_000_000_000L;
            });
  }

  private static boolean mountedUnder(String dir) throws java.io.IOException {
    return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/mountinfo")).stream()
        .map(line -> line.split(" ")[4])
        .anyMatch(m -> m.equals(dir) || m.startsWith(dir + "/"));
  }

  private static Map<String, String> owned(String serverId) {
    return Map.of("dev.ec2double.server", serverId);
  }

  private boolean running(String instanceId) {
    List<Container> c = DockerTestServer.containersOf(docker, instanceId);
    return c.size() == 1 && "running".equals(c.get(0).getState());
  }

  private int containersOf(String instanceId) {
    return DockerTestServer.containersOf(docker, instanceId).size();
  }

  private String container(String instanceId) {
    return DockerTestServer.containersOf(docker, instanceId).get(0).getId();
  }

  private String exec(String instanceId, String... cmd) {
    return Exec.run(docker, container(instanceId), cmd);
  }

  private String metadata(String instanceId, String item) {
    return exec(
        instanceId, "curl", "-s", "-m", "5", "http://169.254.169.254/latest/meta-data/" + item);
  }

  private void awaitWebServer(String ip) {
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(http(ip)).startsWith("hello-from-"));
  }

  private String http(String ip) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://" + ip + "/"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static software.amazon.awssdk.services.ec2.model.TagSpecification tags(
      ResourceType type) {
    return software.amazon.awssdk.services.ec2.model.TagSpecification.builder()
        .resourceType(type)
        .tags(Tag.builder().key("Name").value("kill-restart").build())
        .build();
  }
}
