package dev.ec2double.it.ipam;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ByoipCidr;
import software.amazon.awssdk.services.ec2.model.Ipam;
import software.amazon.awssdk.services.ec2.model.PublicIpv4Pool;

/**
 * BYOIP CIDRs and ASNs, public IPv4 pools (Elastic IPs drawn from them), IPv6 pools (VPC blocks
 * drawn from them) and customer-owned pools (no Outpost: AWS's not-found answers), on the mock
 * backend.
 */
class ByoipAndPublicPoolsIT {
  private static final String REGION = "eu-central-1";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2(REGION, "AKIDBYOIPPOOLS");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Test
  void elasticIpsComeFromAProvisionedByoipCidrUntilItIsDeprovisioned() {
    ByoipCidr provisioned =
        ec2.provisionByoipCidr(
                r ->
                    r.cidr("203.0.113.0/24")
                        .description("ours")
                        .cidrAuthorizationContext(c -> c.message("m").signature("s")))
            .byoipCidr();
    assertThat(provisioned.stateAsString()).isEqualTo("pending-provision");
    assertError(
        () -> ec2.provisionByoipCidr(r -> r.cidr("203.0.113.0/25")), "InvalidParameterValue");
    PublicIpv4Pool pool =
        ec2.describePublicIpv4Pools(r -> r.maxResults(10)).publicIpv4Pools().stream()
            .filter(p -> p.poolAddressRanges().get(0).firstAddress().equals("203.0.113.0"))
            .findFirst()
            .orElseThrow();
    assertThat(pool.poolId()).matches("ipv4pool-ec2-[0-9a-f]{17}");
    assertThat(pool.totalAddressCount()).isEqualTo(256);

    var eip1 = ec2.allocateAddress(r -> r.publicIpv4Pool(pool.poolId()));
    assertThat(eip1.publicIp()).isEqualTo("203.0.113.0");
    assertThat(eip1.publicIpv4Pool()).isEqualTo(pool.poolId());
    var eip2 = ec2.allocateAddress(r -> r.publicIpv4Pool(pool.poolId()).address("203.0.113.77"));
    assertThat(eip2.publicIp()).isEqualTo("203.0.113.77");
    assertError(
        () -> ec2.allocateAddress(r -> r.publicIpv4Pool(pool.poolId()).address("203.0.113.77")),
        "InvalidAddress.InUse");
    assertError(
        () -> ec2.allocateAddress(r -> r.publicIpv4Pool(pool.poolId()).address("198.51.100.1")),
        "InvalidParameterValue");
    assertThat(
            ec2.describePublicIpv4Pools(r -> r.poolIds(pool.poolId()))
                .publicIpv4Pools()
                .get(0)
                .totalAvailableAddressCount())
        .isEqualTo(254);

    assertThat(ec2.advertiseByoipCidr(r -> r.cidr("203.0.113.0/24")).byoipCidr().stateAsString())
        .isEqualTo("pending-advertising");
    assertThat(ec2.describeByoipCidrs(r -> r.maxResults(100)).byoipCidrs())
        .filteredOn(c -> c.cidr().equals("203.0.113.0/24"))
        .extracting(ByoipCidr::stateAsString)
        .containsExactly("advertised");
    assertError(() -> ec2.deprovisionByoipCidr(r -> r.cidr("203.0.113.0/24")), "IncorrectState");
    ec2.withdrawByoipCidr(r -> r.cidr("203.0.113.0/24"));
    assertError(
        () -> ec2.deprovisionByoipCidr(r -> r.cidr("203.0.113.0/24")), "InvalidAddress.InUse");
    ec2.releaseAddress(r -> r.allocationId(eip1.allocationId()));
    ec2.releaseAddress(r -> r.allocationId(eip2.allocationId()));
    ec2.deprovisionByoipCidr(r -> r.cidr("203.0.113.0/24"));
    assertError(
        () -> ec2.describePublicIpv4Pools(r -> r.poolIds(pool.poolId())),
        "InvalidPublicIpv4PoolID.NotFound");
    assertError(() -> ec2.describeByoipCidrs(r -> r.maxResults(101)), "InvalidParameterValue");
  }

  @Test
  void aPublicPoolDrawsItsRangeFromAnIpamPoolOfThePublicScope() {
    Ipam ipam = ec2.createIpam(r -> r.operatingRegions(o -> o.regionName(REGION))).ipam();
    String ipamPool =
        ec2.createIpamPool(
                r ->
                    r.ipamScopeId(ipam.publicDefaultScopeId())
                        .addressFamily("ipv4")
                        .locale(REGION)
                        .awsService("ec2"))
            .ipamPool()
            .ipamPoolId();
    assertError(
        () -> ec2.provisionIpamPoolCidr(r -> r.ipamPoolId(ipamPool).cidr("198.51.100.0/24")),
        "MissingParameter");
    ec2.provisionIpamPoolCidr(
        r ->
            r.ipamPoolId(ipamPool)
                .cidr("198.51.100.0/24")
                .cidrAuthorizationContext(c -> c.message("m").signature("s")));
    String pool = ec2.createPublicIpv4Pool(r -> {}).poolId();
    var range =
        ec2.provisionPublicIpv4PoolCidr(r -> r.ipamPoolId(ipamPool).poolId(pool).netmaskLength(28))
            .poolAddressRange();
    assertThat(range.firstAddress()).isEqualTo("198.51.100.0");
    assertThat(range.lastAddress()).isEqualTo("198.51.100.15");
    assertThat(
            ec2.provisionPublicIpv4PoolCidr(
                    r -> r.ipamPoolId(ipamPool).poolId(pool).netmaskLength(28))
                .poolAddressRange()
                .firstAddress())
        .isEqualTo("198.51.100.16");
    assertThat(ec2.getIpamPoolAllocations(r -> r.ipamPoolId(ipamPool)).ipamPoolAllocations())
        .allSatisfy(a -> assertThat(a.resourceTypeAsString()).isEqualTo("ec2-public-ipv4-pool"))
        .hasSize(2);
    assertError(() -> ec2.deletePublicIpv4Pool(r -> r.poolId(pool)), "DependencyViolation");
    var gone =
        ec2.deprovisionPublicIpv4PoolCidr(r -> r.poolId(pool).cidr("198.51.100.16/28"))
            .deprovisionedAddresses();
    assertThat(gone).hasSize(16).startsWith("198.51.100.16");
    ec2.deprovisionPublicIpv4PoolCidr(r -> r.poolId(pool).cidr("198.51.100.0/28"));
    assertThat(ec2.deletePublicIpv4Pool(r -> r.poolId(pool)).returnValue()).isTrue();
    ec2.deleteIpam(r -> r.ipamId(ipam.ipamId()).cascade(true));
  }

