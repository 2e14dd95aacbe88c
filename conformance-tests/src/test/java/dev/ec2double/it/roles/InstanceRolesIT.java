package dev.ec2double.it.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.Clients;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Ec2Calls;
import dev.ec2double.it.instances.Exec;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.Option;
import dev.ec2double.server.ServerConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.TagDescription;

/**
 * An instance with a profile reads its role's credentials from the metadata service (IMDSv2, with
 * curl inside the instance), and the API under --strict-auth takes them, in the instance's account,
 * until they expire.
 */
class InstanceRolesIT {
  private static final String IMDS = "http://169.254.169.254/latest/";
  private static final String ACCOUNT = "210987654321";

  /** Short, so that the test sees them expire. */
  private static final int LIFETIME_S = 20;

  private static Ec2DoubleServer server;
  private static Ec2Client admin;
  private static String instanceId;

  @BeforeAll
  static void launch() {
    server =
        new Ec2DoubleServer(
                ServerConfig.builder()
                    .port(0)
                    .backend("docker")
                    .set(Option.STRICT_AUTH, "true")
                    .set(Option.CREDENTIALS, ACCOUNT + ":admin-secret")
                    .set(Option.INSTANCE_PROFILE, "web=web-role")
                    .set(Option.ROLE_CREDENTIALS_LIFETIME, Integer.toString(LIFETIME_S))
                    .ami(DockerTestServer.DEBIAN_AMI, "ec2-double/debian:12")
                    .build())
            .start();
    String problem = server.backend().packetFilterProblem();
    assertThat(problem).as("the metadata service needs the host's packet filter").isNull();
    admin = Clients.ec2Builder(server.endpoint(), "us-east-1", ACCOUNT, "admin-secret").build();
    instanceId =
        admin
            .runInstances(
                r ->
                    r.imageId(DockerTestServer.DEBIAN_AMI)
                        .instanceType("t3.nano")
                        .minCount(1)
                        .maxCount(1)
                        .iamInstanceProfile(p -> p.name("web"))
                        .tagSpecifications(
                            t -> t.resourceType("instance").tags(g -> g.key("Name").value("web"))))
            .instances()
            .get(0)
            .instanceId();
    awaitRunning(instanceId);
  }

  private static void awaitRunning(String id) {
    Ec2Calls.awaitState(admin, id, InstanceStateName.RUNNING, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** GET of a metadata path inside the instance, with an IMDSv2 token. */
  private static String metadata(String path) {
    String script =
        "t=$(curl -s --max-time 5 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' "
            + IMDS
            + "api/token) && curl -s --max-time 5 -H \"X-aws-ec2-metadata-token: $t\" "
            + IMDS
            + path;
    return Exec.run(DockerTestServer.docker(), "ec2double-" + instanceId, "sh", "-c", script);
  }

  private static Ec2Client withRole(String key, String secret, String token) {
    return Clients.ec2Builder(server.endpoint(), "us-east-1", "unused", "unused")
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsSessionCredentials.create(key, secret, token)))
        .build();
  }

