package dev.ec2double.it.ipam;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ipam;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverRuleRequest;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverVersionEntry;
import software.amazon.awssdk.services.ec2.model.IpamResourceDiscoveryAssociation;

/**
 * Resource discoveries, verification tokens, IPAM policies, prefix list resolvers and internet
 * registry records as an SDK user sees them, on the mock backend.
 */
class IpamDiscoveriesAndPoliciesIT {
  private static final String REGION = "ap-southeast-2";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2(REGION, "AKIDIPAMDISCO");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static Ipam ipam() {
    return ec2.createIpam(r -> r.operatingRegions(o -> o.regionName("us-east-1"))).ipam();
  }

  @Test
  void discoveriesAssociateAndReportWhatTheyFind() {
    Ipam ipam = ipam();
    String disco =
        ec2.createIpamResourceDiscovery(r -> r.description("extra"))
            .ipamResourceDiscovery()
            .ipamResourceDiscoveryId();
    IpamResourceDiscoveryAssociation assoc =
        ec2.associateIpamResourceDiscovery(
                r -> r.ipamId(ipam.ipamId()).ipamResourceDiscoveryId(disco))
            .ipamResourceDiscoveryAssociation();
    assertThat(assoc.stateAsString()).isEqualTo("associate-in-progress");
    assertError(
        () ->
            ec2.associateIpamResourceDiscovery(
                r -> r.ipamId(ipam.ipamId()).ipamResourceDiscoveryId(disco)),
        "InvalidParameterValue");
    assertThat(
            ec2.describeIpamResourceDiscoveryAssociations(
                    r -> r.filters(filter("ipam-id", ipam.ipamId())))
                .ipamResourceDiscoveryAssociations())
        .extracting(IpamResourceDiscoveryAssociation::isDefault)
        .containsExactlyInAnyOrder(true, false);
    assertThat(
            ec2.describeIpams(r -> r.ipamIds(ipam.ipamId()))
                .ipams()
                .get(0)
                .resourceDiscoveryAssociationCount())
        .isEqualTo(2);
    assertError(
        () -> ec2.deleteIpamResourceDiscovery(r -> r.ipamResourceDiscoveryId(disco)),
        "DependencyViolation");
    assertError(
        () ->
            ec2.disassociateIpamResourceDiscovery(
                r ->
                    r.ipamResourceDiscoveryAssociationId(
                        ipam.defaultResourceDiscoveryAssociationId())),
        "InvalidParameterValue");

    String vpc = ec2.createVpc(r -> r.cidrBlock("10.44.0.0/16")).vpc().vpcId();
    ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.44.0.0/17"));
    var found =
        ec2.getIpamDiscoveredResourceCidrs(
                r ->
                    r.ipamResourceDiscoveryId(ipam.defaultResourceDiscoveryId())
                        .resourceRegion(REGION)
                        .filters(filter("vpc-id", vpc)))
            .ipamDiscoveredResourceCidrs();
    assertThat(found)
        .extracting(c -> c.resourceTypeAsString() + " " + c.resourceCidr())
        .containsExactly("vpc 10.44.0.0/16", "subnet 10.44.0.0/17");
    assertThat(found.get(0).ipUsage()).isEqualTo(0.5);
    assertThat(
            ec2.getIpamDiscoveredAccounts(
                    r -> r.ipamResourceDiscoveryId(disco).discoveryRegion(REGION))
                .ipamDiscoveredAccounts()
                .get(0)
                .accountId())
        .matches("\\d{12}");
    assertError(
        () ->
            ec2.getIpamDiscoveredAccounts(
                r -> r.ipamResourceDiscoveryId(disco).discoveryRegion("eu-west-3")),
        "InvalidParameterValue");

    ec2.modifyIpamResourceDiscovery(
        r -> r.ipamResourceDiscoveryId(disco).addOperatingRegions(o -> o.regionName("eu-west-3")));
    assertThat(
            ec2.describeIpamResourceDiscoveries(
                    r -> r.filters(filter("operating-region.region-name", "eu-west-3")))
                .ipamResourceDiscoveries())
        .extracting(d -> d.ipamResourceDiscoveryId())
        .containsExactly(disco);
    ec2.disassociateIpamResourceDiscovery(
        r -> r.ipamResourceDiscoveryAssociationId(assoc.ipamResourceDiscoveryAssociationId()));
    ec2.deleteIpamResourceDiscovery(r -> r.ipamResourceDiscoveryId(disco));

    var token =
        ec2.createIpamExternalResourceVerificationToken(r -> r.ipamId(ipam.ipamId()))
            .ipamExternalResourceVerificationToken();
    assertThat(token.statusAsString()).isEqualTo("valid");
    assertThat(token.notAfter()).isAfter(java.time.Instant.now().plusSeconds(71 * 3600));
    assertThat(
            ec2.describeIpamExternalResourceVerificationTokens(
                    r -> r.filters(filter("ipam-id", ipam.ipamId())))
                .ipamExternalResourceVerificationTokens())
        .hasSize(1);
    ec2.deleteIpamExternalResourceVerificationToken(
        r ->
            r.ipamExternalResourceVerificationTokenId(
                token.ipamExternalResourceVerificationTokenId()));
    ec2.deleteIpam(r -> r.ipamId(ipam.ipamId()));
  }

