package dev.ec2double.it.instances;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.awaitState;
import static dev.ec2double.it.Ec2Calls.describe;
import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * RunInstances with NetworkInterfaces (mock backend): an existing interface as the primary one,
 * more interfaces made or attached at launch, their ends at termination, and AWS's refusals.
 */
class LaunchNetworkInterfacesIT {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static final String REGION = "us-east-2";
  private static Ec2Client ec2;
  private static String vpc;
  private static String subnet;
  private static String otherSubnet;
  private static String otherZoneSubnet;
  private static String group;

  @BeforeAll
  static void network() {
    ec2 = TestServer.ec2(REGION, "510000000071");
    vpc = ec2.createVpc(r -> r.cidrBlock("10.72.0.0/16")).vpc().vpcId();
    subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.72.1.0/24").availabilityZone("us-east-2a"))
            .subnet()
            .subnetId();
    otherSubnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.72.2.0/24").availabilityZone("us-east-2a"))
            .subnet()
            .subnetId();
    otherZoneSubnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.72.3.0/24").availabilityZone("us-east-2b"))
            .subnet()
            .subnetId();
    group =
        ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("eni-launch").description("d"))
            .groupId();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static InstanceNetworkInterfaceSpecification existing(int index, String eni) {
    return InstanceNetworkInterfaceSpecification.builder()
        .deviceIndex(index)
        .networkInterfaceId(eni)
        .build();
  }

  /** A new interface in the subnet at the device index. */
  private static InstanceNetworkInterfaceSpecification fresh(int index, String subnet) {
    return InstanceNetworkInterfaceSpecification.builder()
        .deviceIndex(index)
        .subnetId(subnet)
        .build();
  }

  private static String eni(String inSubnet, String ip) {
    return ec2.createNetworkInterface(
            r -> r.subnetId(inSubnet).groups(group).privateIpAddress(ip).description("mine"))
        .networkInterface()
        .networkInterfaceId();
  }