  @Test
  void theInstanceReadsItsRolesCredentialsAndTheApiTakesThemUntilTheyExpire() throws Exception {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(metadata("meta-data/iam/security-credentials/")).isEqualTo("web-role"));
    ObjectMapper json = new ObjectMapper();
    JsonNode info = json.readTree(metadata("meta-data/iam/info"));
    assertThat(info.get("Code").asText()).isEqualTo("Success");
    assertThat(info.get("InstanceProfileArn").asText())
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":instance-profile/web");
    JsonNode c = json.readTree(metadata("meta-data/iam/security-credentials/web-role"));
    assertThat(c.get("Type").asText()).isEqualTo("AWS-HMAC");
    String key = c.get("AccessKeyId").asText();
    assertThat(key).matches("ASIA[A-Z2-7]{16}");
    Instant expiration = Instant.parse(c.get("Expiration").asText());

    try (Ec2Client role =
        withRole(key, c.get("SecretAccessKey").asText(), c.get("Token").asText())) {
      // in the instance's account: its own tags are there
      assertThat(
              role.describeTags(r -> r.filters(f -> f.name("resource-id").values(instanceId)))
                  .tags())
          .extracting(TagDescription::key, TagDescription::value)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("Name", "web"));

      try (Ec2Client wrongToken = withRole(key, c.get("SecretAccessKey").asText(), "forged")) {
        assertThatThrownBy(wrongToken::describeRegions)
            .isInstanceOfSatisfying(
                Ec2Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AuthFailure"));
      }

      await()
          .atMost(Duration.ofSeconds(LIFETIME_S + 10))
          .until(() -> Instant.now().isAfter(expiration.plusSeconds(1)));
      assertThatThrownBy(role::describeRegions)
          .isInstanceOfSatisfying(
              Ec2Exception.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestExpired"));
    }
    // meanwhile the metadata service has moved on to new ones
    JsonNode next = json.readTree(metadata("meta-data/iam/security-credentials/web-role"));
    assertThat(next.get("AccessKeyId").asText()).isNotEqualTo(key);
    assertThat(Instant.parse(next.get("Expiration").asText())).isAfter(Instant.now());
  }

  @Test
  void codeInTheInstanceCallsTheApiAtTheInjectedEndpointWithItsRole() {
    String env = exec("env");
    assertThat(env)
        .contains("AWS_REGION=us-east-1", "AWS_DEFAULT_REGION=us-east-1")
        .containsPattern("AWS_ENDPOINT_URL=http://[0-9.]+:[0-9]+")
        .containsPattern("AWS_ENDPOINT_URL_EC2=http://[0-9.]+:[0-9]+");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(metadata("meta-data/iam/security-credentials/")).isEqualTo("web-role"));
    // what an SDK in the instance does: credentials from the metadata service, a signed call to
    // the endpoint of its environment (curl signs with SigV4 itself)
    String script =
        "t=$(curl -s -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' "
            + IMDS
            + "api/token)\n"
            + "c=$(curl -s -H \"X-aws-ec2-metadata-token: $t\" "
            + IMDS
            + "meta-data/iam/security-credentials/web-role)\n"
            + "field() { echo \"$c\" | sed -n \"s/.*\\\"$1\\\" : \\\"\\([^\\\"]*\\)\\\".*/\\1/p\"; }\n"
            + "curl -s --aws-sigv4 \"aws:amz:$AWS_REGION:ec2\" --user \"$(field AccessKeyId):$(field"
            + " SecretAccessKey)\" -H \"X-Amz-Security-Token: $(field Token)\" --data"
            + " \"Action=DescribeTags&Version=2016-11-15&Filter.1.Name=resource-id&Filter.1.Value.1="
            + instanceId
            + "\" \"$AWS_ENDPOINT_URL\"\n";
    String answer = exec("sh", "-c", script);

    assertThat(answer)
        .contains("<DescribeTagsResponse")
        .contains("<resourceId>" + instanceId + "</resourceId>")
        .contains("<key>Name</key>")
        .contains("<value>web</value>");
    // the control API stays the test's
    assertThat(
            exec(
                "sh",
                "-c",
                "curl -s -o /dev/null -w '%{http_code}' -X POST \"$AWS_ENDPOINT_URL/_ec2double/reset\""))
        .isEqualTo("403");
    // and the server still has everything
    assertThat(admin.describeInstances(r -> r.instanceIds(instanceId)).reservations()).hasSize(1);
  }

  /**
   * The SDK for Java in an instance of the local JRE image, with no keys, no endpoint and no region
   * of its own: what it finds in the instance (the injected endpoint, the role's credentials) is
   * enough to read the instance's own tags, under --strict-auth.
   */
  @Test
  void theSdkInAnInstanceCallsTheApiWithItsRoleAndNothingConfigured() throws Exception {
    String image =
        admin
            .registerImage(
                r ->
                    r.name("roles-sdk-" + System.nanoTime())
                        .imageLocation("ec2-double/debian-jre:17"))
            .imageId();
    java.nio.file.Path probe =
        dev.ec2double.it.SdkProbes.directory(
            "role-probe",
            RoleSdkProbe.class,
            java.util.regex.Pattern.compile(
                ".*/(software/amazon/awssdk/(?!elasticloadbalancingv2/|netty-nio-client/"
                    + "|apache5-client/)|org/apache/httpcomponents/(httpclient|httpcore)/"
                    + "|commons-logging/|commons-codec/|org/reactivestreams/"
                    + "|org/slf4j/slf4j-api/).*\\.jar"));
    String id =
        admin
            .runInstances(
                r ->
                    r.imageId(image)
                        .instanceType("t3.medium")
                        .minCount(1)
                        .maxCount(1)
                        .iamInstanceProfile(p -> p.name("web"))
                        .tagSpecifications(
                            t -> t.resourceType("instance").tags(g -> g.key("Name").value("sdk"))))
            .instances()
            .get(0)
            .instanceId();
    try {
      awaitRunning(id);
      DockerTestServer.docker()
          .copyArchiveToContainerCmd("ec2double-" + id)
          .withHostResource(probe.toString())
          .withRemotePath("/opt")
          .exec();

      String out =
          Exec.run(
              DockerTestServer.docker(),
              "ec2double-" + id,
              "env",
              "-u",
              "AWS_ACCESS_KEY_ID",
              "-u",
              "AWS_SECRET_ACCESS_KEY",
              "java",
              "-Xshare:auto",
              "-XX:TieredStopAtLevel=1",
              "-cp",
              "/opt/role-probe/*:/opt/role-probe/classes",
              RoleSdkProbe.class.getName(),
              id);

      assertThat(out).contains("Name=sdk");
    } finally {
      admin.terminateInstances(r -> r.instanceIds(id));
      dev.ec2double.it.SdkProbes.delete(probe);
    }
  }

  private static String exec(String... cmd) {
    return Exec.run(DockerTestServer.docker(), "ec2double-" + instanceId, cmd);
  }
}