  @Test
  void policiesAndPrefixListResolvers() {
    Ipam ipam = ipam();
    String pool =
        ec2.createIpamPool(
                r ->
                    r.ipamScopeId(ipam.publicDefaultScopeId()).addressFamily("ipv4").locale(REGION))
            .ipamPool()
            .ipamPoolId();
    String policy = ec2.createIpamPolicy(r -> r.ipamId(ipam.ipamId())).ipamPolicy().ipamPolicyId();
    assertThat(ec2.getEnabledIpamPolicy(r -> {}).ipamPolicyEnabled()).isFalse();
    ec2.enableIpamPolicy(r -> r.ipamPolicyId(policy));
    var enabled = ec2.getEnabledIpamPolicy(r -> {});
    assertThat(enabled.ipamPolicyId()).isEqualTo(policy);
    assertThat(enabled.managedByAsString()).isEqualTo("account");
    ec2.modifyIpamPolicyAllocationRules(
        r ->
            r.ipamPolicyId(policy)
                .locale(REGION)
                .resourceType("eip")
                .allocationRules(a -> a.sourceIpamPoolId(pool)));
    assertThat(
            ec2.getIpamPolicyAllocationRules(r -> r.ipamPolicyId(policy).resourceType("eip"))
                .ipamPolicyDocuments()
                .get(0)
                .allocationRules()
                .get(0)
                .sourceIpamPoolId())
        .isEqualTo(pool);
    assertError(() -> ec2.deleteIpamPolicy(r -> r.ipamPolicyId(policy)), "IncorrectState");
    ec2.disableIpamPolicy(r -> r.ipamPolicyId(policy));
    ec2.deleteIpamPolicy(r -> r.ipamPolicyId(policy));

    ec2.provisionIpamPoolCidr(
        r ->
            r.ipamPoolId(pool)
                .cidr("198.18.8.0/24")
                .cidrAuthorizationContext(c -> c.message("m").signature("s")));
    String resolver =
        ec2.createIpamPrefixListResolver(
                r ->
                    r.ipamId(ipam.ipamId())
                        .addressFamily("ipv4")
                        .rules(
                            IpamPrefixListResolverRuleRequest.builder()
                                .ruleType("static-cidr")
                                .staticCidr("192.0.2.0/24")
                                .build(),
                            IpamPrefixListResolverRuleRequest.builder()
                                .ruleType("ipam-pool-cidr")
                                .ipamScopeId(ipam.publicDefaultScopeId())
                                .build()))
            .ipamPrefixListResolver()
            .ipamPrefixListResolverId();
    assertThat(
            ec2.getIpamPrefixListResolverVersionEntries(
                    r -> r.ipamPrefixListResolverId(resolver).ipamPrefixListResolverVersion(1L))
                .entries())
        .extracting(IpamPrefixListResolverVersionEntry::cidr)
        .containsExactly("192.0.2.0/24", "198.18.8.0/24");
    String target =
        ec2.createIpamPrefixListResolverTarget(
                r ->
                    r.ipamPrefixListResolverId(resolver)
                        .prefixListId("pl-0123456789abcdef0")
                        .prefixListRegion(REGION)
                        .trackLatestVersion(true))
            .ipamPrefixListResolverTarget()
            .ipamPrefixListResolverTargetId();
    ec2.modifyIpamPrefixListResolver(
        r ->
            r.ipamPrefixListResolverId(resolver)
                .rules(
                    IpamPrefixListResolverRuleRequest.builder()
                        .ruleType("static-cidr")
                        .staticCidr("192.0.2.0/25")
                        .build()));
    assertThat(
            ec2.getIpamPrefixListResolverVersions(r -> r.ipamPrefixListResolverId(resolver))
                .ipamPrefixListResolverVersions())
        .hasSize(2);
    assertThat(
            ec2.describeIpamPrefixListResolverTargets(r -> r.ipamPrefixListResolverId(resolver))
                .ipamPrefixListResolverTargets()
                .get(0)
                .lastSyncedVersion())
        .isEqualTo(2L);
    assertError(
        () -> ec2.deleteIpamPrefixListResolver(r -> r.ipamPrefixListResolverId(resolver)),
        "DependencyViolation");
    ec2.deleteIpamPrefixListResolverTarget(r -> r.ipamPrefixListResolverTargetId(target));
    ec2.deleteIpamPrefixListResolver(r -> r.ipamPrefixListResolverId(resolver));
    ec2.deleteIpam(r -> r.ipamId(ipam.ipamId()).cascade(true));
  }

