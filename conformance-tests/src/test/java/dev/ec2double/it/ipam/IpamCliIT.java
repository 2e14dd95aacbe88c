package dev.ec2double.it.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IPAM family driven by the AWS CLI v2 (botocore reads the element names of the service model:
 * a wrong one shows up here as a missing field). One scenario of what the CLI 2.9 on the CI machine
 * knows: an IPAM, a pool with a CIDR, a custom allocation, a VPC from the pool, what IPAM sees of
 * it, and a BYOIP CIDR with its public pool.
 */
class IpamCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGION = "ca-central-1";

  @BeforeAll
  static void cliIsInstalled() {
    AwsCli.requireInstalled("IpamCliIT");
  }

  private static JsonNode aws(String... args) throws Exception {
    AwsCli.Run r = AwsCli.run(REGION, args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.stderr()).isZero();
    return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
  }

  @Test
  void allocatesAVpcFromAPoolAndSeesIt() throws Exception {
    JsonNode ipam =
        aws(
                "ec2",
                "create-ipam",
                "--operating-regions",
                "RegionName=" + REGION,
                "--tag-specifications",
                "ResourceType=ipam,Tags=[{Key=Name,Value=cli}]")
            .get("Ipam");
    String scope = ipam.get("PrivateDefaultScopeId").asText();
    assertThat(ipam.get("Tags").get(0).get("Value").asText()).isEqualTo("cli");
    assertThat(ipam.get("OperatingRegions").get(0).get("RegionName").asText()).isEqualTo(REGION);
    String pool =
        aws(
                "ec2",
                "create-ipam-pool",
                "--ipam-scope-id",
                scope,
                "--address-family",
                "ipv4",
                "--locale",
                REGION,
                "--allocation-default-netmask-length",
                "24")
            .get("IpamPool")
            .get("IpamPoolId")
            .asText();
    aws("ec2", "provision-ipam-pool-cidr", "--ipam-pool-id", pool, "--cidr", "10.200.0.0/22");
    JsonNode allocation =
        aws("ec2", "allocate-ipam-pool-cidr", "--ipam-pool-id", pool, "--description", "lab")
            .get("IpamPoolAllocation");
    assertThat(allocation.get("Cidr").asText()).isEqualTo("10.200.0.0/24");
    JsonNode vpc = aws("ec2", "create-vpc", "--ipv4-ipam-pool-id", pool).get("Vpc");
    assertThat(vpc.get("CidrBlock").asText()).isEqualTo("10.200.1.0/24");

    JsonNode allocations =
        aws("ec2", "get-ipam-pool-allocations", "--ipam-pool-id", pool).get("IpamPoolAllocations");
    assertThat(allocations).hasSize(2);
    JsonNode cidrs = aws("ec2", "get-ipam-pool-cidrs", "--ipam-pool-id", pool).get("IpamPoolCidrs");
    assertThat(cidrs.get(0).get("State").asText()).isEqualTo("provisioned");
    JsonNode resources =
        aws(
                "ec2",
                "get-ipam-resource-cidrs",
                "--ipam-scope-id",
                scope,
                "--resource-id",
                vpc.get("VpcId").asText())
            .get("IpamResourceCidrs");
    assertThat(resources.get(0).get("ManagementState").asText()).isEqualTo("managed");
    assertThat(resources.get(0).get("IpamPoolId").asText()).isEqualTo(pool);
    assertThat(
            aws("ec2", "describe-ipam-pools", "--ipam-pool-ids", pool)
                .get("IpamPools")
                .get(0)
                .get("AllocationDefaultNetmaskLength")
                .asInt())
        .isEqualTo(24);

    aws(
        "ec2",
        "provision-byoip-cidr",
        "--cidr",
        "203.0.113.0/24",
        "--cidr-authorization-context",
        "Message=m,Signature=s");
    JsonNode byoip = aws("ec2", "describe-byoip-cidrs", "--max-results", "10").get("ByoipCidrs");
    assertThat(byoip.get(0).get("State").asText()).isEqualTo("provisioned");
    assertThat(
            aws("ec2", "describe-public-ipv4-pools")
                .get("PublicIpv4Pools")
                .get(0)
                .get("PoolAddressRanges")
                .get(0)
                .get("AddressCount")
                .asInt())
        .isEqualTo(256);
    aws("ec2", "deprovision-byoip-cidr", "--cidr", "203.0.113.0/24");
    aws("ec2", "delete-vpc", "--vpc-id", vpc.get("VpcId").asText());
    aws("ec2", "delete-ipam", "--ipam-id", ipam.get("IpamId").asText(), "--cascade");
  }
}
