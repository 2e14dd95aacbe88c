package dev.ec2double.it.ipam;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ipam;
import software.amazon.awssdk.services.ec2.model.IpamPool;
import software.amazon.awssdk.services.ec2.model.IpamPoolAllocation;
import software.amazon.awssdk.services.ec2.model.IpamResourceCidr;
import software.amazon.awssdk.services.ec2.model.IpamScope;
import software.amazon.awssdk.services.ec2.model.RequestIpamResourceTag;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * IPAM, scopes and pools as an SDK user sees them, on the mock backend: VPCs made from a pool get
 * non-overlapping CIDRs carved from its space, give them back when deleted, and a full pool answers
 * AWS's error.
 */
class IpamPoolsIT {
  private static final String REGION = "us-west-2";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2(REGION, "AKIDIPAMPOOLS");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static TagSpecification name(ResourceType type, String value) {
    return TagSpecification.builder()
        .resourceType(type)
        .tags(Tag.builder().key("Name").value(value).build())
        .build();
  }

  private static Ipam ipam(String name) {
    return ec2.createIpam(
            r ->
                r.description(name)
                    .operatingRegions(o -> o.regionName(REGION))
                    .tagSpecifications(name(ResourceType.IPAM, name)))
        .ipam();
  }

  private static String vpcFrom(String poolId, Integer netmask) {
    return ec2.createVpc(r -> r.ipv4IpamPoolId(poolId).ipv4NetmaskLength(netmask))
        .vpc()
        .cidrBlock();
  }

  @Test
  void anIpamComesWithItsDefaultScopesAndDiscovery() {
    Ipam made = ipam("scopes");
    assertThat(made.ipamId()).matches("ipam-[0-9a-f]{17}");
    assertThat(made.stateAsString()).isEqualTo("create-in-progress");
    assertThat(made.ipamArn())
        .isEqualTo("arn:aws:ec2::" + made.ownerId() + ":ipam/" + made.ipamId());
    assertThat(made.scopeCount()).isEqualTo(2);
    assertThat(made.tierAsString()).isEqualTo("advanced");
    assertThat(made.defaultResourceDiscoveryId()).startsWith("ipam-res-disco-");

    List<IpamScope> scopes =
        ec2.describeIpamScopes(
                r -> r.filters(filter("ipam-arn", made.ipamArn()), filter("is-default", "true")))
            .ipamScopes();
    assertThat(scopes)
        .extracting(IpamScope::ipamScopeId)
        .containsExactlyInAnyOrder(made.privateDefaultScopeId(), made.publicDefaultScopeId());
    assertThat(scopes).extracting(IpamScope::ipamScopeTypeAsString).contains("private", "public");
    assertThat(
            ec2.describeIpams(r -> r.filters(filter("tag:Name", "scopes")))
                .ipams()
                .get(0)
                .stateAsString())
        .isEqualTo("create-complete");

    String custom =
        ec2.createIpamScope(r -> r.ipamId(made.ipamId()).description("lab"))
            .ipamScope()
            .ipamScopeId();
    assertError(
        () -> ec2.deleteIpamScope(r -> r.ipamScopeId(made.privateDefaultScopeId())),
        "InvalidParameterValue");
    assertError(() -> ec2.deleteIpam(r -> r.ipamId(made.ipamId())), "InvalidIpamState");
    ec2.deleteIpamScope(r -> r.ipamScopeId(custom));
    assertThat(ec2.deleteIpam(r -> r.ipamId(made.ipamId())).ipam().stateAsString())
        .isEqualTo("delete-in-progress");
    assertError(() -> ec2.describeIpams(r -> r.ipamIds(made.ipamId())), "InvalidIpamId.NotFound");
    assertError(() -> ec2.describeIpams(r -> r.ipamIds("ipam-x")), "InvalidIpamId.Malformed");
    assertError(
        () -> ec2.describeIpamScopes(r -> r.ipamScopeIds(made.privateDefaultScopeId())),
        "InvalidIpamScopeId.NotFound");
  }

