package dev.ec2double.it.vpc;

import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.PrefixListEntry;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

/**
 * Managed prefix lists (AWS's and one's own, with versions) and VPC endpoints (gateway endpoints'
 * routes to their service's list, interface endpoints' subnets and DNS), as records on the mock
 * backend, and the AWS CLI reading both once.
 */
class PrefixListsAndEndpointsApiIT {
  private static final String REGION = "ap-northeast-1";
  private static final Ec2Client ec2 = TestServer.ec2(REGION, "AKIDPLVPCEMOCK");

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static ManagedPrefixList aws(String service) {
    return ec2.describeManagedPrefixLists(
            r -> r.filters(filter("prefix-list-name", "com.amazonaws." + REGION + "." + service)))
        .prefixLists()
        .get(0);
  }

  @Test
  void ownListsHaveVersionsAndAwsListsAreThere() {
    ManagedPrefixList s3 = aws("s3");
    assertThat(s3.ownerId()).isEqualTo("AWS");
    assertThat(s3.prefixListId()).matches("pl-[0-9a-f]{8}");
    assertThat(aws("dynamodb").prefixListId()).isNotEqualTo(s3.prefixListId());
    assertThat(
            ec2.describePrefixLists(r -> r.prefixListIds(s3.prefixListId()))
                .prefixLists()
                .get(0)
                .cidrs())
        .isNotEmpty();
    assertThat(
            error(
                () ->
                    ec2.modifyManagedPrefixList(
                        r ->
                            r.prefixListId(s3.prefixListId())
                                .addEntries(e -> e.cidr("10.0.0.0/8")))))
        .startsWith("UnauthorizedOperation");

    ManagedPrefixList made =
        ec2.createManagedPrefixList(
                r ->
                    r.prefixListName("office")
                        .maxEntries(3)
                        .addressFamily("IPv4")
                        .entries(e -> e.cidr("10.1.0.0/16").description("hq"))
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.PREFIX_LIST)
                                .tags(t -> t.key("team").value("net"))
                                .build()))
            .prefixList();
    String id = made.prefixListId();
    assertThat(made.version()).isEqualTo(1L);
    assertThat(made.stateAsString()).isEqualTo("create-complete");
    assertThat(made.tags()).extracting(t -> t.value()).containsExactly("net");
    ManagedPrefixList v2 =
        ec2.modifyManagedPrefixList(
                r ->
                    r.prefixListId(id)
                        .currentVersion(1L)
                        .addEntries(e -> e.cidr("10.2.0.0/16"))
                        .removeEntries(e -> e.cidr("10.1.0.0/16")))
            .prefixList();
    assertThat(v2.version()).isEqualTo(2L);
    assertThat(ec2.getManagedPrefixListEntries(r -> r.prefixListId(id)).entries())
        .extracting(PrefixListEntry::cidr)
        .containsExactly("10.2.0.0/16");
    assertThat(ec2.getManagedPrefixListEntries(r -> r.prefixListId(id).targetVersion(1L)).entries())
        .extracting(PrefixListEntry::description)
        .containsExactly("hq");
    assertThat(
            error(
                () ->
                    ec2.modifyManagedPrefixList(
                        r ->
                            r.prefixListId(id)
                                .currentVersion(1L)
                                .addEntries(e -> e.cidr("10.3.0.0/16")))))
        .startsWith("PrefixListVersionMismatch");
    assertThat(
            error(
                () ->
                    ec2.modifyManagedPrefixList(
                        r ->
                            r.prefixListId(id)
                                .addEntries(
                                    e -> e.cidr("10.4.0.0/16"),
                                    e -> e.cidr("10.5.0.0/16"),
                                    e -> e.cidr("10.6.0.0/16")))))
        .as("more than MaxEntries")
        .startsWith("InvalidParameterValue");
    assertThat(
            ec2.restoreManagedPrefixListVersion(
                    r -> r.prefixListId(id).currentVersion(2L).previousVersion(1L))
                .prefixList()
                .version())
        .isEqualTo(3L);
    assertThat(
            ec2.describeManagedPrefixLists(r -> r.filters(filter("owner-id", "AWS"))).prefixLists())
        .hasSize(2);

    // a route uses it: listed as an association, and it cannot be deleted
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.50.0.0/16")).vpc().vpcId();
    String rtb = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
    String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
    ec2.createRoute(r -> r.routeTableId(rtb).destinationPrefixListId(id).gatewayId(igw));
    assertThat(
            ec2.getManagedPrefixListAssociations(r -> r.prefixListId(id)).prefixListAssociations())
        .extracting(a -> a.resourceId())
        .containsExactly(rtb);
    assertThat(error(() -> ec2.deleteManagedPrefixList(r -> r.prefixListId(id))))
        .startsWith("DependencyViolation");
    ec2.deleteRoute(r -> r.routeTableId(rtb).destinationPrefixListId(id));
    assertThat(ec2.deleteManagedPrefixList(r -> r.prefixListId(id)).prefixList().stateAsString())
        .isEqualTo("delete-complete");
    assertThat(error(() -> ec2.getManagedPrefixListEntries(r -> r.prefixListId(id))))
        .startsWith("InvalidPrefixListID.NotFound");
    assertThat(
            error(
                () ->
                    ec2.createManagedPrefixList(
                        r -> r.prefixListName("x").maxEntries(1).addressFamily("IPv5"))))
        .startsWith("InvalidParameterValue");
  }

  @Test
  void gatewayEndpointsRouteToTheirServicesListAndInterfaceEndpointsTakeSubnets() {
    String s3 = "com.amazonaws." + REGION + ".s3";
    var services = ec2.describeVpcEndpointServices();
    assertThat(services.serviceNames())
        .contains(s3, "com.amazonaws." + REGION + ".ec2", "com.amazonaws." + REGION + ".dynamodb");
    assertThat(
            ec2.describeVpcEndpointServices(
                    r ->
                        r.filters(
                            filter("service-type", "Gateway"),
                            filter("service-name", "*.dynamodb")))
                .serviceDetails())
        .extracting(ServiceDetail::serviceName)
        .containsExactly("com.amazonaws." + REGION + ".dynamodb");
    assertThat(
            error(
                () -> ec2.describeVpcEndpointServices(r -> r.serviceNames("com.example.nothing"))))
        .startsWith("InvalidServiceName");

    String vpc = ec2.createVpc(r -> r.cidrBlock("10.51.0.0/16")).vpc().vpcId();
    String rtb = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
    VpcEndpoint gw =
        ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(s3).routeTableIds(rtb)).vpcEndpoint();
    assertThat(gw.vpcEndpointId()).matches("vpce-[0-9a-f]{17}");
    assertThat(gw.vpcEndpointTypeAsString()).isEqualTo("Gateway");
    assertThat(gw.policyDocument()).contains("\"Effect\":\"Allow\"");
    String pl = aws("s3").prefixListId();
    Route toS3 =
        ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).routes().stream()
            .filter(x -> pl.equals(x.destinationPrefixListId()))
            .findFirst()
            .orElseThrow();
    assertThat(toS3.gatewayId()).isEqualTo(gw.vpcEndpointId());
    assertThat(toS3.stateAsString()).isEqualTo("active");
    assertThat(
            error(
                () -> ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(s3).routeTableIds(rtb))))
        .startsWith("RouteAlreadyExists");
    assertThat(
            ec2.describeVpcEndpoints(
                    r ->
                        r.filters(
                            filter("vpc-id", vpc),
                            filter("vpc-endpoint-type", "Gateway"),
                            filter("vpc-endpoint-state", "available")))
                .vpcEndpoints())
        .extracting(VpcEndpoint::vpcEndpointId)
        .containsExactly(gw.vpcEndpointId());
    ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(gw.vpcEndpointId()).removeRouteTableIds(rtb));
    assertThat(ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).routes())
        .hasSize(1);

    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.51.1.0/24")).subnet().subnetId();
    String ec2Service = "com.amazonaws." + REGION + ".ec2";
    assertThat(
            error(
                () ->
                    ec2.createVpcEndpoint(
                        r ->
                            r.vpcId(vpc)
                                .serviceName(ec2Service)
                                .vpcEndpointType(VpcEndpointType.INTERFACE)
                                .subnetIds(subnet))))
        .as("private DNS needs the VPC's DNS hostnames")
        .startsWith("InvalidParameter: Enabling private DNS");
    assertThat(
            error(
                () ->
                    ec2.createVpcEndpoint(
                        r ->
                            r.vpcId(vpc)
                                .serviceName("com.amazonaws." + REGION + ".dynamodb")
                                .vpcEndpointType(VpcEndpointType.INTERFACE))))
        .startsWith("InvalidParameter");
    VpcEndpoint iface =
        ec2.createVpcEndpoint(
                r ->
                    r.vpcId(vpc)
                        .serviceName(ec2Service)
                        .vpcEndpointType(VpcEndpointType.INTERFACE)
                        .privateDnsEnabled(false)
                        .subnetIds(subnet))
            .vpcEndpoint();
    assertThat(iface.stateAsString()).isEqualTo("pending");
    VpcEndpoint shown =
        ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(iface.vpcEndpointId()))
            .vpcEndpoints()
            .get(0);
    assertThat(shown.stateAsString()).isEqualTo("available");
    assertThat(shown.subnetIds()).containsExactly(subnet);
    assertThat(shown.networkInterfaceIds()).hasSize(1);
    assertThat(shown.groups()).hasSize(1);
    assertThat(shown.dnsEntries().get(0).dnsName())
        .endsWith(".ec2." + REGION + ".vpce.amazonaws.com");

    var deleted =
        ec2.deleteVpcEndpoints(
            r ->
                r.vpcEndpointIds(
                    gw.vpcEndpointId(), iface.vpcEndpointId(), "vpce-0123456789abcdef0"));
    assertThat(deleted.unsuccessful())
        .singleElement()
        .satisfies(u -> assertThat(u.resourceId()).isEqualTo("vpce-0123456789abcdef0"));
    assertThat(ec2.describeVpcEndpoints(r -> r.filters(filter("vpc-id", vpc))).vpcEndpoints())
        .isEmpty();
  }

  @Test
  void theAwsCliReadsPrefixListsAndEndpointServices() throws Exception {
    AwsCli.requireInstalled("PrefixListsAndEndpointsApiIT");
    ObjectMapper json = new ObjectMapper();
    AwsCli.Run lists =
        AwsCli.run(
            REGION,
            "ec2",
            "describe-managed-prefix-lists",
            "--filters",
            "Name=owner-id,Values=AWS");
    assertThat(lists.exit()).as(lists.stderr()).isZero();
    JsonNode pls = json.readTree(lists.stdout()).get("PrefixLists");
    assertThat(pls).hasSize(2);
    assertThat(pls.get(0).get("PrefixListName").asText()).startsWith("com.amazonaws." + REGION);
    AwsCli.Run services =
        AwsCli.run(
            REGION,
            "ec2",
            "describe-vpc-endpoint-services",
            "--service-names",
            "com.amazonaws." + REGION + ".s3");
    assertThat(services.exit()).as(services.stderr()).isZero();
    JsonNode detail = json.readTree(services.stdout()).get("ServiceDetails").get(0);
    assertThat(detail.get("ServiceType")).hasSize(2);
    assertThat(detail.get("ServiceType").get(0).get("ServiceType").asText()).isEqualTo("Gateway");
  }
}
