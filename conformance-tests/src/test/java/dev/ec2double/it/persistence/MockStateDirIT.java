package dev.ec2double.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.it.Clients;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.Option;
import dev.ec2double.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;

/**
 * With {@code --state-dir}, every kind of resource and its tags come back after a restart, on the
 * mock backend (fast: nothing runs); a directory in use or a damaged state file stops the start.
 */
class MockStateDirIT {
  private static final String AMI = "ami-0a1b2c3d4e5f60718";

  @TempDir Path dir;

  private Ec2DoubleServer start() {
    return new Ec2DoubleServer(
            ServerConfig.builder()
                .port(0)
                .backend("mock")
                .ami(AMI, "ec2-double/busybox:latest")
                .set(Option.STATE_DIR, dir.toString())
                .build())
        .start();
  }

  @Test
  void everyResourceAndItsTagsComeBackAfterARestart() {
    Map<String, Object> before;
    Map<String, Object> elbBefore;
    String instanceId;
    String caPem;
    try (Ec2DoubleServer server = start();
        Ec2Client ec2 = ec2(server);
        ElasticLoadBalancingV2Client elb = elb(server)) {
      instanceId = createOneOfEverything(ec2, elb);
      before = Described.ec2(ec2);
      elbBefore = Described.elbv2(elb);
      caPem = server.caPem();
    }

    try (Ec2DoubleServer server = start();
        Ec2Client ec2 = ec2(server);
        ElasticLoadBalancingV2Client elb = elb(server)) {
      assertThat(Described.ec2(ec2)).isEqualTo(before);
      assertThat(Described.elbv2(elb)).isEqualTo(elbBefore);
      // the HTTPS listeners' certificates are signed by the same CA: a test's trust holds
      assertThat(server.caPem()).isEqualTo(caPem);

      // and the restored instance still follows the state machine
      ec2.stopInstances(r -> r.instanceIds(instanceId));
      ec2.waiter().waitUntilInstanceStopped(r -> r.instanceIds(instanceId));
      ec2.startInstances(r -> r.instanceIds(instanceId));
      ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(instanceId));
      ec2.terminateInstances(r -> r.instanceIds(instanceId));
      ec2.waiter().waitUntilInstanceTerminated(r -> r.instanceIds(instanceId));
    }
  }

  @Test
  void aClientTokenRetriedAfterARestartGetsTheFirstAnswer() {
    String first;
    try (Ec2DoubleServer server = start();
        Ec2Client ec2 = ec2(server)) {
      first = runWithToken(ec2, 1).instances().get(0).instanceId();
    }
    try (Ec2DoubleServer server = start();
        Ec2Client ec2 = ec2(server)) {
      assertThat(runWithToken(ec2, 1).instances().get(0).instanceId()).isEqualTo(first);
      assertThat(
              ec2.describeInstances(r -> r.filters(f -> f.name("client-token").values("kept")))
                  .reservations())
          .hasSize(1);
      assertThatThrownBy(() -> runWithToken(ec2, 2))
          .isInstanceOfSatisfying(
              Ec2Exception.class,
              e ->
                  assertThat(e.awsErrorDetails().errorCode())
                      .isEqualTo("IdempotentParameterMismatch"));
    }
  }

  private static RunInstancesResponse runWithToken(Ec2Client ec2, int count) {
    return ec2.runInstances(
        r -> r.imageId(AMI).minCount(count).maxCount(count).clientToken("kept"));
  }

  @Test
  void aSecondServerCannotUseADirectoryInUse() {
    try (Ec2DoubleServer server = start()) {
      assertThatThrownBy(this::start)
          .hasMessageContaining("is in use by another ec2-double server");
    }
  }

  @Test
  void aDamagedStateFileStopsTheStartAndStaysAsItWas() throws Exception {
    try (Ec2DoubleServer server = start();
        Ec2Client ec2 = ec2(server)) {
      ec2.createKeyPair(r -> r.keyName("kept"));
    }
    Path file = dir.resolve("state.bin");
    byte[] saved = Files.readAllBytes(file);
    byte[] damaged = java.util.Arrays.copyOf(saved, saved.length / 2);
    Files.write(file, damaged);

    assertThatThrownBy(this::start)
        .hasMessageContaining("cannot read the saved state " + file)
        .hasMessageContaining("damaged");
    assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
  }

  /** Creates one of each kind of resource, tagged; returns the running instance. */
  private static String createOneOfEverything(Ec2Client ec2, ElasticLoadBalancingV2Client elb) {
    String vpc =
        ec2.createVpc(r -> r.cidrBlock("10.42.0.0/16").tagSpecifications(tags(ResourceType.VPC)))
            .vpc()
            .vpcId();
    String subnetA =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.42.1.0/24").availabilityZone("us-east-1a"))
            .subnet()
            .subnetId();
    String subnetB =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.42.2.0/24").availabilityZone("us-east-1b"))
            .subnet()
            .subnetId();
    String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
    String rtb = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
    ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
    ec2.associateRouteTable(r -> r.routeTableId(rtb).subnetId(subnetA));
    String sg =
        ec2.createSecurityGroup(r -> r.groupName("web").description("web").vpcId(vpc)).groupId();
    ec2.authorizeSecurityGroupIngress(
        r -> r.groupId(sg).ipProtocol("tcp").fromPort(80).toPort(80).cidrIp("0.0.0.0/0"));
    ec2.createTags(r -> r.resources(sg).tags(Tag.builder().key("role").value("web").build()));
    ec2.createKeyPair(r -> r.keyName("made").tagSpecifications(tags(ResourceType.KEY_PAIR)));
    ec2.importKeyPair(
        r ->
            r.keyName("imported")
                .publicKeyMaterial(
                    SdkBytes.fromUtf8String(
                        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGm9xbA7i0Fs4F/Wdd0aaMt8wCzxmSJ3Z0qM"
                            + "4aX0T1Yt test")));
    String vol =
        ec2.createVolume(
                r ->
                    r.availabilityZone("us-east-1a")
                        .size(2)
                        .tagSpecifications(tags(ResourceType.VOLUME)))
            .volumeId();
    ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(vol));
    String instance =
        ec2.runInstances(
                r ->
                    r.imageId(AMI)
                        .minCount(1)
                        .maxCount(1)
                        .subnetId(subnetA)
                        .securityGroupIds(sg)
                        .keyName("made")
                        .userData("IyEvYmluL3NoCmVjaG8gaGk=")
                        .tagSpecifications(tags(ResourceType.INSTANCE)))
            .instances()
            .get(0)
            .instanceId();
    ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(instance));
    ec2.attachVolume(r -> r.volumeId(vol).instanceId(instance).device("/dev/sdf"));
    ec2.waiter().waitUntilVolumeInUse(r -> r.volumeIds(vol));
    String snap =
        ec2.createSnapshot(r -> r.volumeId(vol).tagSpecifications(tags(ResourceType.SNAPSHOT)))
            .snapshotId();
    ec2.waiter().waitUntilSnapshotCompleted(r -> r.snapshotIds(snap));
    String eip = ec2.allocateAddress().allocationId();
    ec2.associateAddress(r -> r.allocationId(eip).instanceId(instance));
    ec2.createNetworkInterface(r -> r.subnetId(subnetB).groups(sg).description("spare"));
    String image = ec2.createImage(r -> r.instanceId(instance).name("saved")).imageId();
    ec2.waiter().waitUntilImageAvailable(r -> r.imageIds(image));

    String lb =
        elb.createLoadBalancer(
                r -> r.name("persisted").subnets(subnetA, subnetB).securityGroups(sg))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    String tg =
        elb.createTargetGroup(r -> r.name("persisted").protocol("HTTP").port(80).vpcId(vpc))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id(instance).port(8080)));
    String listener =
        elb.createListener(
                r ->
                    r.loadBalancerArn(lb)
                        .protocol("HTTP")
                        .port(18080)
                        .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)))
            .listeners()
            .get(0)
            .listenerArn();
    elb.createRule(
        r ->
            r.listenerArn(listener)
                .priority(5)
                .conditions(c -> c.field("path-pattern").values("/api/*"))
                .actions(
                    a ->
                        a.type(ActionTypeEnum.FIXED_RESPONSE)
                            .fixedResponseConfig(f -> f.statusCode("204"))));
    // the records of the newer ELBv2 families: a trust store with a revocation list, an HTTPS
    // listener that verifies clients with it and lists a second certificate, an LCU reservation
    String store =
        elb.createTrustStore(
                r ->
                    r.name("persisted")
                        .caCertificatesBundleS3Bucket("bundles")
                        .caCertificatesBundleS3Key("ca.pem"))
            .trustStores()
            .get(0)
            .trustStoreArn();
    elb.addTrustStoreRevocations(
        r -> r.trustStoreArn(store).revocationContents(c -> c.s3Bucket("crls").s3Key("a.crl")));
    String https =
        elb.createListener(
                r ->
                    r.loadBalancerArn(lb)
                        .protocol("HTTPS")
                        .port(18443)
                        .certificates(
                            c ->
                                c.certificateArn(
                                    "arn:aws:acm:us-east-1:123456789012:certificate/a"))
                        .mutualAuthentication(m -> m.mode("verify").trustStoreArn(store))
                        .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)))
            .listeners()
            .get(0)
            .listenerArn();
    elb.addListenerCertificates(
        r ->
            r.listenerArn(https)
                .certificates(
                    c -> c.certificateArn("arn:aws:acm:us-east-1:123456789012:certificate/b")));
    elb.modifyCapacityReservation(
        r -> r.loadBalancerArn(lb).minimumLoadBalancerCapacity(m -> m.capacityUnits(300)));
    elb.addTags(
        r ->
            r.resourceArns(lb)
                .tags(
                    software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
                        .key("env")
                        .value("test")
                        .build()));
    assertThat(
            ec2.describeInstances(
                    r -> r.filters(Filter.builder().name("tag:env").values("test").build()))
                .reservations()
                .get(0)
                .instances()
                .get(0)
                .state()
                .name())
        .isEqualTo(InstanceStateName.RUNNING);
    return instance;
  }

  private static TagSpecification tags(ResourceType type) {
    return TagSpecification.builder()
        .resourceType(type)
        .tags(
            List.of(
                Tag.builder().key("env").value("test").build(),
                Tag.builder().key("Name").value(type.toString()).build()))
        .build();
  }

  private static Ec2Client ec2(Ec2DoubleServer server) {
    return Clients.ec2(server.endpoint(), "AKIDPERSIST");
  }

  private static ElasticLoadBalancingV2Client elb(Ec2DoubleServer server) {
    return Clients.elb(server.endpoint(), "AKIDPERSIST");
  }
}
