package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The network ACL API contract on the mock backend, and the AWS CLI driving it once. */
class MockNetworkAclsApiIT extends NetworkAclsApiContract {
  @BeforeAll
  static void server() {
    client(TestServer.get(), "AKIDNACLMOCK");
  }

  /** botocore reads the element names the Java SDK ignores ({@code default}, {@code item}). */
  @Test
  void theAwsCliCreatesDescribesAndDeletesAnAclWithAnEntry() throws Exception {
    AwsCli.requireInstalled("MockNetworkAclsApiIT");
    ObjectMapper json = new ObjectMapper();
    String region = "ap-southeast-2";
    AwsCli.Run vpc = AwsCli.run(region, "ec2", "create-vpc", "--cidr-block", "10.67.0.0/16");
    assertThat(vpc.exit()).as(vpc.stderr()).isZero();
    String vpcId = json.readTree(vpc.stdout()).get("Vpc").get("VpcId").asText();
    AwsCli.Run made =
        AwsCli.run(
            region,
            "ec2",
            "create-network-acl",
            "--vpc-id",
            vpcId,
            "--tag-specifications",
            "ResourceType=network-acl,Tags=[{Key=Name,Value=cli}]");
    assertThat(made.exit()).as(made.stderr()).isZero();
    String id = json.readTree(made.stdout()).get("NetworkAcl").get("NetworkAclId").asText();
    AwsCli.Run entry =
        AwsCli.run(
            region,
            "ec2",
            "create-network-acl-entry",
            "--network-acl-id",
            id,
            "--ingress",
            "--rule-number",
            "110",
            "--protocol",
            "tcp",
            "--port-range",
            "From=22,To=22",
            "--cidr-block",
            "10.0.0.0/8",
            "--rule-action",
            "allow");
    assertThat(entry.exit()).as(entry.stderr()).isZero();

    AwsCli.Run described =
        AwsCli.run(
            region,
            "ec2",
            "describe-network-acls",
            "--filters",
            "Name=vpc-id,Values=" + vpcId,
            "Name=default,Values=false");
    assertThat(described.exit()).as(described.stderr()).isZero();
    JsonNode acls = json.readTree(described.stdout()).get("NetworkAcls");
    assertThat(acls).hasSize(1);
    JsonNode acl = acls.get(0);
    assertThat(acl.get("NetworkAclId").asText()).isEqualTo(id);
    assertThat(acl.get("IsDefault").asBoolean()).isFalse();
    assertThat(acl.get("VpcId").asText()).isEqualTo(vpcId);
    assertThat(acl.get("Tags").get(0).get("Value").asText()).isEqualTo("cli");
    JsonNode in = null;
    for (JsonNode e : acl.get("Entries")) {
      if (e.get("RuleNumber").asInt() == 110) {
        in = e;
      }
    }
    assertThat(in).isNotNull();
    assertThat(in.get("Egress").asBoolean()).isFalse();
    assertThat(in.get("Protocol").asText()).isEqualTo("6");
    assertThat(in.get("RuleAction").asText()).isEqualTo("allow");
    assertThat(in.get("CidrBlock").asText()).isEqualTo("10.0.0.0/8");
    assertThat(in.get("PortRange").get("From").asInt()).isEqualTo(22);
    assertThat(in.get("PortRange").get("To").asInt()).isEqualTo(22);

    AwsCli.Run defaults =
        AwsCli.run(
            region,
            "ec2",
            "describe-network-acls",
            "--filters",
            "Name=vpc-id,Values=" + vpcId,
            "Name=default,Values=true");
    assertThat(
            json.readTree(defaults.stdout()).get("NetworkAcls").get(0).get("IsDefault").asBoolean())
        .isTrue();

    assertThat(AwsCli.run(region, "ec2", "delete-network-acl", "--network-acl-id", id).exit())
        .isZero();
    assertThat(AwsCli.run(region, "ec2", "delete-vpc", "--vpc-id", vpcId).exit()).isZero();
  }
}
