package dev.ec2double.it.vpc;

import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateCustomerGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CustomerGateway;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GatewayType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Customer gateways (records only) as an SDK user and the AWS CLI see them, on the mock backend.
 */
class CustomerGatewaysIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-west-3", "AKIDCUSTOMERGWS");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static CustomerGateway create(
      String ip,
      String name,
      java.util.function.Consumer<CreateCustomerGatewayRequest.Builder> more) {
    return ec2.createCustomerGateway(
            r -> {
              r.type(GatewayType.IPSEC_1)
                  .ipAddress(ip)
                  .tagSpecifications(
                      TagSpecification.builder()
                          .resourceType(ResourceType.CUSTOMER_GATEWAY)
                          .tags(Tag.builder().key("Name").value(name).build())
                          .build());
              more.accept(r);
            })
        .customerGateway();
  }

  private static List<String> ids(Filter... filters) {
    return ec2.describeCustomerGateways(r -> r.filters(filters)).customerGateways().stream()
        .map(CustomerGateway::customerGatewayId)
        .toList();
  }

  @Test
  void createsDescribesAndDeletesAGateway() {
    CustomerGateway made =
        create("198.51.100.7", "cgw-one", r -> r.bgpAsn(65010).deviceName("edge-1"));
    assertThat(made.customerGatewayId()).matches("cgw-[0-9a-f]{17}");
    assertThat(made.state()).isEqualTo("available");
    assertThat(made.type()).isEqualTo("ipsec.1");
    assertThat(made.bgpAsn()).isEqualTo("65010");
    assertThat(made.ipAddress()).isEqualTo("198.51.100.7");
    assertThat(made.deviceName()).isEqualTo("edge-1");
    assertThat(made.tags()).containsExactly(Tag.builder().key("Name").value("cgw-one").build());

    CustomerGateway again =
        create("198.51.100.7", "cgw-one", r -> r.bgpAsn(65010).deviceName("edge-1"));
    assertThat(again.customerGatewayId()).isEqualTo(made.customerGatewayId());
    CustomerGateway other =
        create("198.51.100.7", "cgw-one", r -> r.bgpAsn(65010).deviceName("edge-2"));
    assertThat(other.customerGatewayId()).isNotEqualTo(made.customerGatewayId());

    ec2.deleteCustomerGateway(r -> r.customerGatewayId(made.customerGatewayId()));
    ec2.deleteCustomerGateway(r -> r.customerGatewayId(other.customerGatewayId()));
    CustomerGateway gone =
        ec2.describeCustomerGateways(r -> r.customerGatewayIds(made.customerGatewayId()))
            .customerGateways()
            .get(0);
    assertThat(gone.state()).isEqualTo("deleted");
    CustomerGateway fresh =
        create("198.51.100.7", "cgw-one", r -> r.bgpAsn(65010).deviceName("edge-1"));
    assertThat(fresh.customerGatewayId()).isNotEqualTo(made.customerGatewayId());
    ec2.deleteCustomerGateway(r -> r.customerGatewayId(fresh.customerGatewayId()));
  }

  @Test
  void takesExtendedAndDefaultAsns() {
    CustomerGateway extended =
        create("203.0.113.9", "cgw-ext", r -> r.bgpAsnExtended(4_200_000_000L));
    CustomerGateway plain = create("203.0.113.10", "cgw-default", r -> {});
    try {
      assertThat(extended.bgpAsnExtended()).isEqualTo("4200000000");
      assertThat(plain.bgpAsn()).isEqualTo("65000");
      assertThat(ids(filter("bgp-asn", "4200000000")))
          .containsExactly(extended.customerGatewayId());
    } finally {
      ec2.deleteCustomerGateway(r -> r.customerGatewayId(extended.customerGatewayId()));
      ec2.deleteCustomerGateway(r -> r.customerGatewayId(plain.customerGatewayId()));
    }
  }

  @Test
  void refusesWhatAwsRefuses() {
    assertThat(error(() -> ec2.createCustomerGateway(r -> r.ipAddress("198.51.100.1"))))
        .isEqualTo("MissingParameter: The request must contain the parameter Type.");
    assertThat(error(() -> ec2.createCustomerGateway(r -> r.type("ipsec.2").ipAddress("1.2.3.4"))))
        .startsWith("InvalidParameterValue: ");
    assertThat(error(() -> ec2.createCustomerGateway(r -> r.type(GatewayType.IPSEC_1))))
        .startsWith("MissingParameter: ");
    assertThat(
            error(
                () ->
                    ec2.createCustomerGateway(
                        r -> r.type(GatewayType.IPSEC_1).ipAddress("300.1.1.1"))))
        .startsWith("InvalidParameterValue: ");
    assertThat(
            error(
                () ->
                    ec2.createCustomerGateway(
                        r -> r.type(GatewayType.IPSEC_1).ipAddress("1.2.3.4").bgpAsn(0))))
        .startsWith("InvalidParameterValue: ");
    assertThat(
            error(
                () ->
                    ec2.createCustomerGateway(
                        r ->
                            r.type(GatewayType.IPSEC_1)
                                .ipAddress("1.2.3.4")
                                .bgpAsn(65000)
                                .bgpAsnExtended(4_200_000_000L))))
        .startsWith("InvalidParameterCombination: ");
    assertThat(
            error(
                () ->
                    ec2.createCustomerGateway(
                        r -> r.type(GatewayType.IPSEC_1).ipAddress("1.2.3.4").bgpAsnExtended(70L))))
        .startsWith("InvalidParameterValue: ");
    assertThat(
            error(
                () ->
                    ec2.createCustomerGateway(
                        r ->
                            r.type(GatewayType.IPSEC_1)
                                .ipAddress("1.2.3.4")
                                .deviceName("d".repeat(256)))))
        .startsWith("InvalidParameterValue: ");
    assertThat(
            error(
                () ->
                    ec2.describeCustomerGateways(
                        r -> r.customerGatewayIds("cgw-0123456789abcdef0"))))
        .isEqualTo(
            "InvalidCustomerGatewayID.NotFound: The customerGateway ID 'cgw-0123456789abcdef0'"
                + " does not exist");
    assertThat(error(() -> ec2.deleteCustomerGateway(r -> r.customerGatewayId("cgw-nope"))))
        .startsWith("InvalidCustomerGatewayId.Malformed: ");
    assertThat(error(() -> ec2.describeCustomerGateways(r -> r.filters(filter("color", "x")))))
        .startsWith("InvalidParameterValue: ");
    assertThat(
            error(
                () ->
                    ec2.createCustomerGateway(
                        r -> r.type(GatewayType.IPSEC_1).ipAddress("1.2.3.4").dryRun(true))))
        .startsWith("DryRunOperation: ");
  }

  @Test
  void filtersByWhatTheReferenceLists() {
    CustomerGateway a = create("192.0.2.21", "cgw-filter-a", r -> r.bgpAsn(65101));
    CustomerGateway b = create("192.0.2.22", "cgw-filter-b", r -> r.bgpAsn(65102));
    try {
      assertThat(ids(filter("ip-address", "192.0.2.21"))).containsExactly(a.customerGatewayId());
      assertThat(ids(filter("bgp-asn", "65102"))).containsExactly(b.customerGatewayId());
      assertThat(ids(filter("tag:Name", "cgw-filter-*")))
          .containsExactly(a.customerGatewayId(), b.customerGatewayId());
      assertThat(
              ids(filter("tag-key", "Name"), filter("customer-gateway-id", b.customerGatewayId())))
          .containsExactly(b.customerGatewayId());
      assertThat(
              ids(
                  filter("type", "ipsec.1"),
                  filter("state", "available"),
                  filter("tag:Name", "cgw-filter-a")))
          .containsExactly(a.customerGatewayId());
      ec2.deleteCustomerGateway(r -> r.customerGatewayId(a.customerGatewayId()));
      assertThat(ids(filter("state", "deleted"), filter("tag:Name", "cgw-filter-*")))
          .containsExactly(a.customerGatewayId());
    } finally {
      ec2.deleteCustomerGateway(r -> r.customerGatewayId(a.customerGatewayId()));
      ec2.deleteCustomerGateway(r -> r.customerGatewayId(b.customerGatewayId()));
    }
  }

  @Test
  void theAwsCliCreatesDescribesAndDeletesAGateway() throws Exception {
    AwsCli.requireInstalled("CustomerGatewaysIT");
    ObjectMapper json = new ObjectMapper();
    AwsCli.Run made =
        AwsCli.run(
            "eu-west-3",
            "ec2",
            "create-customer-gateway",
            "--type",
            "ipsec.1",
            "--ip-address",
            "192.0.2.99",
            "--bgp-asn",
            "65123",
            "--tag-specifications",
            "ResourceType=customer-gateway,Tags=[{Key=Name,Value=cli}]");
    assertThat(made.exit()).as(made.stderr()).isZero();
    String id =
        json.readTree(made.stdout()).get("CustomerGateway").get("CustomerGatewayId").asText();
    AwsCli.Run described =
        AwsCli.run("eu-west-3", "ec2", "describe-customer-gateways", "--customer-gateway-ids", id);
    assertThat(described.exit()).as(described.stderr()).isZero();
    JsonNode g = json.readTree(described.stdout()).get("CustomerGateways").get(0);
    assertThat(g.get("BgpAsn").asText()).isEqualTo("65123");
    assertThat(g.get("IpAddress").asText()).isEqualTo("192.0.2.99");
    assertThat(g.get("State").asText()).isEqualTo("available");
    assertThat(g.get("Tags").get(0).get("Value").asText()).isEqualTo("cli");
    AwsCli.Run deleted =
        AwsCli.run("eu-west-3", "ec2", "delete-customer-gateway", "--customer-gateway-id", id);
    assertThat(deleted.exit()).as(deleted.stderr()).isZero();
  }
}
