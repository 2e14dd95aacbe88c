package dev.ec2double.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.errors.AwsException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceState;
import software.amazon.awssdk.services.ec2.model.Region;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;

class XmlEncoderTest {
  private static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private static final String ELB_NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

  @Test
  void writesAnEc2DocumentWithItemsAndALowercaseRequestId() {
    String xml =
        response(
            Protocol.EC2,
            "DescribeRegions",
            DescribeRegionsResponse.builder()
                .regions(
                    Region.builder()
                        .regionName("us-east-1")
                        .endpoint("ec2.us-east-1.amazonaws.com")
                        .build())
                .build());

    assertSame(
        xml,
        "<DescribeRegionsResponse xmlns='"
            + EC2_NS
            + "'><requestId>req-1</requestId><regionInfo><item>"
            + "<regionName>us-east-1</regionName>"
            + "<regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint>"
            + "</item></regionInfo></DescribeRegionsResponse>");
  }

  @Test
  void writesNestedStructuresSetsBooleansAndTimestampsAsEc2Does() {
    String xml =
        response(
            Protocol.EC2,
            "RunInstances",
            RunInstancesResponse.builder()
                .reservationId("r-1")
                .instances(
                    Instance.builder()
                        .instanceId("i-1")
                        .state(InstanceState.builder().code(0).name("pending").build())
                        .ebsOptimized(false)
                        .launchTime(Instant.parse("2024-01-02T03:04:05Z"))
                        .securityGroups(List.of())
                        .build())
                .build());

    assertSame(
        xml,
        "<RunInstancesResponse xmlns='"
            + EC2_NS
            + "'><requestId>req-1</requestId><reservationId>r-1</reservationId>"
            + "<instancesSet><item><ebsOptimized>false</ebsOptimized><groupSet/>"
            + "<instanceId>i-1</instanceId>"
            + "<instanceState><code>0</code><name>pending</name></instanceState>"
            + "<launchTime>2024-01-02T03:04:05.000Z</launchTime>"
            + "</item></instancesSet></RunInstancesResponse>");
  }

  @Test
  void writesAnEmptyResponseAndAListSetEmptyButNotAListLeftUnset() {
    assertSame(
        response(Protocol.EC2, "DescribeTags", DescribeTagsResponse.builder().build()),
        "<DescribeTagsResponse xmlns='"
            + EC2_NS
            + "'><requestId>req-1</requestId>"
            + "</DescribeTagsResponse>");
    assertSame(
        response(
            Protocol.EC2,
            "DescribeTags",
            DescribeTagsResponse.builder().tags(List.<TagDescription>of()).build()),
        "<DescribeTagsResponse xmlns='"
            + EC2_NS
            + "'><requestId>req-1</requestId><tagSet/>"
            + "</DescribeTagsResponse>");
  }

  @Test
  void writesAQueryDocumentWithResultMembersAndResponseMetadata() {
    String xml =
        response(
            Protocol.QUERY,
            "DescribeLoadBalancers",
            DescribeLoadBalancersResponse.builder()
                .loadBalancers(
                    LoadBalancer.builder()
                        .loadBalancerName("alb")
                        .availabilityZones(List.of())
                        .state(
                            LoadBalancerState.builder().code(LoadBalancerStateEnum.ACTIVE).build())
                        .securityGroups("sg-1", "sg-2")
                        .build())
                .build());

    assertSame(
        xml,
        "<DescribeLoadBalancersResponse xmlns='"
            + ELB_NS
            + "'><DescribeLoadBalancersResult><LoadBalancers><member>"
            + "<LoadBalancerName>alb</LoadBalancerName>"
            + "<State><Code>active</Code></State>"
            + "<AvailabilityZones/>"
            + "<SecurityGroups><member>sg-1</member><member>sg-2</member></SecurityGroups>"
            + "</member></LoadBalancers></DescribeLoadBalancersResult>"
            + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
            + "</DescribeLoadBalancersResponse>");
  }

  @Test
  void writesTheEc2ErrorEnvelopeWithoutANamespace() {
    String xml =
        error(Protocol.EC2, new AwsException("InvalidInstanceID.NotFound", "i-1 & <i-2> gone"));

    assertSame(
        xml,
        "<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>"
            + "<Message>i-1 &amp; &lt;i-2&gt; gone</Message></Error></Errors>"
            + "<RequestID>req-1</RequestID></Response>");
  }

  @Test
  void writesTheQueryErrorEnvelopeWithSenderOrReceiver() {
    assertSame(
        error(Protocol.QUERY, new AwsException("LoadBalancerNotFound", "no such alb")),
        "<ErrorResponse xmlns='"
            + ELB_NS
            + "'><Error><Type>Sender</Type><Code>LoadBalancerNotFound</Code>"
            + "<Message>no such alb</Message></Error><RequestId>req-1</RequestId></ErrorResponse>");
    assertThat(error(Protocol.QUERY, new AwsException("InternalFailure", "x", 500)))
        .contains("<Type>Receiver</Type>");
  }

  @Test
  void writesTextBeyondAsciiAsUtf8InSmallAndLargeItems() {
    String text = "caf\u00e9 \u2615 \uD83D\uDE00 <a & b>";
    String escaped = "caf\u00e9 \u2615 \uD83D\uDE00 &lt;a &amp; b&gt;";
    Instance large =
        Instance.builder()
            .instanceId("i-1")
            .tags(
                software.amazon.awssdk.services.ec2.model.Tag.builder()
                    .key("k")
                    .value(text)
                    .build())
            .build();
    for (int round = 0; round < 2; round++) { // the second round's item XML is the reused one
      String xml =
          response(
              Protocol.EC2,
              "DescribeTags",
              DescribeTagsResponse.builder()
                  .tags(TagDescription.builder().key("k").value(text).build())
                  .build());
      assertThat(xml).contains("<value>" + escaped + "</value>");
      String run =
          response(
              Protocol.EC2,
              "RunInstances",
              RunInstancesResponse.builder().reservationId("r-1").instances(large).build());
      assertThat(run).contains("<value>" + escaped + "</value>");
    }
  }

  @Test
  void replacesCharactersXmlCannotCarryInsteadOfFailing() {
    String xml =
        error(Protocol.EC2, new AwsException("InvalidAction", "bad \u0000\u0007\uFFFE end"));

    assertThat(xml).contains("<Message>bad \uFFFD\uFFFD\uFFFD end</Message>");
    assertSame(
        xml,
        "<Response><Errors><Error><Code>InvalidAction</Code>"
            + "<Message>bad \uFFFD\uFFFD\uFFFD end</Message></Error></Errors>"
            + "<RequestID>req-1</RequestID></Response>");
  }

  private static String response(Protocol p, String action, SdkPojo body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    XmlEncoder.writeResponse(out, p, action, body, "req-1");
    String xml = out.toString(StandardCharsets.UTF_8);
    assertThat(xml).startsWith("<?xml").contains("UTF-8");
    return xml;
  }

  private static String error(Protocol p, AwsException e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    XmlEncoder.writeError(out, p, e, "req-1");
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Same elements, order, namespaces and text (identical, not just similar); whitespace ignored.
   */
  static void assertSame(String actual, String expected) {
    Diff diff =
        DiffBuilder.compare(expected)
            .withTest(actual)
            .ignoreWhitespace()
            .checkForIdentical()
            .build();
    assertThat(diff.hasDifferences()).as(actual + "\n" + diff).isFalse();
  }
}
