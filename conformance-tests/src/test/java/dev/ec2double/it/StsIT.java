package dev.ec2double.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * STS GetCallerIdentity on the EC2 endpoint, as the SDK's StsClient calls it: the account is the
 * one the same access key acts for in EC2, shaped as AWS shapes root credentials.
 */
class StsIT {
  @Test
  void theCallerIsTheAccountOfTheAccessKey() {
    try (StsClient sts = Clients.sts(TestServer.endpoint(), "eu-west-1", "210000000031")) {
      GetCallerIdentityResponse id = sts.getCallerIdentity();
      assertThat(id.account()).isEqualTo("210000000031");
      assertThat(id.userId()).isEqualTo("210000000031");
      assertThat(id.arn()).isEqualTo("arn:aws:iam::210000000031:root");
    }
  }

  @Test
  void aKeyThatNamesNoAccountIsTheDefaultAccountEc2Reports() {
    String owner;
    try (Ec2Client ec2 = TestServer.ec2("us-east-1", "AKIDSTSDEFAULT")) {
      owner =
          ec2.describeSecurityGroups(r -> r.groupNames("default"))
              .securityGroups()
              .get(0)
              .ownerId();
    }
    try (StsClient sts = Clients.sts(TestServer.endpoint(), "us-east-1", "AKIDSTSDEFAULT")) {
      assertThat(sts.getCallerIdentity().account()).isEqualTo(owner);
    }
  }

  @Test
  void otherStsActionsAnswerInStsEnvelope() {
    try (StsClient sts = Clients.sts(TestServer.endpoint(), "us-east-1", "AKIDSTS")) {
      assertThatThrownBy(
              () -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::1:role/x").roleSessionName("s")))
          .isInstanceOfSatisfying(
              StsException.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperation");
                assertThat(e.statusCode()).isEqualTo(400);
              });
    }
  }

  @Test
  void theWireDocumentIsStsOwn() throws Exception {
    // what botocore and the SDK parse: the STS namespace, a Result wrapper, ResponseMetadata
    String body = "Action=GetCallerIdentity&Version=2011-06-15";
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(TestServer.endpoint() + "/"))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=210000000032/20260101/us-east-1/sts/aws4_request,"
                    + " SignedHeaders=host, Signature=00")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> res =
        HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body())
        .contains("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
        .contains("<GetCallerIdentityResult>")
        .contains("<Arn>arn:aws:iam::210000000032:root</Arn>")
        .contains("<UserId>210000000032</UserId>")
        .contains("<Account>210000000032</Account>")
        .containsPattern("<ResponseMetadata><RequestId>[0-9a-f-]{36}</RequestId>");
  }
}