  @Test
  void registryRegistrationsAuthorizeTheAdvertisedOrigin() {
    Ipam ipam = ipam();
    String assoc =
        ec2.createIpamInternetRegistryAssociation(
                r -> r.ipamId(ipam.ipamId()).rir("arin").organizationHandle("EXAMPLE-1"))
            .ipamInternetRegistryAssociation()
            .ipamInternetRegistryAssociationId();
    assertError(
        () ->
            ec2.createIpamRoutingPolicyRegistration(
                r ->
                    r.ipamInternetRegistryAssociationId(assoc)
                        .cidr("198.51.100.0/24")
                        .asns("64500")),
        "IncorrectState");
    ec2.enableIpamInternetRegistryAssociation(
        r ->
            r.ipamInternetRegistryAssociationId(assoc)
                .serviceUri("https://rpki.example/")
                .parentHandle("ARIN"));
    ec2.createIpamRoutingPolicyRegistration(
        r -> r.ipamInternetRegistryAssociationId(assoc).cidr("198.51.100.0/24").asns("64500"));
    assertThat(
            ec2.getIpamRouteOriginAuthorizations(r -> r.ipamInternetRegistryAssociationId(assoc))
                .ipamRouteOriginAuthorizations())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.asn()).isEqualTo("64500");
              assertThat(a.maxLength()).isEqualTo(24);
            });

    ec2.provisionByoipCidr(
        r ->
            r.cidr("198.51.100.0/24").cidrAuthorizationContext(c -> c.message("m").signature("s")));
    ec2.provisionIpamByoasn(
        r ->
            r.ipamId(ipam.ipamId())
                .asn("64501")
                .asnAuthorizationContext(c -> c.message("m").signature("s")));
    ec2.associateIpamByoasn(r -> r.asn("64501").cidr("198.51.100.0/24"));
    ec2.advertiseByoipCidr(r -> r.cidr("198.51.100.0/24").asn("64501"));
    assertThat(
            ec2.getIpamRouteProtectionFindings(r -> r.ipamId(ipam.ipamId()))
                .routeProtectionFindings()
                .get(0)
                .rpkiStatusAsString())
        .isEqualTo("invalid");
    ec2.batchModifyIpamRoutingPolicyRegistrations(
        r ->
            r.ipamInternetRegistryAssociationId(assoc)
                .deltaJson(
                    "[{\"action\":\"modify\",\"cidr\":\"198.51.100.0/24\",\"asns\":[\"64501\"]}]"));
    assertThat(
            ec2.getIpamRouteProtectionFindings(r -> r.ipamId(ipam.ipamId()))
                .routeProtectionFindings()
                .get(0)
                .rpkiStatusAsString())
        .isEqualTo("valid");
    assertThat(
            ec2.getIpamRoutingPolicyRegistrationDeltas(
                    r -> r.ipamInternetRegistryAssociationId(assoc))
                .ipamRoutingPolicyRegistrationDeltas())
        .hasSize(2);
    assertError(
        () ->
            ec2.batchModifyIpamRoutingPolicyRegistrations(
                r -> r.ipamInternetRegistryAssociationId(assoc).deltaJson("{nope")),
        "InvalidParameterValue");
    assertThat(
            ec2.getIpamInternetRegistryAssociationAsns(
                    r -> r.ipamInternetRegistryAssociationId(assoc))
                .ipamInternetRegistryAssociationAsns())
        .extracting(a -> a.asn())
        .containsExactly("64501");
    ec2.withdrawByoipCidr(r -> r.cidr("198.51.100.0/24"));
    ec2.disassociateIpamByoasn(r -> r.asn("64501").cidr("198.51.100.0/24"));
    ec2.deprovisionByoipCidr(r -> r.cidr("198.51.100.0/24"));
    ec2.deleteIpamRoutingPolicyRegistration(
        r -> r.ipamInternetRegistryAssociationId(assoc).cidr("198.51.100.0/24"));
    ec2.deleteIpamInternetRegistryAssociation(r -> r.ipamInternetRegistryAssociationId(assoc));
    ec2.deprovisionIpamByoasn(r -> r.ipamId(ipam.ipamId()).asn("64501"));
    ec2.deleteIpam(r -> r.ipamId(ipam.ipamId()));
  }
}
