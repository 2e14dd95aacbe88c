package dev.ec2double.it.vpc;

import static dev.ec2double.it.Ec2Calls.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AthenaIntegration;
import software.amazon.awssdk.services.ec2.model.GetFlowLogsIntegrationTemplateRequest;

/** GetFlowLogsIntegrationTemplate: the template's S3 URL for a flow log that publishes to S3. */
class FlowLogTemplatesIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-north-1", "AKIDFLOWTEMPLATES");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String flowLog(String vpc, boolean toS3) {
    return ec2.createFlowLogs(
            r -> {
              r.resourceType("VPC").resourceIds(vpc).trafficType("ALL");
              if (toS3) {
                r.logDestinationType("s3").logDestination("arn:aws:s3:::flows-bucket/vpc");
              } else {
                r.logGroupName("flows")
                    .deliverLogsPermissionArn("arn:aws:iam::123456789012:role/flows");
              }
            })
        .flowLogIds()
        .get(0);
  }

  private static GetFlowLogsIntegrationTemplateRequest request(
      String flowLog, String frequency, Instant start, Instant end) {
    return GetFlowLogsIntegrationTemplateRequest.builder()
        .flowLogId(flowLog)
        .configDeliveryS3DestinationArn("arn:aws:s3:::templates-bucket/athena")
        .integrateServices(
            i ->
                i.athenaIntegrations(
                    AthenaIntegration.builder()
                        .integrationResultS3DestinationArn("arn:aws:s3:::results-bucket")
                        .partitionLoadFrequency(frequency)
                        .partitionStartDate(start)
                        .partitionEndDate(end)
                        .build()))
        .build();
  }

  @Test
  void aFlowLogToS3GetsTheTemplatesUrlAndOthersAreRefused() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.71.0.0/16")).vpc().vpcId();
    String s3 = flowLog(vpc, true);
    Instant end = Instant.now().minus(1, ChronoUnit.DAYS);
    Instant start = end.minus(7, ChronoUnit.DAYS);
    String url = ec2.getFlowLogsIntegrationTemplate(request(s3, "daily", start, end)).result();
    assertThat(url)
        .startsWith(
            "https://templates-bucket.s3.eu-north-1.amazonaws.com/athena/"
                + "VPCFlowLogsIntegrationTemplate_"
                + s3
                + "_")
        .endsWith(".yml");

    String cloudWatch = flowLog(vpc, false);
    assertError(
        () -> ec2.getFlowLogsIntegrationTemplate(request(cloudWatch, "daily", start, end)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.getFlowLogsIntegrationTemplate(
                request("fl-0123456789abcdef0", "daily", start, end)),
        "InvalidFlowLogId.NotFound");
    assertError(
        () -> ec2.getFlowLogsIntegrationTemplate(request(s3, "hourly", start, end)),
        "InvalidParameterValue");
    assertError(
        () -> ec2.getFlowLogsIntegrationTemplate(request(s3, "weekly", end, start)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.getFlowLogsIntegrationTemplate(
                request(s3, "none", start, Instant.now().plus(2, ChronoUnit.DAYS))),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.getFlowLogsIntegrationTemplate(
                request(s3, "none", start, end).toBuilder()
                    .configDeliveryS3DestinationArn("arn:aws:sns:eu-north-1:123456789012:t")
                    .build()),
        "InvalidParameterValue");
  }
}
