package dev.ec2double.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.ComparisonResult;
import org.xmlunit.diff.ComparisonType;
import org.xmlunit.diff.DefaultNodeMatcher;
import org.xmlunit.diff.Diff;
import org.xmlunit.diff.DifferenceEvaluator;
import org.xmlunit.diff.DifferenceEvaluators;
import org.xmlunit.diff.ElementSelectors;

/**
 * The server's documents against golden files written from the AWS API references' examples:
 * element names, nesting, order, namespaces and text must match; only request id values and
 * whitespace may differ. The Java SDK ignores most of this, so nothing else would notice.
 */
class GoldenXmlIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Set<String> REQUEST_ID = Set.of("requestId", "RequestID", "RequestId");

  /** Request ids are random: their text may differ, their element may not. */
  private static final DifferenceEvaluator ANY_REQUEST_ID =
      (comparison, outcome) -> {
        if (comparison.getType() == ComparisonType.TEXT_VALUE) {
          Node parent = comparison.getControlDetails().getTarget().getParentNode();
          if (parent != null && REQUEST_ID.contains(parent.getLocalName())) {
            return ComparisonResult.EQUAL;
          }
        }
        return outcome;
      };

  @Test
  void describeRegionsWithAFilter() throws Exception {
    assertMatchesGolden(
        "describe-regions-filtered.xml",
        "ec2",
        "eu-west-1",
        "Action=DescribeRegions&Version=2016-11-15&Filter.1.Name=region-name"
            + "&Filter.1.Value.1=eu-west-%3F",
        200);
  }

  @Test
  void describeAvailabilityZones() throws Exception {
    assertMatchesGolden(
        "describe-availability-zones.xml",
        "ec2",
        "eu-west-1",
        "Action=DescribeAvailabilityZones&Version=2016-11-15&ZoneName.1=eu-west-1a",
        200);
  }

  @Test
  void invalidParameterValueError() throws Exception {
    assertMatchesGolden(
        "error-invalid-parameter-value.xml",
        "ec2",
        "us-east-1",
        "Action=DescribeRegions&Version=2016-11-15&RegionName.1=mars-north-1",
        400);
  }

  @Test
  void invalidActionError() throws Exception {
    assertMatchesGolden(
        "error-invalid-action.xml",
        "ec2",
        "us-east-1",
        "Action=DescribeUnicorns&Version=2016-11-15",
        400);
  }

  @Test
  void missingActionError() throws Exception {
    assertMatchesGolden("error-missing-action.xml", "ec2", "us-east-1", "Version=2016-11-15", 400);
  }

  @Test
  void elbv2QueryProtocolError() throws Exception {
    assertMatchesGolden(
        "error-elbv2-invalid-action.xml",
        "elasticloadbalancing",
        "us-east-1",
        "Action=DescribeRegions&Version=2015-12-01",
        400);
  }

  @Test
  void elbv2DescribeSslPolicies() throws Exception {
    assertMatchesGolden(
        "describe-ssl-policies.xml",
        "elasticloadbalancing",
        "us-east-1",
        "Action=DescribeSSLPolicies&Version=2015-12-01"
            + "&Names.member.1=ELBSecurityPolicy-TLS13-1-3-2021-06",
        200);
  }

  private static void assertMatchesGolden(
      String golden, String service, String region, String form, int status) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(TestServer.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240102/"
                        + region
                        + "/"
                        + service
                        + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String expected;
    try (InputStream in = GoldenXmlIT.class.getResourceAsStream("/golden/" + golden)) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    Diff diff =
        DiffBuilder.compare(expected)
            .withTest(r.body())
            .ignoreWhitespace()
            .ignoreComments()
            .withNodeMatcher(new DefaultNodeMatcher(ElementSelectors.byName))
            .withDifferenceEvaluator(
                DifferenceEvaluators.chain(DifferenceEvaluators.Default, ANY_REQUEST_ID))
            .checkForIdentical()
            .build();

    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(diff.hasDifferences()).as(golden + " vs\n" + r.body() + "\n" + diff).isFalse();
  }
}