  @Test
  void vpcsFromANestedPoolGetNonOverlappingCidrsUntilThePoolIsFull() {
    Ipam ipam = ipam("vpcs");
    IpamPool top =
        ec2.createIpamPool(
                r ->
                    r.ipamScopeId(ipam.privateDefaultScopeId())
                        .addressFamily("ipv4")
                        .tagSpecifications(name(ResourceType.IPAM_POOL, "top")))
            .ipamPool();
    assertThat(top.poolDepth()).isEqualTo(1);
    ec2.provisionIpamPoolCidr(r -> r.ipamPoolId(top.ipamPoolId()).cidr("10.20.0.0/14"));
    assertError(
        () ->
            ec2.createIpamPool(
                r ->
                    r.ipamScopeId(ipam.privateDefaultScopeId())
                        .addressFamily("ipv4")
                        .locale("eu-north-1")),
        "InvalidParameterValue");

    IpamPool regional =
        ec2.createIpamPool(
                r ->
                    r.ipamScopeId(ipam.privateDefaultScopeId())
                        .addressFamily("ipv4")
                        .sourceIpamPoolId(top.ipamPoolId())
                        .locale(REGION)
                        .allocationMinNetmaskLength(17)
                        .allocationMaxNetmaskLength(24)
                        .allocationDefaultNetmaskLength(18))
            .ipamPool();
    assertThat(regional.poolDepth()).isEqualTo(2);
    // the child's CIDR is carved from its source: the first free /16 of 10.20.0.0/14
    String child =
        ec2.provisionIpamPoolCidr(r -> r.ipamPoolId(regional.ipamPoolId()).netmaskLength(16))
            .ipamPoolCidr()
            .cidr();
    assertThat(child).isEqualTo("10.20.0.0/16");
    assertThat(
            ec2.getIpamPoolAllocations(r -> r.ipamPoolId(top.ipamPoolId())).ipamPoolAllocations())
        .extracting(IpamPoolAllocation::resourceId, IpamPoolAllocation::resourceTypeAsString)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(regional.ipamPoolId(), "ipam-pool"));

    // VPCs: the pool's default /18, then the next free ones, never overlapping
    String vpc1 = ec2.createVpc(r -> r.ipv4IpamPoolId(regional.ipamPoolId())).vpc().vpcId();
    assertThat(ec2.describeVpcs(r -> r.vpcIds(vpc1)).vpcs().get(0).cidrBlock())
        .isEqualTo("10.20.0.0/18");
    assertThat(vpcFrom(regional.ipamPoolId(), 18)).isEqualTo("10.20.64.0/18");
    assertError(
        () ->
            ec2.createVpc(r -> r.ipv4IpamPoolId(regional.ipamPoolId()).cidrBlock("10.20.64.0/20")),
        "InvalidParameterValue");
    assertError(() -> vpcFrom(regional.ipamPoolId(), 25), "InvalidParameterValue");
    IpamPoolAllocation custom =
        ec2.allocateIpamPoolCidr(
                r ->
                    r.ipamPoolId(regional.ipamPoolId())
                        .netmaskLength(18)
                        .description("reserved")
                        .disallowedCidrs("10.20.128.0/18"))
            .ipamPoolAllocation();
    assertThat(custom.cidr()).isEqualTo("10.20.192.0/18");
    assertThat(custom.resourceTypeAsString()).isEqualTo("custom");
    assertThat(
            ec2.allocateIpamPoolCidr(
                    r ->
                        r.ipamPoolId(regional.ipamPoolId()).netmaskLength(18).previewNextCidr(true))
                .ipamPoolAllocation()
                .cidr())
        .isEqualTo("10.20.128.0/18");
    String vpc3 =
        ec2.createVpc(r -> r.ipv4IpamPoolId(regional.ipamPoolId()).ipv4NetmaskLength(18))
            .vpc()
            .vpcId();
    String full = error(() -> vpcFrom(regional.ipamPoolId(), 24));
    assertThat(full).contains("InvalidParameterValue").contains("too big for the pool");