  @Test
  void vpcsTakeSlash56BlocksFromAByoipIpv6Pool() {
    ec2.provisionByoipCidr(
        r ->
            r.cidr("2001:db8:1200::/48")
                .cidrAuthorizationContext(c -> c.message("m").signature("s")));
    String pool =
        ec2.describeIpv6Pools(r -> {}).ipv6Pools().stream()
            .filter(p -> p.poolCidrBlocks().get(0).cidr().equals("2001:db8:1200::/48"))
            .findFirst()
            .orElseThrow()
            .poolId();
    assertThat(pool).startsWith("ipv6pool-ec2-");
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.90.0.0/16")).vpc().vpcId();
    var assoc =
        ec2.associateVpcCidrBlock(r -> r.vpcId(vpc).ipv6Pool(pool)).ipv6CidrBlockAssociation();
    assertThat(assoc.ipv6CidrBlock()).isEqualTo("2001:db8:1200::/56");
    var associated = ec2.getAssociatedIpv6PoolCidrs(r -> r.poolId(pool)).ipv6CidrAssociations();
    assertThat(associated).hasSize(1);
    assertThat(associated.get(0).associatedResource()).isEqualTo(vpc);
    ec2.disassociateVpcCidrBlock(r -> r.associationId(assoc.associationId()));
    assertThat(ec2.getAssociatedIpv6PoolCidrs(r -> r.poolId(pool)).ipv6CidrAssociations())
        .isEmpty();
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }

  @Test
  void byoasnsAssociateWithByoipCidrs() {
    String ipam = ec2.createIpam(r -> {}).ipam().ipamId();
    ec2.provisionByoipCidr(
        r -> r.cidr("192.0.2.0/24").cidrAuthorizationContext(c -> c.message("m").signature("s")));
    assertError(
        () ->
            ec2.provisionIpamByoasn(
                r ->
                    r.ipamId(ipam)
                        .asn("not-a-number")
                        .asnAuthorizationContext(c -> c.message("m").signature("s"))),
        "InvalidParameterValue");
    assertThat(
            ec2.provisionIpamByoasn(
                    r ->
                        r.ipamId(ipam)
                            .asn("64512")
                            .asnAuthorizationContext(c -> c.message("m").signature("s")))
                .byoasn()
                .stateAsString())
        .isEqualTo("pending-provision");
    ec2.associateIpamByoasn(r -> r.asn("64512").cidr("192.0.2.0/24"));
    assertThat(ec2.describeByoipCidrs(r -> r.maxResults(10)).byoipCidrs())
        .filteredOn(c -> c.cidr().equals("192.0.2.0/24"))
        .singleElement()
        .satisfies(c -> assertThat(c.asnAssociations().get(0).asn()).isEqualTo("64512"));
    assertError(
        () -> ec2.deprovisionIpamByoasn(r -> r.ipamId(ipam).asn("64512")), "DependencyViolation");
    ec2.disassociateIpamByoasn(r -> r.asn("64512").cidr("192.0.2.0/24"));
    assertThat(ec2.deprovisionIpamByoasn(r -> r.ipamId(ipam).asn("64512")).byoasn().stateAsString())
        .isEqualTo("deprovisioned");
    assertThat(ec2.describeIpamByoasn(r -> {}).byoasns()).isEmpty();
    ec2.deprovisionByoipCidr(r -> r.cidr("192.0.2.0/24"));
    ec2.deleteIpam(r -> r.ipamId(ipam));
  }

  @Test
  void customerOwnedPoolsNeedAnOutpost() {
    assertError(
        () -> ec2.createCoipPool(r -> r.localGatewayRouteTableId("lgw-rtb-0123456789abcdef0")),
        "InvalidLocalGatewayRouteTableID.NotFound");
    assertThat(
            ec2.describeCoipPools(
                    r -> r.filters(filter("coip-pool.local-gateway-route-table-id", "lgw-rtb-1")))
                .coipPools())
        .isEmpty();
    assertError(
        () -> ec2.describeCoipPools(r -> r.filters(filter("zone", "x"))), "InvalidParameterValue");
    assertError(
        () -> ec2.getCoipPoolUsage(r -> r.poolId("ipv4pool-coip-0123456789abcdef0")),
        "InvalidCoipPoolId.NotFound");
    assertError(
        () ->
            ec2.createCoipCidr(
                r -> r.coipPoolId("ipv4pool-coip-0123456789abcdef0").cidr("10.0.0.0/24")),
        "InvalidCoipPoolId.NotFound");
  }
}