  private static NetworkInterface shown(String eni) {
    return ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni))
        .networkInterfaces()
        .get(0);
  }

  private static String run(RunInstancesRequest.Builder b) {
    return ec2.runInstances(b.imageId(AMI).minCount(1).maxCount(1).build())
        .instances()
        .get(0)
        .instanceId();
  }

  private static void terminate(String id) {
    ec2.terminateInstances(r -> r.instanceIds(id));
    awaitState(ec2, id, InstanceStateName.TERMINATED, Duration.ofSeconds(30));
  }

  @Test
  void anExistingInterfaceBecomesThePrimaryAndIsLeftAtTermination() {
    String eni = eni(subnet, "10.72.1.40");
    String mac = shown(eni).macAddress();

    String id = run(RunInstancesRequest.builder().networkInterfaces(existing(0, eni)));

    Instance i = describe(ec2, id);
    assertThat(i.subnetId()).isEqualTo(subnet);
    assertThat(i.vpcId()).isEqualTo(vpc);
    assertThat(i.privateIpAddress()).isEqualTo("10.72.1.40");
    assertThat(i.securityGroups()).extracting(g -> g.groupId()).containsExactly(group);
    InstanceNetworkInterface primary = i.networkInterfaces().get(0);
    assertThat(primary.networkInterfaceId()).isEqualTo(eni);
    assertThat(primary.macAddress()).isEqualTo(mac);
    assertThat(primary.description()).isEqualTo("mine");
    assertThat(primary.attachment().deviceIndex()).isZero();
    assertThat(primary.attachment().deleteOnTermination()).isFalse();
    assertThat(primary.attachment().statusAsString()).isEqualTo("attached");
    NetworkInterface attached = shown(eni);
    assertThat(attached.statusAsString()).isEqualTo("in-use");
    assertThat(attached.attachment().instanceId()).isEqualTo(id);
    assertThat(attached.attachment().attachmentId()).isEqualTo(primary.attachment().attachmentId());

    assertError(
        () -> run(RunInstancesRequest.builder().networkInterfaces(existing(0, eni))),
        "InvalidNetworkInterface.InUse");
    assertError(
        () -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni)),
        "InvalidNetworkInterface.InUse");

    terminate(id);
    NetworkInterface left = shown(eni);
    assertThat(left.statusAsString()).isEqualTo("available");
    assertThat(left.attachment()).isNull();
    assertThat(left.privateIpAddress()).isEqualTo("10.72.1.40");

    // free again: another instance takes it
    String next = run(RunInstancesRequest.builder().networkInterfaces(existing(0, eni)));
    assertThat(describe(ec2, next).privateIpAddress()).isEqualTo("10.72.1.40");
    terminate(next);
    ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni));
  }

  @Test
  void moreInterfacesAreMadeOrAttachedAndEndAsTheirDeleteOnTerminationSays() {
    String existingEni = eni(otherSubnet, null);
    String id =
        run(
            RunInstancesRequest.builder()
                .instanceType("t3.small")
                .networkInterfaces(
                    InstanceNetworkInterfaceSpecification.builder()
                        .deviceIndex(0)
                        .subnetId(subnet)
                        .groups(group)
                        .description("front")
                        .build(),
                    InstanceNetworkInterfaceSpecification.builder()
                        .deviceIndex(1)
                        .subnetId(otherSubnet)
                        .secondaryPrivateIpAddressCount(2)
                        .build(),
                    existing(2, existingEni)));

    List<InstanceNetworkInterface> nics = describe(ec2, id).networkInterfaces();
    assertThat(nics).extracting(n -> n.attachment().deviceIndex()).containsExactly(0, 1, 2);
    assertThat(nics).allSatisfy(n -> assertThat(n.statusAsString()).isEqualTo("in-use"));
    assertThat(nics)
        .extracting(n -> n.attachment().deleteOnTermination())
        .containsExactly(true, true, false);
    assertThat(nics.get(0).description()).isEqualTo("front");
    assertThat(nics.get(0).groups()).extracting(g -> g.groupId()).containsExactly(group);
    assertThat(nics.get(1).subnetId()).isEqualTo(otherSubnet);
    assertThat(nics.get(1).privateIpAddresses()).hasSize(3);
    assertThat(nics.get(1).groups())
        .singleElement()
        .satisfies(g -> assertThat(g.groupName()).isEqualTo("default"));
    assertThat(nics.get(2).networkInterfaceId()).isEqualTo(existingEni);
    assertThat(
            ec2.describeNetworkInterfaces(r -> r.filters(filter("attachment.instance-id", id)))
                .networkInterfaces())
        .hasSize(3)
        .allSatisfy(n -> assertThat(n.statusAsString()).isEqualTo("in-use"));
    String made = nics.get(1).networkInterfaceId();
    String fourth = eni(subnet, null);
    assertThat(
            error(
                () ->
                    ec2.attachNetworkInterface(
                        r -> r.instanceId(id).networkInterfaceId(fourth).deviceIndex(3))))
        .as("a t3.small takes 3 interfaces")
        .isEqualTo("AttachmentLimitExceeded: Interface count 4 exceeds the limit for t3.small");
    ec2.deleteNetworkInterface(r -> r.networkInterfaceId(fourth));

    terminate(id);
    assertError(
        () -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(made)),
        "InvalidNetworkInterfaceID.NotFound");
    assertThat(shown(existingEni).statusAsString()).isEqualTo("available");
    ec2.deleteNetworkInterface(r -> r.networkInterfaceId(existingEni));
  }

  @Test
  void aLaunchTemplateLaunchesWithItsInterfaces() {
    String template =
        ec2.createLaunchTemplate(
                r ->
                    r.launchTemplateName("eni-launch-template")
                        .launchTemplateData(
                            d ->
                                d.imageId(AMI)
                                    .instanceType("t3.micro")
                                    .networkInterfaces(
                                        LaunchTemplateInstanceNetworkInterfaceSpecificationRequest
                                            .builder()
                                            .deviceIndex(0)
                                            .subnetId(subnet)
                                            .build(),
                                        LaunchTemplateInstanceNetworkInterfaceSpecificationRequest
                                            .builder()
                                            .deviceIndex(1)
                                            .subnetId(otherSubnet)
                                            .deleteOnTermination(false)
                                            .build())))
            .launchTemplate()
            .launchTemplateId();
    String id =
        ec2.runInstances(
                r -> r.launchTemplate(t -> t.launchTemplateId(template)).minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();

    List<InstanceNetworkInterface> nics = describe(ec2, id).networkInterfaces();
    assertThat(nics)
        .extracting(InstanceNetworkInterface::subnetId)
        .containsExactly(subnet, otherSubnet);
    String kept = nics.get(1).networkInterfaceId();
    terminate(id);
    assertThat(shown(kept).statusAsString()).isEqualTo("available");
    ec2.deleteNetworkInterface(r -> r.networkInterfaceId(kept));
    ec2.deleteLaunchTemplate(r -> r.launchTemplateId(template));
  }

  @Test
  void refusesWhatAwsRefuses() {
    String eni = eni(subnet, null);
    assertError(
        () ->
            run(
                RunInstancesRequest.builder()
                    .networkInterfaces(existing(0, "eni-0123456789abcdef0"))),
        "InvalidNetworkInterfaceID.NotFound");
    assertThat(
            error(
                () ->
                    run(
                        RunInstancesRequest.builder()
                            .networkInterfaces(
                                existing(0, eni).toBuilder().subnetId(subnet).build()))))
        .isEqualTo(
            "InvalidParameterCombination: A network interface may not specify both a network"
                + " interface ID and a subnet");
    assertError(
        () ->
            run(
                RunInstancesRequest.builder()
                    .networkInterfaces(existing(0, eni).toBuilder().groups(group).build())),
        "InvalidParameterCombination");
    assertError(
        () ->
            run(
                RunInstancesRequest.builder()
                    .securityGroupIds(group)
                    .networkInterfaces(existing(0, eni))),
        "InvalidParameterCombination");
    assertError(
        () ->
            ec2.runInstances(
                r -> r.imageId(AMI).minCount(1).maxCount(2).networkInterfaces(existing(0, eni))),
        "InvalidParameterCombination");
    assertError(
        () ->
            run(
                RunInstancesRequest.builder()
                    .networkInterfaces(fresh(0, subnet), existing(0, eni))),
        "InvalidParameterValue");
    assertError(
        () ->
            run(
                RunInstancesRequest.builder()
                    .instanceType("t3.micro")
                    .networkInterfaces(fresh(0, subnet), fresh(1, subnet), existing(2, eni))),
        "AttachmentLimitExceeded");
    assertError(
        () ->
            run(
                RunInstancesRequest.builder()
                    .networkInterfaces(fresh(0, subnet), fresh(1, otherZoneSubnet))),
        "InvalidParameterCombination");
    assertThat(shown(eni).statusAsString()).as("nothing was attached").isEqualTo("available");
    assertThat(
            ec2.describeInstances(
                    r -> r.filters(filter("network-interface.subnet-id", otherZoneSubnet)))
                .reservations())
        .isEmpty();
    ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni));
  }
}
