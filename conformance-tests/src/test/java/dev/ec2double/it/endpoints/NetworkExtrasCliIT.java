package dev.ec2double.it.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI v2 (botocore, strict about element names) drives endpoint services, traffic mirroring
 * and Reachability Analyzer once each.
 */
class NetworkExtrasCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGION = "ap-south-1";

  @BeforeAll
  static void cliIsInstalled() {
    AwsCli.requireInstalled("NetworkExtrasCliIT");
  }

  private static JsonNode aws(String... args) throws Exception {
    AwsCli.Run r = AwsCli.run(REGION, args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.stderr()).isZero();
    return r.stdout().isBlank() ? JSON.nullNode() : JSON.readTree(r.stdout());
  }

  @Test
  void endpointServiceConnectionsAreAccepted() throws Exception {
    JsonNode defaultSubnet =
        aws("ec2", "describe-subnets", "--filters", "Name=default-for-az,Values=true")
            .get("Subnets")
            .get(0);
    String subnet = defaultSubnet.get("SubnetId").asText();
    String vpc = defaultSubnet.get("VpcId").asText();
    String lb =
        aws(
                "elbv2",
                "create-load-balancer",
                "--name",
                "cli-privatelink",
                "--type",
                "network",
                "--subnets",
                subnet)
            .get("LoadBalancers")
            .get(0)
            .get("LoadBalancerArn")
            .asText();
    JsonNode svc =
        aws(
                "ec2",
                "create-vpc-endpoint-service-configuration",
                "--network-load-balancer-arns",
                lb,
                "--acceptance-required",
                "--private-dns-name",
                "cli.example.com",
                "--tag-specifications",
                "ResourceType=vpc-endpoint-service,Tags=[{Key=Name,Value=cli}]")
            .get("ServiceConfiguration");
    String id = svc.get("ServiceId").asText();
    assertThat(svc.get("ServiceType").get(0).get("ServiceType").asText()).isEqualTo("Interface");
    assertThat(svc.get("PrivateDnsNameConfiguration").get("State").asText())
        .isEqualTo("pendingVerification");
    assertThat(svc.get("Tags").get(0).get("Value").asText()).isEqualTo("cli");
    JsonNode added =
        aws(
            "ec2",
            "modify-vpc-endpoint-service-permissions",
            "--service-id",
            id,
            "--add-allowed-principals",
            "*");
    assertThat(added.get("AddedPrincipals").get(0).get("PrincipalType").asText()).isEqualTo("All");
    JsonNode endpoint =
        aws(
                "ec2",
                "create-vpc-endpoint",
                "--vpc-id",
                vpc,
                "--vpc-endpoint-type",
                "Interface",
                "--service-name",
                svc.get("ServiceName").asText(),
                "--subnet-ids",
                subnet)
            .get("VpcEndpoint");
    assertThat(endpoint.get("State").asText()).isEqualTo("pendingAcceptance");
    JsonNode connections =
        aws("ec2", "describe-vpc-endpoint-connections", "--filters", "Name=service-id,Values=" + id)
            .get("VpcEndpointConnections");
    assertThat(connections.get(0).get("VpcEndpointState").asText()).isEqualTo("pendingAcceptance");
    assertThat(
            aws(
                    "ec2",
                    "accept-vpc-endpoint-connections",
                    "--service-id",
                    id,
                    "--vpc-endpoint-ids",
                    endpoint.get("VpcEndpointId").asText())
                .get("Unsuccessful"))
        .isEmpty();
    JsonNode notification =
        aws(
                "ec2",
                "create-vpc-endpoint-connection-notification",
                "--service-id",
                id,
                "--connection-notification-arn",
                "arn:aws:sns:ap-south-1:123456789012:cli",
                "--connection-events",
                "Accept")
            .get("ConnectionNotification");
    assertThat(notification.get("ConnectionEvents").get(0).asText()).isEqualTo("Accept");
    assertThat(
            aws("ec2", "describe-vpc-endpoint-service-configurations", "--service-ids", id)
                .get("ServiceConfigurations")
                .get(0)
                .get("NetworkLoadBalancerArns")
                .get(0)
                .asText())
        .isEqualTo(lb);
  }

  private static String eni(String subnet) throws Exception {
    return aws("ec2", "create-network-interface", "--subnet-id", subnet)
        .get("NetworkInterface")
        .get("NetworkInterfaceId")
        .asText();
  }

  @Test
  void trafficIsMirroredAndPathsAnalyzed() throws Exception {
    String vpc =
        aws("ec2", "create-vpc", "--cidr-block", "10.97.0.0/16").get("Vpc").get("VpcId").asText();
    String subnet =
        aws("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.97.1.0/24")
            .get("Subnet")
            .get("SubnetId")
            .asText();
    String source = eni(subnet);
    String sink = eni(subnet);
    String filter =
        aws("ec2", "create-traffic-mirror-filter", "--description", "cli")
            .get("TrafficMirrorFilter")
            .get("TrafficMirrorFilterId")
            .asText();
    aws(
        "ec2",
        "create-traffic-mirror-filter-rule",
        "--traffic-mirror-filter-id",
        filter,
        "--traffic-direction",
        "egress",
        "--rule-number",
        "10",
        "--rule-action",
        "accept",
        "--protocol",
        "17",
        "--destination-port-range",
        "FromPort=53,ToPort=53",
        "--destination-cidr-block",
        "0.0.0.0/0",
        "--source-cidr-block",
        "10.97.0.0/16");
    JsonNode shown =
        aws("ec2", "describe-traffic-mirror-filters", "--traffic-mirror-filter-ids", filter)
            .get("TrafficMirrorFilters")
            .get(0);
    assertThat(
            shown
                .get("EgressFilterRules")
                .get(0)
                .get("DestinationPortRange")
                .get("FromPort")
                .asInt())
        .isEqualTo(53);
    String target =
        aws("ec2", "create-traffic-mirror-target", "--network-interface-id", sink)
            .get("TrafficMirrorTarget")
            .get("TrafficMirrorTargetId")
            .asText();
    aws(
        "ec2",
        "create-traffic-mirror-session",
        "--network-interface-id",
        source,
        "--traffic-mirror-target-id",
        target,
        "--traffic-mirror-filter-id",
        filter,
        "--session-number",
        "1",
        "--virtual-network-id",
        "77");
    JsonNode session =
        aws(
                "ec2",
                "describe-traffic-mirror-sessions",
                "--filters",
                "Name=traffic-mirror-target-id,Values=" + target)
            .get("TrafficMirrorSessions")
            .get(0);
    assertThat(session.get("VirtualNetworkId").asInt()).isEqualTo(77);

    // the default group admits its own members: the path between the two interfaces is open
    String path =
        aws(
                "ec2",
                "create-network-insights-path",
                "--source",
                source,
                "--destination",
                sink,
                "--protocol",
                "tcp",
                "--destination-port",
                "443")
            .get("NetworkInsightsPath")
            .get("NetworkInsightsPathId")
            .asText();
    String analysis =
        aws("ec2", "start-network-insights-analysis", "--network-insights-path-id", path)
            .get("NetworkInsightsAnalysis")
            .get("NetworkInsightsAnalysisId")
            .asText();
    JsonNode result =
        aws(
                "ec2",
                "describe-network-insights-analyses",
                "--network-insights-analysis-ids",
                analysis)
            .get("NetworkInsightsAnalyses")
            .get(0);
    assertThat(result.get("Status").asText()).isEqualTo("succeeded");
    assertThat(result.get("NetworkPathFound").asBoolean()).isTrue();
    assertThat(result.get("ForwardPathComponents").get(0).get("Component").get("Id").asText())
        .isEqualTo(source);
    String scope =
        aws(
                "ec2",
                "create-network-insights-access-scope",
                "--match-paths",
                "Source={ResourceStatement={ResourceTypes=[AWS::EC2::InternetGateway]}}")
            .get("NetworkInsightsAccessScope")
            .get("NetworkInsightsAccessScopeId")
            .asText();
    assertThat(
            aws(
                    "ec2",
                    "get-network-insights-access-scope-content",
                    "--network-insights-access-scope-id",
                    scope)
                .get("NetworkInsightsAccessScopeContent")
                .get("MatchPaths"))
        .hasSize(1);
  }
}
