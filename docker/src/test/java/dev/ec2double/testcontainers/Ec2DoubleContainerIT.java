package dev.ec2double.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;

/** Starts the image this build just made (its tag comes from the pom) and talks to it. */
class Ec2DoubleContainerIT {
  // tag::container[]
  // the image to run: here the one this build made (its tag comes from the pom)
  private static final String IMAGE = System.getProperty("ec2double.image", "ec2-double:latest");

  static Ec2DoubleContainer ec2 =
      new Ec2DoubleContainer(IMAGE)
          .withRegion("eu-central-1")
          .withAmi("ami-0123456789abcdef0", "ec2-double/debian:12");

  // end::container[]

  @BeforeAll
  static void start() {
    long t0 = System.nanoTime();
    ec2.start();
    System.out.printf(
        "ec2-double container %s healthy %d ms after start%n",
        IMAGE, (System.nanoTime() - t0) / 1_000_000);
  }

  @AfterAll
  static void stop() {
    ec2.stop(); // also removes it: with the reaper off, nothing else would
  }

  @Test
  void answersTheSdkThroughThePublishedPort() {
    // tag::client[]
    try (Ec2Client client =
        Ec2Client.builder()
            .endpointOverride(ec2.getEndpoint())
            .region(Region.of(ec2.getRegion()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ec2.getAccessKey(), ec2.getSecretKey())))
            .httpClientBuilder(ApacheHttpClient.builder())
            .build()) {
      assertThat(client.describeRegions().regions()).isNotEmpty();
      // end::client[]
      assertThat(client.describeAvailabilityZones().availabilityZones())
          .extracting(AvailabilityZone::regionName)
          .containsOnly("eu-central-1");
    }
  }

  @Test
  void drivesTheHostsEngineThroughTheMountedSocket() throws Exception {
    assertThat(health(ec2.getEndpoint())).contains("\"status\":\"UP\"", "\"backend\":\"docker\"");
  }

  @Test
  void runsInstancesAsSiblingContainersItReaches() throws Exception {
    try (Ec2DoubleContainer server =
        new Ec2DoubleContainer(IMAGE)
            .withAmi("ami-0b0b0b0b0b0b0b0b0", "ec2-double/busybox:latest")) {
      server.start();
      Ec2Client client = client(server);
      String userData =
          "#!/bin/sh\necho hello-from-the-sibling > /tmp/index.html\nhttpd -p 8080 -h /tmp\n";
      String id =
          client
              .runInstances(
                  r ->
                      r.imageId("ami-0b0b0b0b0b0b0b0b0")
                          .minCount(1)
                          .maxCount(1)
                          .userData(
                              java.util.Base64.getEncoder()
                                  .encodeToString(userData.getBytes(StandardCharsets.UTF_8))))
              .instances()
              .get(0)
              .instanceId();
      try {
        client.waiter().waitUntilInstanceRunning(r -> r.instanceIds(id));
      } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
        // say why the server could not launch it (the server's log is inside its container)
        throw new AssertionError(
            "instance "
                + id
                + " did not run: "
                + client
                    .describeInstances(r -> r.instanceIds(id))
                    .reservations()
                    .get(0)
                    .instances()
                    .get(0)
                    .stateReason(),
            e);
      }
      String ip =
          client
              .describeInstances(r -> r.instanceIds(id))
              .reservations()
              .get(0)
              .instances()
              .get(0)
              .privateIpAddress();

      // from inside the server's own container, as its load balancer and health checks would
      String page = "";
      for (int i = 0; i < 50 && !page.contains("hello-from-the-sibling"); i++) {
        Thread.sleep(200);
        page =
            server
                .execInContainer(
                    "bash",
                    "-c",
                    "exec 3<>/dev/tcp/"
                        + ip
                        + "/8080 && printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3"
                        + " && cat <&3")
                .getStdout();
      }

      assertThat(page).contains("hello-from-the-sibling");
      client.close();
    }
  }

  static Ec2Client client(Ec2DoubleContainer server) {
    return Ec2Client.builder()
        .endpointOverride(server.getEndpoint())
        .region(Region.of(server.getRegion()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(server.getAccessKey(), server.getSecretKey())))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  @Test
  void runsTheMockBackendWhenAskedTo() throws Exception {
    try (Ec2DoubleContainer mock = new Ec2DoubleContainer(IMAGE).withBackend("mock")) {
      mock.start();

      assertThat(health(mock.getEndpoint())).contains("\"backend\":\"mock\"");

      try (Ec2Client client = client(mock)) {
        client.createKeyPair(r -> r.keyName("before-the-reset"));
        String vpc = client.createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();

        String ami = client.describeImages(r -> r.owners("amazon")).images().get(0).imageId();
        String id =
            client
                .runInstances(r -> r.imageId(ami).minCount(1).maxCount(1))
                .instances()
                .get(0)
                .instanceId();
        assertThat(mock.injectFault("system-impaired", id, null)).startsWith("fault-");
        mock.clearFaults();

        mock.reset();

        assertThat(client.describeKeyPairs().keyPairs()).isEmpty();
        assertThat(client.describeVpcs().vpcs())
            .extracting(v -> v.vpcId())
            .doesNotContain(vpc)
            .hasSize(1); // the default VPC, made again
      }
    }
  }

  @Test
  void stopsAtOnceOnSigterm() {
    try (Ec2DoubleContainer server = new Ec2DoubleContainer(IMAGE).withBackend("mock")) {
      server.start();

      long t0 = System.nanoTime();
      DockerClientFactory.instance()
          .client()
          .stopContainerCmd(server.getContainerId())
          .withTimeout(10)
          .exec();
      Duration took = Duration.ofNanos(System.nanoTime() - t0);

      System.out.printf("ec2-double container stopped %d ms after SIGTERM%n", took.toMillis());
      assertThat(took).isLessThan(Duration.ofSeconds(2));
    }
  }

  private static String health(URI endpoint) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(endpoint.resolve("/_ec2double/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
