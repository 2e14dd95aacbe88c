package dev.ec2double.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.core.RegionState;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * Raw HTTP that no SDK would send. Every answer must be an AWS error envelope with the right code
 * and status, a readable message, no internals, and nothing stored for the caller.
 */
class BadInputIT {
  /** Requests from this account are all rejected, so the server must hold nothing for it. */
  private static final String REJECTED = "210987654321";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Answer(int status, String body, Document xml) {
    String text(String element) {
      var nodes = xml.getElementsByTagName(element);
      return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }
  }

  private static String auth(String key, String region, String service) {
    return "AWS4-HMAC-SHA256 Credential="
        + key
        + "/20240102/"
        + region
        + "/"
        + service
        + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd";
  }

  private static Answer post(String body, String authorization) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(TestServer.endpoint())
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  private static Answer ec2(String body) throws Exception {
    return post(body, auth(REJECTED, "us-east-1", "ec2"));
  }

  private static Answer send(HttpRequest request) throws Exception {
    HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> ct.contains("xml"));
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.");
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document xml = factory.newDocumentBuilder().parse(new InputSource(new StringReader(r.body())));
    return new Answer(r.statusCode(), r.body(), xml);
  }

  /** An EC2 error envelope with this status and code, and a message naming {@code mentions}. */
  private static void assertEc2Error(Answer a, int status, String code, String... mentions) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.xml().getDocumentElement().getLocalName()).isEqualTo("Response");
    assertThat(a.text("Code")).isEqualTo(code);
    assertThat(a.text("Message")).isNotBlank();
    for (String m : mentions) {
      assertThat(a.text("Message")).contains(m);
    }
    assertThat(a.text("RequestID")).isNotBlank();
  }

  @AfterEach
  void nothingIsStoredForTheRejectedCaller() {
    assertThat(TestServer.get().store().all())
        .extracting(RegionState::account)
        .doesNotContain(REJECTED);
  }

  @Test
  void rejectsBrokenPercentEncodingAsMalformedQueryString() throws Exception {
    assertEc2Error(
        ec2("Action=DescribeRegions&RegionName.1=us%zzeast"),
        400,
        "MalformedQueryString",
        "URL encoding");
  }

  @Test
  void answersAnElbv2CallerInTheQueryProtocolsEnvelopeEvenBeforeParsing() throws Exception {
    Answer a =
        post(
            "Action=DescribeLoadBalancers&Names.member.1=%G0",
            auth(REJECTED, "us-east-1", "elasticloadbalancing"));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.xml().getDocumentElement().getLocalName()).isEqualTo("ErrorResponse");
    assertThat(a.xml().getDocumentElement().getNamespaceURI())
        .isEqualTo("http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/");
    assertThat(a.text("Type")).isEqualTo("Sender");
    assertThat(a.text("Code")).isEqualTo("MalformedQueryString");
    assertThat(a.text("RequestId")).isNotBlank();
  }

  @Test
  void rejectsValuesOfTheWrongTypeNamingTheParameter() throws Exception {
    assertEc2Error(
        ec2("Action=DescribeRegions&AllRegions=maybe"),
        400,
        "InvalidParameterValue",
        "AllRegions",
        "maybe");
    assertEc2Error(
        ec2("Action=DescribeInstances&MaxResults=abc"),
        400,
        "InvalidParameterValue",
        "MaxResults",
        "abc");
    assertEc2Error(
        ec2("Action=DescribeRegions&RegionName=us-east-1"),
        400,
        "InvalidParameterValue",
        "RegionName.1");
  }

  @Test
  void refusesParametersTheActionDoesNotHave() throws Exception {
    Answer a =
        post(
            "Action=DescribeRegions&Colour=red&RegionName.1=us-east-1&Filter.1.Shape=x"
                + "&Filter.1.Name=region-name&Filter.1.Value.1=us-*",
            auth("AKIDEXAMPLE", "us-east-1", "ec2"));

    assertEc2Error(a, 400, "UnknownParameter", "is not recognized");
  }

  @Test
  void asksForTheActionWhenThereIsNone() throws Exception {
    assertEc2Error(ec2(""), 400, "MissingAction", "Action");
    assertEc2Error(ec2("Version=2016-11-15&RegionName.1=us-east-1"), 400, "MissingAction");
  }

  @Test
  void rejectsAnActionEc2DoesNotHaveAsInvalidAction() throws Exception {
    assertEc2Error(ec2("Action=LaunchRocket"), 400, "InvalidAction", "LaunchRocket");
    assertEc2Error(
        ec2("Action=DescribeLoadBalancers"), 400, "InvalidAction", "DescribeLoadBalancers");
    Answer control = ec2("Action=%00%07%3Cscript%3E" + "x".repeat(500));
    assertEc2Error(control, 400, "InvalidAction", "<script>");
    assertThat(control.text("Message")).hasSizeLessThan(200);
  }

  @Test
  void namesAMissingRequiredParameter() throws Exception {
    // Rejected by the filter engine inside the service, so from an account that may hold state.
    assertEc2Error(
        post(
            "Action=DescribeRegions&Filter.1.Value.1=us-east-1",
            auth("AKIDEXAMPLE", "us-east-1", "ec2")),
        400,
        "MissingParameter",
        "Filter.Name");
  }

  @Test
  void refusesABodyOverOneMebibyteWithOrWithoutContentLength() throws Exception {
    String big = "Action=DescribeRegions&Pad=" + "a".repeat(1024 * 1024);

    assertEc2Error(ec2(big), 413, "RequestEntityTooLarge", "1048576");

    HttpRequest chunked =
        HttpRequest.newBuilder(TestServer.endpoint())
            .header("Authorization", auth(REJECTED, "us-east-1", "elasticloadbalancing"))
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.US_ASCII))))
            .build();
    Answer a = send(chunked);
    assertThat(a.status()).isEqualTo(413);
    assertThat(a.xml().getDocumentElement().getLocalName()).isEqualTo("ErrorResponse");
    assertThat(a.text("Code")).isEqualTo("RequestEntityTooLarge");
  }

  @Test
  void rejectsGarbageOrMissingAuthorization() throws Exception {
    assertEc2Error(
        post("Action=DescribeRegions", "garbage"), 400, "IncompleteSignature", "AWS4-HMAC-SHA256");
    assertEc2Error(
        post("Action=DescribeRegions", "AWS4-HMAC-SHA256 Credential=onlyakey"),
        400,
        "IncompleteSignature",
        "Signature");
    assertEc2Error(
        post("Action=DescribeRegions", "AWS4-HMAC-SHA256 \u00ff\u00fe" + "=,".repeat(3000)),
        400,
        "IncompleteSignature");
    assertEc2Error(post("Action=DescribeRegions", null), 400, "MissingParameter", "AWSAccessKeyId");
  }

  @Test
  void rejectsARegionEc2DoesNotHave() throws Exception {
    assertEc2Error(
        post("Action=DescribeRegions", auth(REJECTED, "mars-north-1", "ec2")),
        401,
        "AuthFailure",
        "mars-north-1");
  }

  @Test
  void rejectsAServiceOtherThanEc2OrElbv2() throws Exception {
    assertEc2Error(
        post("Action=ListBuckets", auth(REJECTED, "us-east-1", "s3")),
        403,
        "SignatureDoesNotMatch",
        "'s3'");
  }

  @Test
  void rejectsNestingDeeperThanAnyShape() throws Exception {
    assertEc2Error(
        ec2("Action=DescribeRegions&Filter.1.Value.1" + ".x".repeat(40) + "=v"),
        400,
        "InvalidParameterValue",
        "nested deeper");
  }

  @Test
  void copesWithHugeParameterCounts() throws Exception {
    String unknown =
        IntStream.range(0, 30_000).mapToObj(i -> "P" + i + "=1").collect(Collectors.joining("&"));
    String values =
        IntStream.range(1, 20_001)
            .mapToObj(i -> "Filter.1.Value." + i + "=v" + i)
            .collect(Collectors.joining("&"));

    assertEc2Error(
        post("Action=DescribeRegions&" + unknown, auth("AKIDEXAMPLE", "us-east-1", "ec2")),
        400,
        "UnknownParameter");
    Answer a =
        post(
            "Action=DescribeRegions&Filter.1.Name=region-name&" + values,
            auth("AKIDEXAMPLE", "us-east-1", "ec2"));
    assertThat(a.status()).as(a.body().substring(0, 200)).isEqualTo(200);
    assertThat(a.xml().getElementsByTagName("item").getLength()).isZero();

    String manyNames =
        IntStream.range(1, 5_001)
            .mapToObj(i -> "RegionName." + i + "=nowhere-" + i)
            .collect(Collectors.joining("&"));
    assertEc2Error(
        post("Action=DescribeRegions&" + manyNames, auth("AKIDEXAMPLE", "us-east-1", "ec2")),
        400,
        "InvalidParameterValue");
  }

  @Test
  void readsAGetQueryStringLikeAPostBody() throws Exception {
    Answer a =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        TestServer.endpoint()
                            + "/?Action=DescribeRegions&RegionName.1=eu-west-1"
                            + "&X-Amz-Credential=AKIDEXAMPLE%2F20240102%2Fus-east-1%2Fec2%2Faws4_request"))
                .GET()
                .build());

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.text("regionName")).isEqualTo("eu-west-1");
    assertThat(Arrays.asList(a.body().split("<item>"))).hasSize(2);
  }
}
