package dev.ec2double.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.core.StateStore;
import dev.ec2double.wire.ApiHandler;
import dev.ec2double.wire.ApiResponse;
import dev.ec2double.wire.OperationRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** GetCallerIdentity through the API handler, picked by the SigV4 scope's service. */
class CallerIdentityServiceTest {
  private final ApiHandler api =
      new ApiHandler(
          new OperationRegistry(dev.ec2double.core.RequestContext.class)
              .register(new CallerIdentityService()),
          new dev.ec2double.server.StateServiceHost(new StateStore()),
          "123456789012");

  private static String auth(String key, String region, String service) {
    return "AWS4-HMAC-SHA256 Credential="
        + key
        + "/20260101/"
        + region
        + "/"
        + service
        + "/aws4_request, SignedHeaders=host, Signature=00";
  }

  private String call(String form, String authorization) {
    ApiResponse r = api.handle(null, form, authorization);
    return r.status() + " " + new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void answersTheAccountOfTheKeyAsItsRoot() {
    String out =
        call(
            "Action=GetCallerIdentity&Version=2011-06-15",
            auth("210000000040", "us-east-1", "sts"));
    assertThat(out)
        .startsWith("200 ")
        .contains("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
        .contains("<GetCallerIdentityResult>")
        .contains("<Arn>arn:aws:iam::210000000040:root</Arn>")
        .contains("<UserId>210000000040</UserId>")
        .contains("<Account>210000000040</Account>")
        .contains("</GetCallerIdentityResult><ResponseMetadata><RequestId>");
  }

  @Test
  void aKeyThatIsNoAccountActsForTheDefaultOne() {
    assertThat(call("Action=GetCallerIdentity", auth("AKIDANY", "eu-west-1", "sts")))
        .contains("<Account>123456789012</Account>")
        .contains("<Arn>arn:aws:iam::123456789012:root</Arn>");
  }

  @Test
  void thePartitionFollowsTheRegion() {
    assertThat(CallerIdentityService.partition("us-east-1")).isEqualTo("aws");
    assertThat(CallerIdentityService.partition("cn-north-1")).isEqualTo("aws-cn");
    assertThat(CallerIdentityService.partition("us-gov-west-1")).isEqualTo("aws-us-gov");
  }

  @Test
  void errorsComeInStsEnvelope() {
    assertThat(call("Action=AssumeRole", auth("AKIDANY", "us-east-1", "sts")))
        .startsWith("400 ")
        .contains("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
        .contains("<Type>Sender</Type><Code>UnsupportedOperation</Code>");
    assertThat(call("Action=DescribeInstances", auth("AKIDANY", "us-east-1", "sts")))
        .contains("<Code>InvalidAction</Code>");
    assertThat(call("Action=GetCallerIdentity", auth("AKIDANY", "us-east-1", "iam")))
        .startsWith("403 ")
        .contains("'ec2', 'elasticloadbalancing' or 'sts'");
  }
}
