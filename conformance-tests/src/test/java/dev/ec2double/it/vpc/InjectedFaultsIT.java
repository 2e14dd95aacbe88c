package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.ControlApi;
import dev.ec2double.it.DockerTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;

/**
 * Faults injected through the control API ({@code /_ec2double/faults}) on the docker backend: each
 * shows where AWS shows it and really happens.
 */
class InjectedFaultsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IMDS = "http://169.254.169.254/latest/";
  private static DockerVpcs vpcs;
  private static DockerVpcs.Vpc vpc;

  @BeforeAll
  static void vpc() {
    DockerVpcs.requirePacketFilter();
    vpcs = new DockerVpcs();
    vpc = vpcs.vpc();
  }

  @AfterAll
  static void close() {
    vpcs.close();
  }

  @Test
  void anImpairedInstanceDropsTrafficUntilTheFaultIsCleared() throws Exception {
    Instance web = vpcs.run(DockerTestServer.BUSYBOX_AMI, vpc.subnetId(), DockerVpcs.WEB_SERVER);
    Instance client = vpcs.run(DockerTestServer.BUSYBOX_AMI, vpc.subnetId(), null);
    vpcs.waitRunning(web.instanceId(), client.instanceId());
    String ip = web.privateIpAddress();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).contains("hello-from"));

    JsonNode fault =
        post("{\"kind\":\"instance-impaired\",\"target\":\"" + web.instanceId() + "\"}", 201);

    assertThat(fault.get("id").asText()).startsWith("fault-");
    assertThat(status(web.instanceId()).instanceStatus().statusAsString()).isEqualTo("impaired");
    assertThat(status(web.instanceId()).systemStatus().statusAsString()).isEqualTo("ok");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(vpcs.httpGet(client.instanceId(), ip, 8080))
                    .doesNotContain("hello-from"));
    // nor does the engine host itself reach it, where a load balancer's proxy and health checks run
    assertThat(fromHost(ip)).isNull();
    // (it did before: checked below once the fault is cleared)

    assertThat(send("DELETE", "/_ec2double/faults/" + fault.get("id").asText(), null).statusCode())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(fromHost(ip)).contains("hello-from"));

    assertThat(status(web.instanceId()).instanceStatus().statusAsString()).isEqualTo("ok");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).contains("hello-from"));

    // a zone going dark: every instance there, the system status impaired
    String zone = web.placement().availabilityZone();
    post("{\"kind\":\"zone-outage\",\"target\":\"" + zone + "\"}", 201);
    assertThat(status(client.instanceId()).systemStatus().statusAsString()).isEqualTo("impaired");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(vpcs.httpGet(client.instanceId(), ip, 8080))
                    .doesNotContain("hello-from"));
    assertThat(send("DELETE", "/_ec2double/faults", null).body()).contains("\"status\":\"ok\"");
    assertThat(status(client.instanceId()).systemStatus().statusAsString()).isEqualTo("ok");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(vpcs.httpGet(client.instanceId(), ip, 8080)).contains("hello-from"));
  }

  @Test
  void aScheduledRebootShowsAsAnEventCanBeMovedAndReallyRestartsTheInstance() throws Exception {
    Instance i = vpcs.run(DockerTestServer.DEBIAN_AMI, vpc.subnetId(), null);
    vpcs.waitRunning(i.instanceId());
    String startedAt = startedAt(i.instanceId());

    JsonNode fault =
        post(
            "{\"kind\":\"scheduled-reboot\",\"target\":\""
                + i.instanceId()
                + "\",\"noticeSeconds\":600}",
            201);
    String eventId = fault.get("instanceEventId").asText();

    InstanceStatus s = status(i.instanceId());
    assertThat(s.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.instanceEventId()).isEqualTo(eventId);
              assertThat(e.codeAsString()).isEqualTo("instance-reboot");
            });
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(metadata(i.instanceId(), "meta-data/events/maintenance/scheduled"))
                    .contains("\"EventId\":\"" + eventId + "\"", "\"Code\":\"instance-reboot\""));
    assertThat(startedAt(i.instanceId())).isEqualTo(startedAt);

    // the test does not wait ten minutes: the event moves to in three seconds
    vpcs.ec2.modifyInstanceEventStartTime(
        r ->
            r.instanceId(i.instanceId())
                .instanceEventId(eventId)
                .notBefore(Instant.now().plusSeconds(3)));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(startedAt(i.instanceId())).isNotEqualTo(startedAt));
    vpcs.waitRunning(i.instanceId());
    assertThat(status(i.instanceId()).events()).isEmpty();
    send("DELETE", "/_ec2double/faults/" + fault.get("id").asText(), null);
  }

  @Test
  void aSpotInterruptionIsNoticedInTheMetadataThenTheInstanceIsTerminated() throws Exception {
    Instance i = vpcs.runSpot(DockerTestServer.DEBIAN_AMI, vpc.subnetId(), "one-time", "terminate");
    vpcs.waitRunning(i.instanceId());
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(metadata(i.instanceId(), "meta-data/spot/instance-action"))
                    .contains("404"));

    post(
        "{\"kind\":\"spot-interruption\",\"target\":\""
            + i.instanceId()
            + "\",\"noticeSeconds\":8}",
        201);

    assertThat(spotRequest(i).status().code()).isEqualTo("marked-for-termination");
    assertThat(metadata(i.instanceId(), "meta-data/spot/instance-action"))
        .contains("\"action\":\"terminate\"");
    assertThat(metadata(i.instanceId(), "meta-data/events/recommendations/rebalance"))
        .contains("noticeTime");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> state(i.instanceId()) == InstanceStateName.TERMINATED);
    assertThat(spotRequest(i).stateAsString()).isEqualTo("closed");
    assertThat(spotRequest(i).status().code()).isEqualTo("instance-terminated-no-capacity");
  }

  @Test
  void aSpotInterruptionStopsAStopBehaviorInstanceUntilCapacityIsBack() throws Exception {
    Instance i = vpcs.runSpot(DockerTestServer.BUSYBOX_AMI, vpc.subnetId(), "persistent", "stop");
    vpcs.waitRunning(i.instanceId());

    JsonNode fault =
        post(
            "{\"kind\":\"spot-interruption\",\"target\":\""
                + i.instanceId()
                + "\",\"noticeSeconds\":3}",
            201);

    assertThat(spotRequest(i).status().code()).isEqualTo("marked-for-stop");
    // really stopped: the container no longer runs
    assertThat(awaitStopped(i).getRunning()).isFalse();
    assertThat(spotRequest(i).stateAsString()).isEqualTo("disabled");
    assertThat(spotRequest(i).status().code()).isEqualTo("instance-stopped-no-capacity");

    send("DELETE", "/_ec2double/faults/" + fault.get("id").asText(), null);
    vpcs.waitRunning(i.instanceId());
    assertThat(spotRequest(i).stateAsString()).isEqualTo("active");
    assertThat(spotRequest(i).status().code()).isEqualTo("fulfilled");
  }

  @Test
  void aSpotInterruptionHibernatesAHibernateBehaviorInstanceWithItsMemory() throws Exception {
    Instance i =
        vpcs.runSpot(DockerTestServer.DEBIAN_AMI, vpc.subnetId(), "persistent", "hibernate");
    vpcs.waitRunning(i.instanceId());
    assertThat(metadata(i.instanceId(), "meta-data/instance-life-cycle")).isEqualTo("spot200");
    String pid =
        vpcs.exec(i.instanceId(), "sh", "-c", "sleep 3600 >/dev/null 2>&1 & echo $!").trim();

    JsonNode fault =
        post(
            "{\"kind\":\"spot-interruption\",\"target\":\""
                + i.instanceId()
                + "\",\"noticeSeconds\":2}",
            201);
    assertThat(metadata(i.instanceId(), "meta-data/spot/instance-action"))
        .contains("\"action\":\"hibernate\"");
    assertThat(metadata(i.instanceId(), "meta-data/spot/termination-time")).endsWith("404");

    // hibernated: the container is paused with its processes, not stopped
    assertThat(awaitStopped(i).getPaused()).isTrue();

    send("DELETE", "/_ec2double/faults/" + fault.get("id").asText(), null);
    vpcs.waitRunning(i.instanceId());
    assertThat(vpcs.exec(i.instanceId(), "sh", "-c", "kill -0 " + pid + " && echo alive").trim())
        .as("the process started before the interruption still runs")
        .isEqualTo("alive");
  }

  @Test
  void aSpotInterruptionOfAnOnDemandInstanceIsRefused() throws Exception {
    Instance i = vpcs.run(DockerTestServer.BUSYBOX_AMI, vpc.subnetId(), null);

    HttpResponse<String> r =
        send(
            "POST",
            "/_ec2double/faults",
            "{\"kind\":\"spot-interruption\",\"target\":\"" + i.instanceId() + "\"}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("is not a Spot Instance");
  }

  /** Waits until the instance is stopped; its container's state then. */
  private static com.github.dockerjava.api.command.InspectContainerResponse.ContainerState
      awaitStopped(Instance i) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> state(i.instanceId()) == InstanceStateName.STOPPED);
    return DockerTestServer.docker()
        .inspectContainerCmd("ec2double-" + i.instanceId())
        .exec()
        .getState();
  }

  private static SpotInstanceRequest spotRequest(Instance i) {
    return vpcs.ec2
        .describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(i.spotInstanceRequestId()))
        .spotInstanceRequests()
        .get(0);
  }

  @Test
  void badInputIsA400AndChangesNothing() throws Exception {
    int before = list().size();
    assertThat(
            send("POST", "/_ec2double/faults", "{\"kind\":\"meteor\",\"target\":\"i-1\"}").body())
        .contains("unknown fault kind 'meteor'");
    assertThat(send("POST", "/_ec2double/faults", "{\"kind\":\"instance-impaired\"}").statusCode())
        .isEqualTo(400);
    assertThat(
            send(
                    "POST",
                    "/_ec2double/faults",
                    "{\"kind\":\"instance-impaired\",\"target\":\"i-0000000000000dead\"}")
                .body())
        .contains("no instance i-0000000000000dead");
    assertThat(send("POST", "/_ec2double/faults", "not json").statusCode()).isEqualTo(400);
    assertThat(
            send("POST", "/_ec2double/faults", "{\"kind\":\"zone-outage\",\"target\":\"mars-1a\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(send("DELETE", "/_ec2double/faults/fault-0123456789abcdef0", null).statusCode())
        .isEqualTo(404);
    assertThat(list()).hasSize(before);
  }

  // --- fixtures ---

  /** The web page at ip:8080 as the engine host gets it, or null when it cannot connect. */
  private static String fromHost(String ip) {
    try {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .proxy(HttpClient.Builder.NO_PROXY)
              .connectTimeout(Duration.ofSeconds(2))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/"))
                      .timeout(Duration.ofSeconds(3))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return r.statusCode() + " " + r.body();
    } catch (Exception e) {
      return null;
    }
  }

  private static JsonNode list() throws Exception {
    return JSON.readTree(send("GET", "/_ec2double/faults", null).body()).get("faults");
  }

  private static JsonNode post(String body, int expected) throws Exception {
    HttpResponse<String> r = send("POST", "/_ec2double/faults", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    HttpResponse<String> r = ControlApi.send(DockerTestServer.get().endpoint(), method, path, body);
    if (r.statusCode() == 400) {
      assertThat(r.body()).contains("\"status\":\"error\"");
    }
    return r;
  }

  private static InstanceStatus status(String id) {
    return vpcs.ec2
        .describeInstanceStatus(r -> r.instanceIds(id).includeAllInstances(true))
        .instanceStatuses()
        .get(0);
  }

  private static InstanceStateName state(String id) {
    return vpcs.ec2
        .describeInstances(r -> r.instanceIds(id))
        .reservations()
        .get(0)
        .instances()
        .get(0)
        .state()
        .name();
  }

  private static String startedAt(String id) {
    return DockerTestServer.docker()
        .inspectContainerCmd("ec2double-" + id)
        .exec()
        .getState()
        .getStartedAt();
  }

  /** A metadata path with IMDSv2 from inside the instance; a 404 answers "404". */
  private static String metadata(String id, String path) {
    return vpcs.exec(
        id,
        "sh",
        "-c",
        "t=$(curl -s --max-time 5 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' "
            + IMDS
            + "api/token) && curl -s --max-time 5 -w '%{http_code}' -H \"X-aws-ec2-metadata-token:"
            + " $t\" "
            + IMDS
            + path);
  }
}
