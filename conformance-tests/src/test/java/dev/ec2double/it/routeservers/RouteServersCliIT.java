package dev.ec2double.it.routeservers;

import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * botocore (strict about element names, which the Java SDK ignores) reads route servers and the
 * flow log integration template. The AWS CLI v2 of Debian 12 (2.9) knows the template action but no
 * route server action, so those go through the AWS CLI v1 where one is on the PATH. The setup goes
 * through the SDK, with the CLI's access key, to keep the CLI calls few.
 */
class RouteServersCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGION = "eu-south-1";

  private static JsonNode aws(String... args) throws Exception {
    AwsCli.Run r = AwsCli.run(REGION, args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.stderr()).isZero();
    return r.stdout().isBlank() ? JSON.nullNode() : JSON.readTree(r.stdout());
  }

  private static Ec2Client sdk() {
    return TestServer.ec2(REGION, "AKIDEXAMPLE");
  }

  /**
   * Runs {@code boto3/route_servers.py} (one process: each CLI call would cost seconds) with the
   * CLI's throwaway credentials, and reads what it printed.
   */
  private static JsonNode boto3(String... args) throws Exception {
    Path script = Files.createTempFile("route_servers", ".py");
    try (var in = RouteServersCliIT.class.getResourceAsStream("/boto3/route_servers.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
    cmd.add(TestServer.endpoint().toString());
    cmd.add(REGION);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
    pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
    pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    try {
      Process p = pb.start();
      var err = p.getErrorStream();
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String stderr = new String(err.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(stderr).isZero();
      return JSON.readTree(stdout);
    } finally {
      Files.delete(script);
    }
  }

  private static boolean boto3Installed() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import boto3").start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void botocoreReadsARouteServerItsEndpointAndPeer() throws Exception {
    Assumptions.assumeTrue(
        boto3Installed(), "no python3 with boto3: route servers are SDK-tested only");
    String vpc;
    String subnet;
    String table;
    try (Ec2Client ec2 = sdk()) {
      vpc = ec2.createVpc(r -> r.cidrBlock("10.66.0.0/16")).vpc().vpcId();
      subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.66.1.0/24")).subnet().subnetId();
      table =
          ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpc)))
              .routeTables()
              .get(0)
              .routeTableId();
    }
    JsonNode out = boto3(vpc, subnet, table, "10.66.1.50");
    JsonNode created = out.get("created");
    String rs = created.get("RouteServerId").asText();
    assertThat(created.get("State").asText()).isEqualTo("pending");
    assertThat(created.get("Tags").get(0).get("Value").asText()).isEqualTo("py");
    assertThat(out.get("association").get("VpcId").asText()).isEqualTo(vpc);
    JsonNode endpoint = out.get("endpoint");
    assertThat(endpoint.get("EniAddress").asText()).startsWith("10.66.1.");
    assertThat(out.get("peer").get("EndpointEniId").asText())
        .isEqualTo(endpoint.get("EniId").asText());
    assertThat(out.get("propagation").get("State").asText()).isEqualTo("pending");

    JsonNode server = out.get("servers").get(0);
    assertThat(server.get("PersistRoutesState").asText()).isEqualTo("enabled");
    assertThat(server.get("AmazonSideAsn").asLong()).isEqualTo(4200000100L);
    assertThat(out.get("endpoints").get(0).get("SubnetId").asText()).isEqualTo(subnet);
    JsonNode peer = out.get("peers").get(0);
    assertThat(peer.get("BgpStatus").get("Status").asText()).isEqualTo("down");
    assertThat(peer.get("BfdStatus").get("Status").asText()).isEqualTo("down");
    assertThat(peer.get("BgpOptions").get("PeerAsn").asLong()).isEqualTo(65001L);
    assertThat(peer.get("PeerAddress").asText()).isEqualTo("10.66.1.50");
    assertThat(out.get("associations").get(0).get("State").asText()).isEqualTo("associated");
    assertThat(out.get("propagations").get(0).get("RouteTableId").asText()).isEqualTo(table);
    assertThat(out.get("propagations").get(0).get("RouteServerId").asText()).isEqualTo(rs);
    assertThat(out.get("database").get("AreRoutesPersisted").asBoolean(true)).isFalse();
    assertThat(out.get("database").get("Routes")).isEmpty();
  }

  @Test
  void theCliV2GetsTheFlowLogTemplate() throws Exception {
    AwsCli.requireInstalled("RouteServersCliIT");
    String flowLog;
    try (Ec2Client ec2 = sdk()) {
      String vpc = ec2.createVpc(r -> r.cidrBlock("10.67.0.0/16")).vpc().vpcId();
      flowLog =
          ec2.createFlowLogs(
                  r ->
                      r.resourceType("VPC")
                          .resourceIds(vpc)
                          .trafficType("ALL")
                          .logDestinationType("s3")
                          .logDestination("arn:aws:s3:::cli-flows"))
              .flowLogIds()
              .get(0);
    }
    String url =
        aws(
                "ec2",
                "get-flow-logs-integration-template",
                "--flow-log-id",
                flowLog,
                "--config-delivery-s3-destination-arn",
                "arn:aws:s3:::cli-templates",
                "--integrate-services",
                "AthenaIntegrations=[{IntegrationResultS3DestinationArn=arn:aws:s3:::cli-results,"
                    + "PartitionLoadFrequency=monthly}]")
            .get("Result")
            .asText();
    assertThat(url)
        .startsWith(
            "https://cli-templates.s3.eu-south-1.amazonaws.com/VPCFlowLogsIntegrationTemplate_"
                + flowLog);
  }
}
