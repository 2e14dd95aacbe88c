package dev.ec2double.it.insights;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAccessScopeAnalysis;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsPath;
import software.amazon.awssdk.services.ec2.model.PathComponent;

/**
 * Reachability Analyzer's answers computed from the stored security groups, network ACLs and
 * routes, and Network Access Analyzer's scopes kept as records, on the mock backend.
 */
class ReachabilityAnalyzerIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("ca-central-1", "AKIDREACHABILITY");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static NetworkInsightsAnalysis analyze(String pathId) {
    NetworkInsightsAnalysis started =
        ec2.startNetworkInsightsAnalysis(r -> r.networkInsightsPathId(pathId))
            .networkInsightsAnalysis();
    assertThat(started.statusAsString()).isEqualTo("running");
    return ec2.describeNetworkInsightsAnalyses(
            r -> r.networkInsightsAnalysisIds(started.networkInsightsAnalysisId()))
        .networkInsightsAnalyses()
        .get(0);
  }

  @Test
  void theBlockingComponentIsNamedUntilThePathIsOpen() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.93.0.0/16")).vpc().vpcId();
    String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.93.1.0/24")).subnet().subnetId();
    String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.93.2.0/24")).subnet().subnetId();
    String web =
        ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description("web")).groupId();
    String client =
        ec2.createNetworkInterface(r -> r.subnetId(a)).networkInterface().networkInterfaceId();
    String server =
        ec2.createNetworkInterface(r -> r.subnetId(b).groups(web))
            .networkInterface()
            .networkInterfaceId();

    NetworkInsightsPath path =
        ec2.createNetworkInsightsPath(
                r -> r.source(client).destination(server).protocol("tcp").destinationPort(22))
            .networkInsightsPath();
    assertThat(path.networkInsightsPathId()).matches("nip-[0-9a-f]{17}");
    assertThat(path.networkInsightsPathArn())
        .endsWith(":network-insights-path/" + path.networkInsightsPathId());
    assertThat(path.destinationArn()).contains(":network-interface/" + server);

    // the web group has no ingress rule
    NetworkInsightsAnalysis closed = analyze(path.networkInsightsPathId());
    assertThat(closed.statusAsString()).isEqualTo("succeeded");
    assertThat(closed.networkPathFound()).isFalse();
    assertThat(closed.explanations().get(0).explanationCode()).isEqualTo("ENI_SG_RULES_MISMATCH");
    assertThat(closed.explanations().get(0).direction()).isEqualTo("ingress");
    assertThat(closed.explanations().get(0).component().id()).isEqualTo(server);

    ec2.authorizeSecurityGroupIngress(
        r ->
            r.groupId(web)
                .ipPermissions(
                    p ->
                        p.ipProtocol("tcp")
                            .fromPort(22)
                            .toPort(22)
                            .ipRanges(x -> x.cidrIp("10.93.1.0/24"))));
    NetworkInsightsAnalysis open = analyze(path.networkInsightsPathId());
    assertThat(open.networkPathFound()).isTrue();
    assertThat(open.forwardPathComponents())
        .extracting(c -> c.component().id())
        .startsWith(client)
        .endsWith(server)
        .contains(web);

    // another port is still closed; a deny entry on the destination subnet's ACL cuts it
    String other =
        ec2.createNetworkInsightsPath(
                r -> r.source(client).destination(server).protocol("tcp").destinationPort(80))
            .networkInsightsPath()
            .networkInsightsPathId();
    assertThat(analyze(other).networkPathFound()).isFalse();
    String acl = ec2.createNetworkAcl(r -> r.vpcId(vpc)).networkAcl().networkAclId();
    String association =
        ec2
            .describeNetworkAcls(r -> r.filters(filter("association.subnet-id", b)))
            .networkAcls()
            .get(0)
            .associations()
            .stream()
            .filter(x -> x.subnetId().equals(b))
            .findFirst()
            .orElseThrow()
            .networkAclAssociationId();
    ec2.replaceNetworkAclAssociation(r -> r.associationId(association).networkAclId(acl));
    NetworkInsightsAnalysis cut = analyze(path.networkInsightsPathId());
    assertThat(cut.networkPathFound()).isFalse();
    assertThat(cut.explanations().get(0).explanationCode()).isEqualTo("SUBNET_ACL_RESTRICTION");
    assertThat(cut.explanations().get(0).acl().id()).isEqualTo(acl);

    assertThat(
            ec2.describeNetworkInsightsAnalyses(
                    r ->
                        r.networkInsightsPathId(path.networkInsightsPathId())
                            .filters(filter("path-found", "true")))
                .networkInsightsAnalyses())
        .extracting(NetworkInsightsAnalysis::networkInsightsAnalysisId)
        .containsExactly(open.networkInsightsAnalysisId());
    assertError(
        () ->
            ec2.deleteNetworkInsightsPath(
                r -> r.networkInsightsPathId(path.networkInsightsPathId())),
        "DependencyViolation");
    for (String id :
        java.util.List.of(
            closed.networkInsightsAnalysisId(),
            open.networkInsightsAnalysisId(),
            cut.networkInsightsAnalysisId())) {
      ec2.deleteNetworkInsightsAnalysis(r -> r.networkInsightsAnalysisId(id));
    }
    ec2.deleteNetworkInsightsPath(r -> r.networkInsightsPathId(path.networkInsightsPathId()));
  }

  @Test
  void fromTheInternetThePathNeedsTheGatewayAttachedAndARouteToIt() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.94.0.0/16")).vpc().vpcId();
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.94.1.0/24")).subnet().subnetId();
    String group =
        ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("ssh").description("ssh")).groupId();
    ec2.authorizeSecurityGroupIngress(
        r ->
            r.groupId(group)
                .ipPermissions(
                    p ->
                        p.ipProtocol("tcp")
                            .fromPort(22)
                            .toPort(22)
                            .ipRanges(x -> x.cidrIp("0.0.0.0/0"))));
    String eni =
        ec2.createNetworkInterface(r -> r.subnetId(subnet).groups(group))
            .networkInterface()
            .networkInterfaceId();
    String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
    String path =
        ec2.createNetworkInsightsPath(
                r -> r.source(igw).destination(eni).protocol("tcp").destinationPort(22))
            .networkInsightsPath()
            .networkInsightsPathId();

    assertThat(analyze(path).explanations().get(0).explanationCode())
        .isEqualTo("BAD_STATE_ATTACHMENT");
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
    NetworkInsightsAnalysis noRoute = analyze(path);
    assertThat(noRoute.explanations().get(0).explanationCode())
        .isEqualTo("NO_ROUTE_TO_DESTINATION");
    String table =
        ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpc)))
            .routeTables()
            .get(0)
            .routeTableId();
    ec2.createRoute(r -> r.routeTableId(table).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
    NetworkInsightsAnalysis found = analyze(path);
    assertThat(found.networkPathFound()).isTrue();
    assertThat(found.forwardPathComponents())
        .extracting(PathComponent::sequenceNumber)
        .startsWith(1, 2);

    // errors: an unknown end, an end the analyzer does not take, a bad protocol
    assertError(
        () ->
            ec2.createNetworkInsightsPath(
                r -> r.source("eni-0123456789abcdef0").destination(eni).protocol("tcp")),
        "InvalidNetworkInterfaceID.NotFound");
    assertError(
        () -> ec2.createNetworkInsightsPath(r -> r.source(vpc).destination(eni).protocol("tcp")),
        "InvalidParameterValue");
    assertError(
        () -> ec2.createNetworkInsightsPath(r -> r.source(igw).destination(eni).protocol("icmp")),
        "InvalidParameterValue");
    assertThat(
            ec2.describeNetworkInsightsPaths(r -> r.filters(filter("source", igw)))
                .networkInsightsPaths())
        .extracting(NetworkInsightsPath::networkInsightsPathId)
        .containsExactly(path);
  }

  @Test
  void accessScopesAreKeptButNotEvaluated() {
    var made =
        ec2.createNetworkInsightsAccessScope(
            r ->
                r.matchPaths(
                    m ->
                        m.source(
                                s ->
                                    s.resourceStatement(
                                        x -> x.resourceTypes("AWS::EC2::InternetGateway")))
                            .destination(
                                d ->
                                    d.packetHeaderStatement(
                                        h ->
                                            h.destinationPorts("22")
                                                .protocolsWithStrings("tcp")))));
    String id = made.networkInsightsAccessScope().networkInsightsAccessScopeId();
    assertThat(id).matches("nis-[0-9a-f]{17}");
    assertThat(
            ec2.getNetworkInsightsAccessScopeContent(r -> r.networkInsightsAccessScopeId(id))
                .networkInsightsAccessScopeContent()
                .matchPaths()
                .get(0)
                .destination()
                .packetHeaderStatement()
                .destinationPorts())
        .containsExactly("22");
    String analysisId =
        ec2.startNetworkInsightsAccessScopeAnalysis(r -> r.networkInsightsAccessScopeId(id))
            .networkInsightsAccessScopeAnalysis()
            .networkInsightsAccessScopeAnalysisId();
    NetworkInsightsAccessScopeAnalysis a =
        ec2.describeNetworkInsightsAccessScopeAnalyses(r -> r.networkInsightsAccessScopeId(id))
            .networkInsightsAccessScopeAnalyses()
            .get(0);
    assertThat(a.statusAsString()).isEqualTo("succeeded");
    assertThat(a.findingsFoundAsString()).isEqualTo("unknown");
    assertThat(a.warningMessage()).contains("does not evaluate");
    assertThat(
            ec2.getNetworkInsightsAccessScopeAnalysisFindings(
                    r -> r.networkInsightsAccessScopeAnalysisId(analysisId))
                .analysisFindings())
        .isEmpty();
    assertError(
        () -> ec2.deleteNetworkInsightsAccessScope(r -> r.networkInsightsAccessScopeId(id)),
        "DependencyViolation");
    ec2.deleteNetworkInsightsAccessScopeAnalysis(
        r -> r.networkInsightsAccessScopeAnalysisId(analysisId));
    ec2.deleteNetworkInsightsAccessScope(r -> r.networkInsightsAccessScopeId(id));
    assertError(
        () -> ec2.describeNetworkInsightsAccessScopes(r -> r.networkInsightsAccessScopeIds(id)),
        "InvalidNetworkInsightsAccessScopeId.NotFound");
    assertThat(ec2.enableReachabilityAnalyzerOrganizationSharing(r -> {}).returnValue()).isTrue();
  }
}
