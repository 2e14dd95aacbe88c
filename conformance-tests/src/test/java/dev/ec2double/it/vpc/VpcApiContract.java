package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.it.Clients;
import dev.ec2double.server.Ec2DoubleServer;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AccountAttributeName;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * The VPC API as an SDK user sees it. Runs on both backends ({@link MockVpcApiIT}, {@link
 * DockerVpcApiIT}): nothing here may depend on what runs behind it.
 */
abstract class VpcApiContract {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2DoubleServer server;
  private static Supplier<String> prefixes;
  private static Ec2Client ec2;

  /**
   * Each backend's subclass calls this from its {@code @BeforeAll}, with its server and where the
   * first two octets ({@code "10.123"}) of each new VPC's {@code /16} come from.
   */
  static void client(Ec2DoubleServer backend, Supplier<String> prefix16) {
    server = backend;
    prefixes = prefix16;
    ec2 = ec2("us-west-2", "AKIDVPCAPI");
  }

  private static Ec2Client ec2(String region, String accessKey) {
    return Clients.ec2Builder(server.endpoint(), region, accessKey, "secret").build();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String cidr16() {
    return prefixes.get() + ".0.0/16";
  }

  private static String prefix(String cidr) {
    return cidr.substring(0, cidr.indexOf(".0.0/"));
  }

  private static Filter filter(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  private static String code(Runnable call) {
    try {
      call.run();
    } catch (Ec2Exception e) {
      return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }
    throw new AssertionError("the call succeeded");
  }

  private static Instance instance(String id) {
    return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
  }

  @Test
  void aNewRegionHasTheDefaultVpcAwsMakes() {
    // an account of its own: other classes on the shared server use eu-west-3 in the default one
    try (Ec2Client fresh = ec2("eu-west-3", "210000000088")) {
      List<Vpc> vpcs = fresh.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs();
      assertThat(vpcs).hasSize(1);
      Vpc vpc = vpcs.get(0);
      assertThat(vpc.cidrBlock()).isEqualTo("172.31.0.0/16");
      assertThat(vpc.stateAsString()).isEqualTo("available");

      List<Subnet> subnets =
          fresh.describeSubnets(r -> r.filters(filter("vpc-id", vpc.vpcId()))).subnets();
      assertThat(subnets).hasSize(3).allMatch(Subnet::defaultForAz);
      assertThat(subnets)
          .extracting(Subnet::cidrBlock)
          .containsExactlyInAnyOrder("172.31.0.0/20", "172.31.16.0/20", "172.31.32.0/20");
      assertThat(subnets).allMatch(s -> s.availableIpAddressCount() == 4091);

      SecurityGroup sg =
          fresh
              .describeSecurityGroups(
                  r -> r.filters(filter("vpc-id", vpc.vpcId()), filter("group-name", "default")))
              .securityGroups()
              .get(0);
      assertThat(sg.ipPermissions().get(0).userIdGroupPairs().get(0).groupId())
          .isEqualTo(sg.groupId());
      assertThat(sg.ipPermissionsEgress().get(0).ipRanges().get(0).cidrIp()).isEqualTo("0.0.0.0/0");

      var igw =
          fresh
              .describeInternetGateways(r -> r.filters(filter("attachment.vpc-id", vpc.vpcId())))
              .internetGateways();
      assertThat(igw).hasSize(1);
      var main =
          fresh
              .describeRouteTables(
                  r -> r.filters(filter("vpc-id", vpc.vpcId()), filter("association.main", "true")))
              .routeTables()
              .get(0);
      assertThat(main.routes())
          .anySatisfy(
              route -> {
                assertThat(route.destinationCidrBlock()).isEqualTo("0.0.0.0/0");
                assertThat(route.gatewayId()).isEqualTo(igw.get(0).internetGatewayId());
              });
      assertThat(
              fresh
                  .describeAccountAttributes(
                      r -> r.attributeNames(AccountAttributeName.DEFAULT_VPC))
                  .accountAttributes()
                  .get(0)
                  .attributeValues()
                  .get(0)
                  .attributeValue())
          .isEqualTo(vpc.vpcId());
    }
  }

  @Test
  void validatesCidrBlocksAsAwsDoes() {
    assertThat(code(() -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/8"))))
        .isEqualTo("InvalidVpc.Range: The CIDR '10.0.0.0/8' is invalid.");
    assertThat(code(() -> ec2.createVpc(r -> r.cidrBlock("10.0.0.1/16"))))
        .startsWith("InvalidParameterValue:");
    String cidr = cidr16();
    String vpc = ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
    String p = prefix(cidr);
    assertThat(code(() -> ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("192.168.0.0/24"))))
        .isEqualTo("InvalidSubnet.Range: The CIDR '192.168.0.0/24' is invalid.");
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(p + ".1.0/24")).subnet().subnetId();
    assertThat(code(() -> ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(p + ".1.128/25"))))
        .isEqualTo(
            "InvalidSubnet.Conflict: The CIDR '" + p + ".1.128/25' conflicts with another subnet");
    assertThat(
            code(
                () ->
                    ec2.createSubnet(
                        r -> r.vpcId("vpc-0123456789abcdef0").cidrBlock(p + ".2.0/24"))))
        .isEqualTo("InvalidVpcID.NotFound: The vpc ID 'vpc-0123456789abcdef0' does not exist");
    ec2.deleteSubnet(r -> r.subnetId(subnet));
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }

  @Test
  void deletingAVpcInUseFailsWithDependencyViolationAndChangesNothing() {
    String cidr = cidr16();
    String vpc = ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(prefix(cidr) + ".1.0/24")).subnet().subnetId();
    String id =
        ec2.runInstances(r -> r.imageId(AMI).subnetId(subnet).minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();

    assertThat(code(() -> ec2.deleteVpc(r -> r.vpcId(vpc))))
        .isEqualTo(
            "DependencyViolation: The vpc '" + vpc + "' has dependencies and cannot be deleted.");
    assertThat(code(() -> ec2.deleteSubnet(r -> r.subnetId(subnet))))
        .startsWith("DependencyViolation:");
    assertThat(ec2.describeVpcs(r -> r.vpcIds(vpc)).vpcs()).hasSize(1);
    assertThat(ec2.describeSubnets(r -> r.subnetIds(subnet)).subnets()).hasSize(1);
    assertThat(instance(id).state().nameAsString()).isIn("pending", "running");

    ec2.terminateInstances(r -> r.instanceIds(id));
    org.awaitility.Awaitility.await()
        .until(() -> instance(id).state().nameAsString().equals("terminated"));
    ec2.deleteSubnet(r -> r.subnetId(subnet));
    ec2.deleteVpc(r -> r.vpcId(vpc));
    assertThat(code(() -> ec2.describeVpcs(r -> r.vpcIds(vpc))))
        .isEqualTo("InvalidVpcID.NotFound: The vpc ID '" + vpc + "' does not exist");
  }

  @Test
  void instancesGetAnAddressOfTheirSubnetAndAPrimaryInterface() {
    String cidr = cidr16();
    String p = prefix(cidr);
    String vpc = ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(p + ".16.0/28")).subnet().subnetId();
    String sg =
        ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description("web servers"))
            .groupId();
    var run =
        ec2.runInstances(
            r -> r.imageId(AMI).subnetId(subnet).securityGroupIds(sg).minCount(2).maxCount(2));
    List<String> ids = run.instances().stream().map(Instance::instanceId).toList();

