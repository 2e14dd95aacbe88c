package dev.ec2double.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.it.Clients;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.Option;
import dev.ec2double.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * --strict-auth with the real SDK: the right secret passes, a wrong one and an unknown key get
 * AWS's answers, which differ by protocol (EC2: AuthFailure 401 for both; ELBv2, as every
 * query-protocol service: SignatureDoesNotMatch / InvalidClientTokenId, 403).
 */
class StrictAuthIT {
  private static final String KEY = "AKIASTRICTEXAMPLE01";
  private static final String SECRET = "s3cr3t/with+base64=chars";
  private static Ec2DoubleServer server;

  @BeforeAll
  static void start() {
    server =
        new Ec2DoubleServer(
                ServerConfig.builder()
                    .port(0)
                    .backend("mock")
                    .set(Option.STRICT_AUTH, "true")
                    .set(Option.CREDENTIALS, "AKIAOTHER:other," + KEY + ":" + SECRET)
                    .build())
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Ec2Client ec2(String key, String secret) {
    return Clients.ec2Builder(server.endpoint(), "us-east-1", key, secret).build();
  }

  private static ElasticLoadBalancingV2Client elb(String key, String secret) {
    return Clients.elbBuilder(server.endpoint(), key, secret).build();
  }

  @Test
  void acceptsCallsSignedWithAConfiguredSecret() {
    try (Ec2Client ec2 = ec2(KEY, SECRET)) {
      assertThat(ec2.describeRegions().regions()).isNotEmpty();
      ec2.createKeyPair(r -> r.keyName("strict-auth-key"));
      assertThat(ec2.describeKeyPairs().keyPairs())
          .anySatisfy(k -> assertThat(k.keyName()).isEqualTo("strict-auth-key"));
    }
    try (ElasticLoadBalancingV2Client elb = elb(KEY, SECRET)) {
      assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
    }
  }

  @Test
  void answersAWrongSecretAsEachServiceDoes() {
    try (Ec2Client ec2 = ec2(KEY, "not-the-secret")) {
      assertThatThrownBy(ec2::describeRegions)
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AuthFailure");
                assertThat(e.statusCode()).isEqualTo(401);
              });
    }
    try (ElasticLoadBalancingV2Client elb = elb(KEY, "not-the-secret")) {
      assertThatThrownBy(elb::describeLoadBalancers)
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                assertThat(e.statusCode()).isEqualTo(403);
              });
    }
  }

  @Test
  void answersAnUnknownKeyAsEachServiceDoes() {
    try (Ec2Client ec2 = ec2("AKIANOBODY", SECRET)) {
      assertThatThrownBy(ec2::describeRegions)
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AuthFailure");
                assertThat(e.statusCode()).isEqualTo(401);
              });
    }
    try (ElasticLoadBalancingV2Client elb = elb("AKIANOBODY", SECRET)) {
      assertThatThrownBy(elb::describeLoadBalancers)
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                assertThat(e.statusCode()).isEqualTo(403);
              });
    }
  }

  @Test
  void storesNothingForARejectedCaller() {
    try (Ec2Client ec2 = ec2("999999999999", "wrong")) {
      assertThatThrownBy(() -> ec2.createKeyPair(r -> r.keyName("never")))
          .isInstanceOf(AwsServiceException.class);
    }
    assertThat(server.store().all()).noneMatch(s -> s.account().equals("999999999999"));
  }

  private static HttpResponse<String> presigned(String secret, String query) throws Exception {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.GET)
            .uri(URI.create(server.endpoint() + "/?" + query))
            .build();
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create(KEY, secret))
                        .request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ec2")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5)))
            .request();
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(signed.getUri()).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void verifiesPresignedUrls() throws Exception {
    String query = "Action=DescribeRegions&Version=2016-11-15&RegionName.1=eu-west-1";

    HttpResponse<String> good = presigned(SECRET, query);
    HttpResponse<String> bad = presigned("wrong", query);

    assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
    assertThat(good.body()).contains("<regionName>eu-west-1</regionName>");
    assertThat(good.uri().getRawQuery()).contains("X-Amz-Signature=");
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.body()).contains("<Code>AuthFailure</Code>");
  }

  @Test
  void refusesAPresignedUrlWithATamperedParameter() throws Exception {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.GET)
            .uri(URI.create(server.endpoint() + "/?Action=DescribeRegions&RegionName.1=eu-west-1"))
            .build();
    URI signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create(KEY, SECRET))
                        .request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ec2")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING))
            .request()
            .getUri();
    URI tampered = URI.create(signed.toString().replace("eu-west-1", "us-west-2"));

    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(tampered).GET().build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body())
        .contains("<Code>AuthFailure</Code>")
        .doesNotContain("us-west-2</regionName>");
  }
}
