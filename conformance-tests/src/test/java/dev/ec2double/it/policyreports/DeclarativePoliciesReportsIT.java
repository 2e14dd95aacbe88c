package dev.ec2double.it.policyreports;

import static dev.ec2double.it.Ec2Calls.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeSummary;
import software.amazon.awssdk.services.ec2.model.GetDeclarativePoliciesReportSummaryResponse;

/**
 * Declarative policies reports: running for a few seconds, then complete with a summary read from
 * the account's own settings; cancel only while running; one report at a time. Each test has an
 * account of its own, so their reports never meet.
 */
class DeclarativePoliciesReportsIT {
  private static final Ec2Client ec2 = TestServer.ec2("ca-central-1", "360987654321");
  private static final Ec2Client other = TestServer.ec2("ca-central-1", "360987654322");

  @AfterAll
  static void close() {
    ec2.close();
    other.close();
  }

  @Test
  void aReportCompletesWithASummaryOfTheAccountsSettings() {
    ec2.enableSerialConsoleAccess(r -> {});
    ec2.enableSnapshotBlockPublicAccess(r -> r.state("block-all-sharing"));
    String id =
        ec2.startDeclarativePoliciesReport(
                r ->
                    r.s3Bucket("reports-bucket")
                        .s3Prefix("ec2/")
                        .targetId("360987654321")
                        .tagSpecifications(
                            t ->
                                t.resourceType("declarative-policies-report")
                                    .tags(x -> x.key("k").value("v"))))
            .reportId();
    assertThat(id).matches("dpr-[0-9a-f]{17}");
    var running = ec2.describeDeclarativePoliciesReports(r -> r.reportIds(id)).reports().get(0);
    assertThat(running.statusAsString()).isEqualTo("running");
    assertThat(running.tags()).hasSize(1);
    assertError(
        () -> ec2.getDeclarativePoliciesReportSummary(r -> r.reportId(id)), "IncorrectState");
    assertError(
        () -> ec2.startDeclarativePoliciesReport(r -> r.s3Bucket("b-2").targetId("360987654321")),
        "IncorrectState");

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                ec2.describeDeclarativePoliciesReports(r -> r.reportIds(id))
                    .reports()
                    .get(0)
                    .statusAsString()
                    .equals("complete"));
    GetDeclarativePoliciesReportSummaryResponse summary =
        ec2.getDeclarativePoliciesReportSummary(r -> r.reportId(id));
    assertThat(summary.numberOfAccounts()).isEqualTo(1);
    assertThat(summary.numberOfFailedAccounts()).isZero();
    assertThat(summary.s3Bucket()).isEqualTo("reports-bucket");
    assertThat(summary.endTime()).isAfter(summary.startTime());
    AttributeSummary serial = attribute(summary, "serial_console_access");
    // enabled in this Region only: the other Regions keep AWS's default
    assertThat(serial.mostFrequentValue()).isEqualTo("disabled");
    assertThat(serial.numberOfUnmatchedAccounts()).isEqualTo(1);
    assertThat(serial.regionalSummaries())
        .filteredOn(s -> s.regionName().equals("ca-central-1"))
        .extracting(s -> s.numberOfMatchedAccounts() + "/" + s.numberOfUnmatchedAccounts())
        .containsExactly("0/1");
    assertThat(serial.regionalSummaries())
        .filteredOn(s -> s.regionName().equals("us-east-1"))
        .extracting(s -> s.numberOfMatchedAccounts() + "/" + s.numberOfUnmatchedAccounts())
        .containsExactly("1/0");
    assertThat(attribute(summary, "snapshot_block_public_access").mostFrequentValue())
        .isEqualTo("unblocked");
    assertThat(
            attribute(summary, "vpc_block_public_access.internet_gateway_block.mode")
                .mostFrequentValue())
        .isEqualTo("off");
    assertThat(attribute(summary, "image_block_public_access").numberOfMatchedAccounts())
        .isEqualTo(1);
    assertError(() -> ec2.cancelDeclarativePoliciesReport(r -> r.reportId(id)), "IncorrectState");
  }

  @Test
  void onlyARunningReportIsCancelledAndTargetsAreChecked() {
    String id =
        other
            .startDeclarativePoliciesReport(r -> r.s3Bucket("bucket-two").targetId("r-ab12"))
            .reportId();
    assertThat(other.cancelDeclarativePoliciesReport(r -> r.reportId(id)).returnValue()).isTrue();
    var cancelled = other.describeDeclarativePoliciesReports(r -> r.reportIds(id)).reports().get(0);
    assertThat(cancelled.statusAsString()).isEqualTo("cancelled");
    assertError(() -> other.cancelDeclarativePoliciesReport(r -> r.reportId(id)), "IncorrectState");
    assertError(
        () ->
            other.startDeclarativePoliciesReport(r -> r.s3Bucket("Bad_Bucket").targetId("r-ab12")),
        "InvalidParameterValue");
    assertError(
        () -> other.startDeclarativePoliciesReport(r -> r.s3Bucket("bucket").targetId("x-1")),
        "InvalidParameterValue");
    assertError(
        () ->
            other.startDeclarativePoliciesReport(
                r -> r.s3Bucket("bucket").targetId("999999999999")),
        "InvalidParameterValue");
    assertError(
        () -> other.describeDeclarativePoliciesReports(r -> r.reportIds("dpr-0123456789abcdef0")),
        "InvalidDeclarativePoliciesReportId.NotFound");
    assertError(
        () -> other.describeDeclarativePoliciesReports(r -> r.maxResults(0)),
        "InvalidParameterValue");
    String second =
        other
            .startDeclarativePoliciesReport(
                r -> r.s3Bucket("bucket-two").targetId("ou-ab12-cdef1234"))
            .reportId();
    other.cancelDeclarativePoliciesReport(r -> r.reportId(second));
    var page = other.describeDeclarativePoliciesReports(r -> r.maxResults(1));
    assertThat(page.reports()).hasSize(1);
    assertThat(
            other
                .describeDeclarativePoliciesReports(
                    r -> r.maxResults(1).nextToken(page.nextToken()))
                .reports())
        .extracting(x -> x.reportId())
        .containsExactly(second);
  }

  private static AttributeSummary attribute(
      GetDeclarativePoliciesReportSummaryResponse summary, String name) {
    return summary.attributeSummaries().stream()
        .filter(a -> a.attributeName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no attribute " + name + " in " + summary));
  }
}
