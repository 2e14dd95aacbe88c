package dev.ec2double.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A parameter the action does not have: EC2 refuses it with UnknownParameter, before any value is
 * read or anything runs; ELBv2, like AWS's other query services, ignores it.
 */
class UnknownParameterIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpResponse<String> post(String service, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(TestServer.endpoint())
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDUNKNOWNPARAM/20240102/us-east-1/"
                    + service
                    + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void ec2RefusesAParameterTheActionDoesNotHave() throws Exception {
    HttpResponse<String> r =
        post("ec2", "Action=DescribeKeyPairs&Version=2016-11-15&MaxResults=abc");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("<Code>UnknownParameter</Code>")
        .contains("<Message>The parameter MaxResults is not recognized</Message>");
  }

  @Test
  void ec2NamesAnUnknownMemberOfAStructureByItsPath() throws Exception {
    HttpResponse<String> r =
        post(
            "ec2",
            "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=x"
                + "&Filter.1.Values.1=y");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("The parameter Filter.1.Values is not recognized");
  }

  @Test
  void ec2TakesTheCommonParameters() throws Exception {
    HttpResponse<String> r =
        post(
            "ec2",
            "Action=DescribeKeyPairs&Version=2016-11-15&Timestamp=2024-01-02T00:00:00Z"
                + "&SignatureVersion=4");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void elbv2IgnoresAParameterTheActionDoesNotHave() throws Exception {
    HttpResponse<String> r =
        post(
            "elasticloadbalancing",
            "Action=DescribeLoadBalancers&Version=2015-12-01&Colour=red&PageSize=5");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("<DescribeLoadBalancersResponse");
  }
}
