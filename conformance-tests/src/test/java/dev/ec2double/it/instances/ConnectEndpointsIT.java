package dev.ec2double.it.instances;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2InstanceConnectEndpoint;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;

/** EC2 Instance Connect Endpoints through the SDK, on the mock backend. */
class ConnectEndpointsIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("us-west-1", "510000000005");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Test
  void anEndpointLivesInASubnetWithItsVpcsGroupsAndOnePerVpc() {
    Subnet subnet =
        ec2.describeSubnets(r -> r.filters(filter("default-for-az", "true"))).subnets().get(0);
    Ec2InstanceConnectEndpoint created =
        ec2.createInstanceConnectEndpoint(
                r ->
                    r.subnetId(subnet.subnetId())
                        .tagSpecifications(
                            t ->
                                t.resourceType(ResourceType.INSTANCE_CONNECT_ENDPOINT)
                                    .tags(g -> g.key("Name").value("bastion"))))
            .instanceConnectEndpoint();
    String id = created.instanceConnectEndpointId();
    assertThat(id).matches("eice-[0-9a-f]{17}");
    assertThat(created.stateAsString()).isEqualTo("create-in-progress");
    assertThat(created.vpcId()).isEqualTo(subnet.vpcId());
    assertThat(created.availabilityZone()).isEqualTo(subnet.availabilityZone());
    assertThat(created.securityGroupIds()).hasSize(1);
    assertThat(created.dnsName())
        .matches(
            id + "\\.[0-9a-f]{8}\\.ec2-instance-connect-endpoint\\.us-west-1\\.amazonaws\\.com");
    assertThat(created.fipsDnsName()).contains(".fips.");
    assertThat(created.instanceConnectEndpointArn())
        .isEqualTo("arn:aws:ec2:us-west-1:510000000005:instance-connect-endpoint/" + id);

    Ec2InstanceConnectEndpoint described =
        ec2.describeInstanceConnectEndpoints(r -> r.instanceConnectEndpointIds(id))
            .instanceConnectEndpoints()
            .get(0);
    assertThat(described.stateAsString()).isEqualTo("create-complete");
    assertThat(described.tags()).extracting(t -> t.value()).containsExactly("bastion");
    assertThat(
            ec2.describeInstanceConnectEndpoints(
                    r -> r.filters(filter("vpc-id", subnet.vpcId()), filter("state", "create-*")))
                .instanceConnectEndpoints())
        .extracting(Ec2InstanceConnectEndpoint::instanceConnectEndpointId)
        .containsExactly(id);

    assertError(
        () -> ec2.createInstanceConnectEndpoint(r -> r.subnetId(subnet.subnetId())),
        "ResourceLimitExceeded");

    String vpc = ec2.createVpc(r -> r.cidrBlock("10.41.0.0/16")).vpc().vpcId();
    String otherGroup =
        ec2.createSecurityGroup(r -> r.groupName("eice-other").description("x").vpcId(vpc))
            .groupId();
    assertError(
        () ->
            ec2.modifyInstanceConnectEndpoint(
                r -> r.instanceConnectEndpointId(id).securityGroupIds(otherGroup)),
        "InvalidSecurityGroupID.NotFound");
    String sameVpcGroup =
        ec2.createSecurityGroup(
                r -> r.groupName("eice-same").description("x").vpcId(subnet.vpcId()))
            .groupId();
    assertThat(
            ec2.modifyInstanceConnectEndpoint(
                    r ->
                        r.instanceConnectEndpointId(id)
                            .securityGroupIds(sameVpcGroup)
                            .preserveClientIp(true))
                .returnValue())
        .isTrue();
    var modified =
        ec2.describeInstanceConnectEndpoints(r -> r.instanceConnectEndpointIds(id))
            .instanceConnectEndpoints()
            .get(0);
    assertThat(modified.securityGroupIds()).containsExactly(sameVpcGroup);
    assertThat(modified.preserveClientIp()).isTrue();

    var deleted =
        ec2.deleteInstanceConnectEndpoint(r -> r.instanceConnectEndpointId(id))
            .instanceConnectEndpoint();
    assertThat(deleted.stateAsString()).isEqualTo("delete-in-progress");
    assertError(
        () -> ec2.describeInstanceConnectEndpoints(r -> r.instanceConnectEndpointIds(id)),
        "InvalidInstanceConnectEndpointId.NotFound");
  }

  @Test
  void refusesWhatAwsRefuses() {
    assertError(
        () -> ec2.createInstanceConnectEndpoint(r -> r.subnetId("subnet-0123456789abcdef0")),
        "InvalidSubnetID.NotFound");
    String subnet =
        ec2.describeSubnets(r -> r.filters(filter("default-for-az", "true")))
            .subnets()
            .get(1)
            .subnetId();
    assertError(
        () -> ec2.createInstanceConnectEndpoint(r -> r.subnetId(subnet).ipAddressType("dualstack")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createInstanceConnectEndpoint(
                r -> r.subnetId(subnet).securityGroupIds("sg-0123456789abcdef0")),
        "InvalidSecurityGroupID.NotFound");
    assertError(
        () -> ec2.describeInstanceConnectEndpoints(r -> r.maxResults(51)), "InvalidParameterValue");
    assertError(
        () -> ec2.deleteInstanceConnectEndpoint(r -> r.instanceConnectEndpointId("eice-1")),
        "InvalidInstanceConnectEndpointId.Malformed");
  }
}
