package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.DescribeDhcpOptionsResponse;
import software.amazon.awssdk.services.ec2.model.DhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.DhcpOptions;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NewDhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** DHCP options sets as an SDK user (and once the AWS CLI) sees them, on the mock backend. */
class DhcpOptionsIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("ap-south-1", "AKIDDHCPOPTIONS");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static NewDhcpConfiguration option(String key, String... values) {
    return NewDhcpConfiguration.builder().key(key).values(values).build();
  }

  private static Filter filter(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  private static String error(Runnable call) {
    try {
      call.run();
    } catch (Ec2Exception e) {
      return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }
    throw new AssertionError("the call succeeded");
  }

  private static Map<String, List<String>> options(DhcpOptions d) {
    return d.dhcpConfigurations().stream()
        .collect(
            Collectors.toMap(
                DhcpConfiguration::key,
                c -> c.values().stream().map(AttributeValue::value).toList()));
  }

  private static String create(String name, NewDhcpConfiguration... options) {
    return ec2.createDhcpOptions(
            r ->
                r.dhcpConfigurations(options)
                    .tagSpecifications(
                        TagSpecification.builder()
                            .resourceType(ResourceType.DHCP_OPTIONS)
                            .tags(Tag.builder().key("Name").value(name).build())
                            .build()))
        .dhcpOptions()
        .dhcpOptionsId();
  }

  @Test
  void everyVpcShowsASetThatCanBeLookedUp() {
    String defaultVpcSet =
        ec2.describeVpcs(r -> r.filters(filter("is-default", "true")))
            .vpcs()
            .get(0)
            .dhcpOptionsId();
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.61.0.0/16")).vpc().vpcId();
    try {
      String newVpcSet = ec2.describeVpcs(r -> r.vpcIds(vpc)).vpcs().get(0).dhcpOptionsId();
      assertThat(newVpcSet).isEqualTo(defaultVpcSet).matches("dopt-[0-9a-f]{17}");

      DhcpOptions d =
          ec2.describeDhcpOptions(r -> r.dhcpOptionsIds(newVpcSet)).dhcpOptions().get(0);
      assertThat(options(d))
          .containsEntry("domain-name", List.of("ap-south-1.compute.internal"))
          .containsEntry("domain-name-servers", List.of("AmazonProvidedDNS"));
      assertThat(d.ownerId()).matches("\\d{12}");
    } finally {
      ec2.deleteVpc(r -> r.vpcId(vpc));
    }
  }

  @Test
  void createsASetWithItsOptionsAndTags(TestInfo test) {
    String name = test.getTestMethod().orElseThrow().getName();
    DhcpOptions made =
        ec2.createDhcpOptions(
                r ->
                    r.dhcpConfigurations(
                            option("domain-name", "corp.example"),
                            option("domain-name-servers", "10.0.0.2,10.0.0.3"),
                            option("ntp-servers", "169.254.169.123", "fd00:ec2::123"),
                            option("netbios-node-type", "2"),
                            option("ipv6-address-preferred-lease-time", "3600"))
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.DHCP_OPTIONS)
                                .tags(Tag.builder().key("Name").value(name).build())
                                .build()))
            .dhcpOptions();
    try {
      assertThat(made.dhcpOptionsId()).matches("dopt-[0-9a-f]{17}");
      assertThat(made.tags()).containsExactly(Tag.builder().key("Name").value(name).build());
      assertThat(options(made))
          .containsEntry("domain-name-servers", List.of("10.0.0.2", "10.0.0.3"))
          .containsEntry("ntp-servers", List.of("169.254.169.123", "fd00:ec2::123"))
          .containsEntry("netbios-node-type", List.of("2"))
          .containsEntry("ipv6-address-preferred-lease-time", List.of("3600"));
      assertThat(
              ec2.describeTags(r -> r.filters(filter("resource-id", made.dhcpOptionsId())))
                  .tags()
                  .get(0)
                  .resourceTypeAsString())
          .isEqualTo("dhcp-options");
    } finally {
      ec2.deleteDhcpOptions(r -> r.dhcpOptionsId(made.dhcpOptionsId()));
    }
  }

  @Test
  void refusesOptionsAwsRefuses() {
    assertThat(error(() -> ec2.createDhcpOptions(r -> r.dhcpConfigurations(option("color", "x")))))
        .startsWith("InvalidParameterValue: ");
    assertThat(
            error(
                () ->
                    ec2.createDhcpOptions(
                        r ->
                            r.dhcpConfigurations(
                                option("domain-name-servers", "1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4")
                                    .toBuilder()
                                    .values("1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4", "AmazonProvidedDNS")
                                    .build()))))
        .startsWith("InvalidParameterValue: ");
    assertThat(
            error(
                () ->
                    ec2.createDhcpOptions(
                        r -> r.dhcpConfigurations(option("ntp-servers", "time.example")))))
        .startsWith("InvalidParameterValue: ");
    assertThat(
            error(
                () ->
                    ec2.createDhcpOptions(
                        r -> r.dhcpConfigurations(option("netbios-node-type", "3")))))
        .startsWith("InvalidParameterValue: ");
    assertThat(
            error(
                () ->
                    ec2.createDhcpOptions(
                        r ->
                            r.dhcpConfigurations(
                                option("ipv6-address-preferred-lease-time", "139")))))
        .startsWith("InvalidParameterValue: ");
    assertThat(error(() -> ec2.createDhcpOptions(r -> {}))).startsWith("MissingParameter: ");
  }

  @Test
  void answersUnknownAndMalformedIdsAsAwsDoes() {
    assertThat(
            error(() -> ec2.describeDhcpOptions(r -> r.dhcpOptionsIds("dopt-0123456789abcdef0"))))
        .isEqualTo(
            "InvalidDhcpOptionID.NotFound: The dhcpOptions ID 'dopt-0123456789abcdef0' does not"
                + " exist");
    assertThat(error(() -> ec2.deleteDhcpOptions(r -> r.dhcpOptionsId("foo-abcd1234"))))
        .startsWith("InvalidDhcpOptionsId.Malformed: ");
    String vpc = ec2.describeVpcs().vpcs().get(0).vpcId();
    assertThat(
            error(
                () ->
                    ec2.associateDhcpOptions(
                        r -> r.vpcId(vpc).dhcpOptionsId("dopt-0123456789abcdef0"))))
        .startsWith("InvalidDhcpOptionID.NotFound: ");
  }

  @Test
  void cannotDeleteASetWhileAVpcUsesIt(TestInfo test) {
    String set = create(test.getDisplayName(), option("domain-name", "in-use.example"));
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.62.0.0/16")).vpc().vpcId();
    try {
      ec2.associateDhcpOptions(r -> r.vpcId(vpc).dhcpOptionsId(set));
      assertThat(ec2.describeVpcs(r -> r.vpcIds(vpc)).vpcs().get(0).dhcpOptionsId()).isEqualTo(set);
      assertThat(ec2.describeVpcs(r -> r.filters(filter("dhcp-options-id", set))).vpcs())
          .extracting(v -> v.vpcId())
          .containsExactly(vpc);
      assertThat(error(() -> ec2.deleteDhcpOptions(r -> r.dhcpOptionsId(set))))
          .isEqualTo(
              "DependencyViolation: The dhcpOptions '"
                  + set
                  + "' has dependencies and cannot be deleted.");

      ec2.associateDhcpOptions(r -> r.vpcId(vpc).dhcpOptionsId("default"));
      assertThat(ec2.describeVpcs(r -> r.vpcIds(vpc)).vpcs().get(0).dhcpOptionsId())
          .isEqualTo("default");
      ec2.deleteDhcpOptions(r -> r.dhcpOptionsId(set));
      assertThat(error(() -> ec2.describeDhcpOptions(r -> r.dhcpOptionsIds(set))))
          .startsWith("InvalidDhcpOptionID.NotFound: ");
    } finally {
      ec2.deleteVpc(r -> r.vpcId(vpc));
    }
  }

  @Test
  void filtersByIdKeyValueOwnerAndTags(TestInfo test) {
    String name = test.getTestMethod().orElseThrow().getName();
    String a = create(name, option("domain-name", "a.filters.example"));
    String b = create(name + "-b", option("ntp-servers", "10.9.9.9"));
    try {
      assertThat(ids(filter("value", "a.filters.example"))).containsExactly(a);
      assertThat(ids(filter("key", "ntp-servers"), filter("tag:Name", name + "*")))
          .containsExactly(b);
      assertThat(ids(filter("tag:Name", name + "*"))).containsExactly(a, b);
      assertThat(ids(filter("dhcp-options-id", b))).containsExactly(b);
      assertThat(ids(filter("owner-id", "000000000000"))).isEmpty();
      assertThat(error(() -> ec2.describeDhcpOptions(r -> r.filters(filter("color", "x")))))
          .startsWith("InvalidParameterValue: ");
    } finally {
      ec2.deleteDhcpOptions(r -> r.dhcpOptionsId(a));
      ec2.deleteDhcpOptions(r -> r.dhcpOptionsId(b));
    }
  }

  private static List<String> ids(Filter... filters) {
    return ec2.describeDhcpOptions(r -> r.filters(filters)).dhcpOptions().stream()
        .map(DhcpOptions::dhcpOptionsId)
        .toList();
  }

  @Test
  void pagesThroughTheSets(TestInfo test) {
    String name = test.getTestMethod().orElseThrow().getName();
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      made.add(create(name, option("domain-name", "p" + i + ".example")));
    }
    try {
      Filter mine = filter("tag:Name", name);
      DescribeDhcpOptionsResponse first =
          ec2.describeDhcpOptions(r -> r.filters(mine).maxResults(5));
      assertThat(first.dhcpOptions()).hasSize(5);
      DescribeDhcpOptionsResponse rest =
          ec2.describeDhcpOptions(r -> r.filters(mine).maxResults(5).nextToken(first.nextToken()));
      assertThat(rest.nextToken()).isNull();
      List<String> seen =
          new ArrayList<>(first.dhcpOptions().stream().map(DhcpOptions::dhcpOptionsId).toList());
      rest.dhcpOptions().forEach(d -> seen.add(d.dhcpOptionsId()));
      assertThat(seen).containsExactlyElementsOf(made);
      assertThat(ec2.describeDhcpOptionsPaginator(r -> r.filters(mine).maxResults(5)).dhcpOptions())
          .hasSize(6);
    } finally {
      made.forEach(id -> ec2.deleteDhcpOptions(r -> r.dhcpOptionsId(id)));
    }
  }

  @Test
  void theAwsCliCreatesDescribesAndDeletesASet() throws Exception {
    AwsCli.requireInstalled("DhcpOptionsIT");
    ObjectMapper json = new ObjectMapper();
    AwsCli.Run made =
        AwsCli.run(
            "ap-south-1",
            "ec2",
            "create-dhcp-options",
            "--dhcp-configurations",
            "Key=domain-name-servers,Values=10.2.5.1,10.2.5.2",
            "Key=domain-name,Values=cli.example",
            "--tag-specifications",
            "ResourceType=dhcp-options,Tags=[{Key=Name,Value=cli}]");
    assertThat(made.exit()).as(made.stderr()).isZero();
    JsonNode set = json.readTree(made.stdout()).get("DhcpOptions");
    String id = set.get("DhcpOptionsId").asText();
    try {
      AwsCli.Run described =
          AwsCli.run("ap-south-1", "ec2", "describe-dhcp-options", "--dhcp-options-ids", id);
      assertThat(described.exit()).as(described.stderr()).isZero();
      JsonNode d = json.readTree(described.stdout()).get("DhcpOptions").get(0);
      assertThat(d.get("DhcpOptionsId").asText()).isEqualTo(id);
      assertThat(d.get("OwnerId").asText()).matches("\\d{12}");
      assertThat(d.get("Tags").get(0).get("Value").asText()).isEqualTo("cli");
      JsonNode servers = d.get("DhcpConfigurations").get(0);
      assertThat(servers.get("Key").asText()).isEqualTo("domain-name-servers");
      assertThat(servers.get("Values").get(1).get("Value").asText()).isEqualTo("10.2.5.2");
    } finally {
      AwsCli.Run deleted =
          AwsCli.run("ap-south-1", "ec2", "delete-dhcp-options", "--dhcp-options-id", id);
      assertThat(deleted.exit()).as(deleted.stderr()).isZero();
    }
  }
}
