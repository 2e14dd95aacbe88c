package dev.ec2double.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The build's real-AWS guard (the root pom's {@code guard.*} properties): in a test JVM and in the
 * tools it spawns, a client that forgets the endpoint override fails loudly instead of reaching
 * AWS, and one that names the server still works. Every test first checks that the guard is in
 * place and calls nothing otherwise, so this class never sends a request off the machine.
 */
class RealAwsGuardIT {
  private static final String GUARD = "127.0.0.1:9";

  @BeforeEach
  void guardIsInPlace() {
    assertThat(System.getProperty("https.proxyHost") + ":" + System.getProperty("https.proxyPort"))
        .as("the build sets the guard's proxy for test JVMs (root pom, guard.proxy)")
        .isEqualTo(GUARD);
    assertThat(System.getProperty("http.proxyHost") + ":" + System.getProperty("http.proxyPort"))
        .isEqualTo(GUARD);
    assertThat(System.getenv("HTTPS_PROXY")).isEqualTo("http://" + GUARD);
    assertThat(System.getenv("https_proxy")).isEqualTo("http://" + GUARD);
  }

  private static Ec2Client withoutEndpoint(SdkHttpClient.Builder<?> http) {
    return Ec2Client.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .httpClientBuilder(http)
        .build();
  }

  @Test
  void theSdkWithApacheAndNoEndpointFailsAtTheGuard() {
    try (Ec2Client ec2 = withoutEndpoint(ApacheHttpClient.builder())) {
      assertThatThrownBy(ec2::describeRegions)
          .isInstanceOf(SdkClientException.class)
          .hasMessageContaining(GUARD)
          .hasMessageContaining("refused");
    }
  }

  @Test
  void theSdkWithUrlConnectionAndNoEndpointFailsAtTheGuard() {
    try (Ec2Client ec2 = withoutEndpoint(UrlConnectionHttpClient.builder())) {
      assertThatThrownBy(ec2::describeRegions)
          .isInstanceOf(SdkClientException.class)
          .rootCause()
          .hasMessageContaining("refused");
    }
  }

  @Test
  void javasOwnHttpClientGoesToTheGuardForPublicHosts() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(
            () ->
                http.send(
                    HttpRequest.newBuilder(URI.create("https://ec2.us-east-1.amazonaws.com/"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(java.net.ConnectException.class);
  }

  @Test
  void theSdkStillReachesTheServerByItsLoopbackEndpoint() {
    try (Ec2Client ec2 = Clients.ec2(TestServer.endpoint(), "AKIDGUARD")) {
      assertThat(ec2.describeRegions().regions()).isNotEmpty();
    }
  }

  @Test
  void theAwsCliWithoutEndpointFailsAtTheGuardAndWithOneWorks() throws Exception {
    Run without = aws("ec2", "describe-regions");
    assertThat(without.exit).as(without.output).isNotZero();
    assertThat(without.output).contains("proxy").contains(GUARD);

    Run with = aws("ec2", "describe-regions", "--endpoint-url", TestServer.endpoint().toString());
    assertThat(with.exit).as(with.output).isZero();
    assertThat(with.output).contains("us-east-1");
  }

  private record Run(int exit, String output) {}

  private static Run aws(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("aws"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--region", "us-east-1", "--output", "text"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.putAll(
        Map.of(
            "AWS_ACCESS_KEY_ID", "AKIDGUARD",
            "AWS_SECRET_ACCESS_KEY", "secret",
            "AWS_CONFIG_FILE", "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE", "/dev/null",
            "AWS_EC2_METADATA_DISABLED", "true",
            "AWS_MAX_ATTEMPTS", "1",
            "AWS_PAGER", ""));
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("aws did not finish in 60 s: " + out);
    }
    return new Run(p.exitValue(), out);
  }
}