    for (String id : ids) {
      Instance i = instance(id);
      assertThat(i.vpcId()).isEqualTo(vpc);
      assertThat(i.subnetId()).isEqualTo(subnet);
      assertThat(i.privateIpAddress()).isIn(p + ".16.4", p + ".16.5");
      assertThat(i.privateDnsName())
          .isEqualTo(
              "ip-" + i.privateIpAddress().replace('.', '-') + ".us-west-2.compute.internal");
      assertThat(i.securityGroups())
          .singleElement()
          .satisfies(
              g -> {
                assertThat(g.groupId()).isEqualTo(sg);
                assertThat(g.groupName()).isEqualTo("web");
              });
      assertThat(i.networkInterfaces())
          .singleElement()
          .satisfies(
              n -> {
                assertThat(n.privateIpAddress()).isEqualTo(i.privateIpAddress());
                assertThat(n.macAddress()).matches("0e(:[0-9a-f]{2}){5}");
                assertThat(n.attachment().deviceIndex()).isZero();
                assertThat(n.attachment().deleteOnTermination()).isTrue();
              });
    }
    assertThat(
            ec2.describeInstances(
                    r -> r.filters(filter("network-interface.vpc-id", vpc), filter("vpc-id", vpc)))
                .reservations()
                .get(0)
                .instances())
        .extracting(Instance::instanceId)
        .containsExactlyInAnyOrderElementsOf(ids);
    var enis =
        ec2.describeNetworkInterfaces(r -> r.filters(filter("attachment.instance-id", ids.get(0))))
            .networkInterfaces();
    assertThat(enis)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.statusAsString()).isEqualTo("in-use");
              assertThat(n.groups()).extracting(g -> g.groupId()).containsExactly(sg);
            });
    assertThat(
            ec2.describeSubnets(r -> r.subnetIds(subnet))
                .subnets()
                .get(0)
                .availableIpAddressCount())
        .isEqualTo(16 - 5 - 2);
    // a /28 has 11 usable addresses; asking for more than remain fails as AWS does
    assertThat(
            code(
                () ->
                    ec2.runInstances(
                        r -> r.imageId(AMI).subnetId(subnet).minCount(10).maxCount(10))))
        .startsWith("InsufficientFreeAddressesInSubnet:");

    ec2.terminateInstances(r -> r.instanceIds(ids));
    org.awaitility.Awaitility.await()
        .until(
            () ->
                ec2.describeNetworkInterfaces(r -> r.filters(filter("subnet-id", subnet)))
                    .networkInterfaces()
                    .isEmpty());
    ec2.deleteSecurityGroup(r -> r.groupId(sg));
    ec2.deleteSubnet(r -> r.subnetId(subnet));
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }

  @Test
  void securityGroupRulesFollowAwsRules() {
    String vpc = ec2.createVpc(r -> r.cidrBlock(cidr16())).vpc().vpcId();
    String sg =
        ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("app").description("app")).groupId();
    assertThat(
            code(
                () -> ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("app").description("x"))))
        .isEqualTo(
            "InvalidGroup.Duplicate: The security group 'app' already exists for VPC '"
                + vpc
                + "'");
    IpPermission ssh =
        IpPermission.builder()
            .ipProtocol("tcp")
            .fromPort(22)
            .toPort(22)
            .ipRanges(r -> r.cidrIp("10.1.0.0/16").description("office"))
            .build();
    var added = ec2.authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(ssh));
    assertThat(added.securityGroupRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.securityGroupRuleId()).startsWith("sgr-");
              assertThat(rule.cidrIpv4()).isEqualTo("10.1.0.0/16");
              assertThat(rule.isEgress()).isFalse();
            });
    assertThat(code(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(ssh))))
        .isEqualTo(
            "InvalidPermission.Duplicate: the specified rule \"peer: 10.1.0.0/16, TCP, from port:"
                + " 22, to port: 22, ALLOW\" already exists");

    assertThat(
            ec2.describeSecurityGroups(
                    r -> r.filters(filter("ip-permission.from-port", "22"), filter("vpc-id", vpc)))
                .securityGroups())
        .extracting(SecurityGroup::groupId)
        .containsExactly(sg);
    var rules =
        ec2.describeSecurityGroupRules(r -> r.filters(filter("group-id", sg))).securityGroupRules();
    assertThat(rules).hasSize(2).anyMatch(r -> r.isEgress() && "0.0.0.0/0".equals(r.cidrIpv4()));

    String defaultSg =
        ec2.describeSecurityGroups(
                r -> r.filters(filter("vpc-id", vpc), filter("group-name", "default")))
            .securityGroups()
            .get(0)
            .groupId();
    assertThat(code(() -> ec2.deleteSecurityGroup(r -> r.groupId(defaultSg))))
        .startsWith("CannotDelete:");
    String other =
        ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("db").description("db")).groupId();
    ec2.authorizeSecurityGroupIngress(
        r ->
            r.groupId(other)
                .ipPermissions(
                    p ->
                        p.ipProtocol("tcp")
                            .fromPort(5432)
                            .toPort(5432)
                            .userIdGroupPairs(u -> u.groupId(sg))));
    assertThat(
            ec2.describeSecurityGroups(
                    r ->
                        r.filters(filter("ip-permission.group-name", "app"), filter("vpc-id", vpc)))
                .securityGroups())
        .extracting(SecurityGroup::groupId)
        .containsExactly(other);
    assertThat(code(() -> ec2.deleteSecurityGroup(r -> r.groupId(sg))))
        .isEqualTo("DependencyViolation: resource " + sg + " has a dependent object");
    assertThat(code(() -> ec2.deleteVpc(r -> r.vpcId(vpc)))).startsWith("DependencyViolation:");

    ec2.revokeSecurityGroupIngress(
        r ->
            r.groupId(other)
                .ipPermissions(
                    p ->
                        p.ipProtocol("tcp")
                            .fromPort(5432)
                            .toPort(5432)
                            .userIdGroupPairs(u -> u.groupId(sg))));
    ec2.revokeSecurityGroupIngress(
        r ->
            r.groupId(sg)
                .securityGroupRuleIds(added.securityGroupRules().get(0).securityGroupRuleId()));
    assertThat(code(() -> ec2.revokeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(ssh))))
        .startsWith("InvalidPermission.NotFound:");
    assertThat(
            ec2.describeSecurityGroups(r -> r.groupIds(sg)).securityGroups().get(0).ipPermissions())
        .isEmpty();
    ec2.deleteSecurityGroup(r -> r.groupId(sg));
    ec2.deleteSecurityGroup(r -> r.groupId(other));
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }

  @Test
  void gatewaysAndRouteTablesKeepAwsRules() {
    String cidr = cidr16();
    String vpc = ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(prefix(cidr) + ".1.0/24")).subnet().subnetId();
    String igw = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
    String igw2 = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
    assertThat(code(() -> ec2.attachInternetGateway(r -> r.internetGatewayId(igw2).vpcId(vpc))))
        .startsWith("Resource.AlreadyAssociated:");
    assertThat(code(() -> ec2.deleteInternetGateway(r -> r.internetGatewayId(igw))))
        .startsWith("DependencyViolation:");

    String rtb = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
    ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
    assertThat(
            code(
                () ->
                    ec2.createRoute(
                        r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw))))
        .isEqualTo("RouteAlreadyExists: The route identified by 0.0.0.0/0 already exists.");
    String assoc =
        ec2.associateRouteTable(r -> r.routeTableId(rtb).subnetId(subnet)).associationId();
    var table =
        ec2.describeRouteTables(r -> r.filters(filter("association.subnet-id", subnet)))
            .routeTables();
    assertThat(table)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.routeTableId()).isEqualTo(rtb);
              assertThat(t.routes())
                  .extracting(x -> x.destinationCidrBlock())
                  .containsExactly(cidr, "0.0.0.0/0");
              assertThat(t.routes()).allMatch(x -> x.stateAsString().equals("active"));
            });
    assertThat(code(() -> ec2.deleteRouteTable(r -> r.routeTableId(rtb))))
        .startsWith("DependencyViolation:");
    ec2.disassociateRouteTable(r -> r.associationId(assoc));
    ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
    assertThat(
            ec2.describeRouteTables(r -> r.routeTableIds(rtb))
                .routeTables()
                .get(0)
                .routes()
                .get(1)
                .stateAsString())
        .isEqualTo("blackhole");
    ec2.deleteRouteTable(r -> r.routeTableId(rtb));
    ec2.deleteInternetGateway(r -> r.internetGatewayId(igw));
    ec2.deleteInternetGateway(r -> r.internetGatewayId(igw2));
    ec2.deleteSubnet(r -> r.subnetId(subnet));
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }

  @Test
  void secondaryInterfacesAndElasticIpsAttachToInstances() {
    String cidr = cidr16();
    String vpc = ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
    String subnet =
        ec2.createSubnet(
                r ->
                    r.vpcId(vpc).cidrBlock(prefix(cidr) + ".1.0/24").availabilityZone("us-west-2a"))
            .subnet()
            .subnetId();
    String id =
        ec2.runInstances(r -> r.imageId(AMI).subnetId(subnet).minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();
    var eni =
        ec2.createNetworkInterface(
                r ->
                    r.subnetId(subnet)
                        .privateIpAddress(prefix(cidr) + ".1.50")
                        .description("second"))
            .networkInterface();
    assertThat(eni.statusAsString()).isEqualTo("available");
    assertThat(
            code(
                () ->
                    ec2.createNetworkInterface(
                        r -> r.subnetId(subnet).privateIpAddress(prefix(cidr) + ".1.50"))))
        .isEqualTo("InvalidIPAddress.InUse: Address " + prefix(cidr) + ".1.50 is in use.");
    String attachment =
        ec2.attachNetworkInterface(
                r -> r.networkInterfaceId(eni.networkInterfaceId()).instanceId(id).deviceIndex(1))
            .attachmentId();
    assertThat(instance(id).networkInterfaces())
        .extracting(n -> n.attachment().deviceIndex())
        .containsExactly(0, 1);
    assertThat(
            code(
                () ->
                    ec2.deleteNetworkInterface(
                        r -> r.networkInterfaceId(eni.networkInterfaceId()))))
        .startsWith("InvalidNetworkInterface.InUse:");

    var eip = ec2.allocateAddress(r -> r.domain("vpc"));
    String association =
        ec2.associateAddress(r -> r.allocationId(eip.allocationId()).instanceId(id))
            .associationId();
    assertThat(instance(id).publicIpAddress()).isEqualTo(eip.publicIp());
    assertThat(ec2.describeAddresses(r -> r.filters(filter("instance-id", id))).addresses())
        .singleElement()
        .satisfies(
            a -> assertThat(a.privateIpAddress()).isEqualTo(instance(id).privateIpAddress()));
    assertThat(code(() -> ec2.releaseAddress(r -> r.allocationId(eip.allocationId()))))
        .startsWith("InvalidIPAddress.InUse:");
    ec2.disassociateAddress(r -> r.associationId(association));
    ec2.releaseAddress(r -> r.allocationId(eip.allocationId()));

    ec2.detachNetworkInterface(r -> r.attachmentId(attachment));
    ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni.networkInterfaceId()));
    ec2.terminateInstances(r -> r.instanceIds(id));
    org.awaitility.Awaitility.await()
        .until(() -> instance(id).state().nameAsString().equals("terminated"));
    ec2.deleteSubnet(r -> r.subnetId(subnet));
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }

  @Test
  void modifyInstanceMetadataOptionsShowsInDescribeInstances() {
    String id =
        ec2.runInstances(r -> r.imageId(AMI).minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();
    assertThat(instance(id).metadataOptions().httpTokensAsString()).isEqualTo("optional");
    var changed =
        ec2.modifyInstanceMetadataOptions(
            r -> r.instanceId(id).httpTokens("required").httpPutResponseHopLimit(2));
    assertThat(changed.instanceMetadataOptions().httpTokensAsString()).isEqualTo("required");
    assertThat(instance(id).metadataOptions().httpPutResponseHopLimit()).isEqualTo(2);
    assertThat(instance(id).metadataOptions().httpEndpointAsString()).isEqualTo("enabled");
    assertThatThrownBy(
            () ->
                ec2.modifyInstanceMetadataOptions(
                    r -> r.instanceId(id).httpPutResponseHopLimit(65)))
        .isInstanceOf(Ec2Exception.class);
    ec2.terminateInstances(r -> r.instanceIds(id));
  }
}