    // deleting a VPC gives its CIDR back; a VPC's allocation is not released by hand
    IpamPoolAllocation ofVpc1 =
        ec2.getIpamPoolAllocations(
                r -> r.ipamPoolId(regional.ipamPoolId()).filters(filter("resource-id", vpc1)))
            .ipamPoolAllocations()
            .get(0);
    assertThat(ofVpc1.resourceTypeAsString()).isEqualTo("vpc");
    assertError(
        () ->
            ec2.releaseIpamPoolAllocation(
                r ->
                    r.ipamPoolId(regional.ipamPoolId())
                        .cidr(ofVpc1.cidr())
                        .ipamPoolAllocationId(ofVpc1.ipamPoolAllocationId())),
        "InvalidIpamPoolAllocation.NotCustom");
    ec2.deleteVpc(r -> r.vpcId(vpc1));
    assertThat(vpcFrom(regional.ipamPoolId(), 18)).isEqualTo("10.20.0.0/18");
    assertThat(
            ec2.releaseIpamPoolAllocation(
                    r ->
                        r.ipamPoolId(regional.ipamPoolId())
                            .cidr(custom.cidr())
                            .ipamPoolAllocationId(custom.ipamPoolAllocationId()))
                .success())
        .isTrue();

    assertError(
        () -> ec2.deleteIpamPool(r -> r.ipamPoolId(regional.ipamPoolId())), "InvalidIpamPoolState");
    assertError(
        () ->
            ec2.deprovisionIpamPoolCidr(
                r -> r.ipamPoolId(regional.ipamPoolId()).cidr("10.20.0.0/16")),
        "DependencyViolation");
    ec2.deleteVpc(r -> r.vpcId(vpc3));
    assertThat(
            ec2.getIpamPoolCidrs(r -> r.ipamPoolId(regional.ipamPoolId()))
                .ipamPoolCidrs()
                .get(0)
                .stateAsString())
        .isEqualTo("provisioned");
    assertThat(ec2.deleteIpam(r -> r.ipamId(ipam.ipamId()).cascade(true)).ipam().ipamId())
        .isEqualTo(ipam.ipamId());
    assertThat(
            ec2.describeIpamPools(r -> r.filters(filter("ipam-arn", ipam.ipamArn()))).ipamPools())
        .isEmpty();
  }

  @Test
  void resourceCidrsShowManagementComplianceAndOverlap() {
    Ipam ipam = ipam("resources");
    IpamPool pool =
        ec2.createIpamPool(
                r ->
                    r.ipamScopeId(ipam.privateDefaultScopeId())
                        .addressFamily("ipv4")
                        .locale(REGION)
                        .allocationResourceTags(
                            RequestIpamResourceTag.builder().key("team").value("net").build()))
            .ipamPool();
    ec2.provisionIpamPoolCidr(r -> r.ipamPoolId(pool.ipamPoolId()).cidr("10.70.0.0/16"));
    assertError(() -> vpcFrom(pool.ipamPoolId(), 20), "InvalidParameterValue");
    String managed =
        ec2.createVpc(
                r ->
                    r.ipv4IpamPoolId(pool.ipamPoolId())
                        .ipv4NetmaskLength(20)
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.VPC)
                                .tags(Tag.builder().key("team").value("net").build())
                                .build()))
            .vpc()
            .vpcId();
    String stray = ec2.createVpc(r -> r.cidrBlock("10.70.8.0/21")).vpc().vpcId();

    List<IpamResourceCidr> cidrs =
        ec2.getIpamResourceCidrs(
                r ->
                    r.ipamScopeId(ipam.privateDefaultScopeId())
                        .resourceType("vpc")
                        .filters(filter("vpc-id", managed, stray)))
            .ipamResourceCidrs();
    IpamResourceCidr m =
        cidrs.stream().filter(c -> c.resourceId().equals(managed)).findFirst().orElseThrow();
    IpamResourceCidr s =
        cidrs.stream().filter(c -> c.resourceId().equals(stray)).findFirst().orElseThrow();
    assertThat(m.resourceCidr()).isEqualTo("10.70.0.0/20");
    assertThat(m.ipamPoolId()).isEqualTo(pool.ipamPoolId());
    assertThat(m.managementStateAsString()).isEqualTo("managed");
    assertThat(m.complianceStatusAsString()).isEqualTo("compliant");
    assertThat(m.overlapStatusAsString()).isEqualTo("overlapping");
    assertThat(s.managementStateAsString()).isEqualTo("unmanaged");
    assertThat(s.complianceStatusAsString()).isEqualTo("unmanaged");

    IpamResourceCidr ignored =
        ec2.modifyIpamResourceCidr(
                r ->
                    r.resourceId(stray)
                        .resourceCidr("10.70.8.0/21")
                        .resourceRegion(REGION)
                        .currentIpamScopeId(ipam.privateDefaultScopeId())
                        .monitored(false))
            .ipamResourceCidr();
    assertThat(ignored.managementStateAsString()).isEqualTo("ignored");
    assertThat(
            ec2.getIpamResourceCidrs(
                    r -> r.ipamScopeId(ipam.privateDefaultScopeId()).resourceId(managed))
                .ipamResourceCidrs()
                .get(0)
                .overlapStatusAsString())
        .isEqualTo("nonoverlapping");

    ec2.deleteVpc(r -> r.vpcId(stray));
    var history =
        ec2.getIpamAddressHistory(
                r -> r.cidr("10.70.0.0/16").ipamScopeId(ipam.privateDefaultScopeId()))
            .historyRecords();
    assertThat(history)
        .anySatisfy(
            h -> {
              assertThat(h.resourceId()).isEqualTo(stray);
              assertThat(h.sampledEndTime()).isNotNull();
            })
        .anySatisfy(
            h -> {
              assertThat(h.resourceId()).isEqualTo(managed);
              assertThat(h.sampledEndTime()).isNull();
            });
    ec2.deleteVpc(r -> r.vpcId(managed));
    ec2.deleteIpam(r -> r.ipamId(ipam.ipamId()).cascade(true));
  }

  @Test
  void ipv6VpcsComeFromAnAmazonProvidedPool() {
    Ipam ipam = ipam("ipv6");
    IpamPool pool =
        ec2.createIpamPool(
                r ->
                    r.ipamScopeId(ipam.publicDefaultScopeId())
                        .addressFamily("ipv6")
                        .locale(REGION)
                        .awsService("ec2")
                        .publicIpSource("amazon"))
            .ipamPool();
    String block =
        ec2.provisionIpamPoolCidr(r -> r.ipamPoolId(pool.ipamPoolId()).netmaskLength(52))
            .ipamPoolCidr()
            .cidr();
    assertThat(block).endsWith("/52");
    var vpc =
        ec2.createVpc(
                r ->
                    r.cidrBlock("10.71.0.0/16")
                        .ipv6IpamPoolId(pool.ipamPoolId())
                        .ipv6NetmaskLength(56))
            .vpc();
    String v6 = vpc.ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock();
    assertThat(v6).endsWith("/56").startsWith(block.substring(0, block.indexOf("::")));
    assertError(
        () ->
            ec2.associateVpcCidrBlock(r -> r.vpcId(vpc.vpcId()).ipv4IpamPoolId(pool.ipamPoolId())),
        "InvalidParameterValue");
    String other =
        ec2.createVpc(
                r ->
                    r.cidrBlock("10.72.0.0/16")
                        .ipv6IpamPoolId(pool.ipamPoolId())
                        .ipv6NetmaskLength(56))
            .vpc()
            .ipv6CidrBlockAssociationSet()
            .get(0)
            .ipv6CidrBlock();
    assertThat(other).isNotEqualTo(v6);
    ec2.deleteVpc(r -> r.vpcId(vpc.vpcId()));
    assertThat(
            ec2.getIpamPoolAllocations(r -> r.ipamPoolId(pool.ipamPoolId())).ipamPoolAllocations())
        .extracting(IpamPoolAllocation::cidr)
        .containsExactly(other);
  }

  @Test
  void aSubnetsIpv6BlockComesFromAnIpamPoolAndGoesBack() {
    Ipam ipam = ipam("subnet-ipv6");
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.73.0.0/16")).vpc().vpcId();
    String v6 =
        ec2.associateVpcCidrBlock(r -> r.vpcId(vpc).amazonProvidedIpv6CidrBlock(true))
            .ipv6CidrBlockAssociation()
            .ipv6CidrBlock();
    IpamPool pool =
        ec2.createIpamPool(
                r ->
                    r.ipamScopeId(ipam.privateDefaultScopeId())
                        .addressFamily("ipv6")
                        .locale(REGION))
            .ipamPool();
    ec2.provisionIpamPoolCidr(r -> r.ipamPoolId(pool.ipamPoolId()).cidr(v6));
    String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.73.1.0/24")).subnet().subnetId();
    String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.73.2.0/24")).subnet().subnetId();

    var first =
        ec2.associateSubnetCidrBlock(
                r -> r.subnetId(a).ipv6IpamPoolId(pool.ipamPoolId()).ipv6NetmaskLength(64))
            .ipv6CidrBlockAssociation();
    String second =
        ec2.associateSubnetCidrBlock(
                r -> r.subnetId(b).ipv6IpamPoolId(pool.ipamPoolId()).ipv6NetmaskLength(64))
            .ipv6CidrBlockAssociation()
            .ipv6CidrBlock();
    assertThat(first.ipv6CidrBlock())
        .endsWith("/64")
        .startsWith(v6.substring(0, v6.indexOf("::")))
        .isNotEqualTo(second);
    assertThat(
            ec2.describeSubnets(r -> r.subnetIds(a))
                .subnets()
                .get(0)
                .ipv6CidrBlockAssociationSet()
                .get(0)
                .ipv6CidrBlock())
        .isEqualTo(first.ipv6CidrBlock());
    assertThat(
            ec2.getIpamPoolAllocations(r -> r.ipamPoolId(pool.ipamPoolId())).ipamPoolAllocations())
        .extracting(x -> x.resourceTypeAsString() + " " + x.resourceId() + " " + x.cidr())
        .containsExactlyInAnyOrder(
            "subnet " + a + " " + first.ipv6CidrBlock(), "subnet " + b + " " + second);

    // a block the subnet cannot take (not a /64) goes back to the pool
    String c = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.73.3.0/24")).subnet().subnetId();
    assertError(
        () ->
            ec2.associateSubnetCidrBlock(
                r -> r.subnetId(c).ipv6IpamPoolId(pool.ipamPoolId()).ipv6NetmaskLength(60)),
        "InvalidSubnet.Range");
    assertError(
        () ->
            ec2.associateSubnetCidrBlock(
                r -> r.subnetId(c).ipv6IpamPoolId("ipam-pool-0123456789abcdef0")),
        "InvalidIpamPoolId.NotFound");
    ec2.disassociateSubnetCidrBlock(r -> r.associationId(first.associationId()));
    ec2.deleteSubnet(r -> r.subnetId(b));
    assertThat(
            ec2.getIpamPoolAllocations(r -> r.ipamPoolId(pool.ipamPoolId())).ipamPoolAllocations())
        .isEmpty();

    ec2.deleteSubnet(r -> r.subnetId(a));
    ec2.deleteSubnet(r -> r.subnetId(c));
    ec2.deleteVpc(r -> r.vpcId(vpc));
    ec2.deleteIpam(r -> r.ipamId(ipam.ipamId()).cascade(true));
  }
}
