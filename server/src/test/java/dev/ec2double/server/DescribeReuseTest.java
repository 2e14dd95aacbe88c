package dev.ec2double.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.MachineExitListener;
import dev.ec2double.compute.MachineStatus;
import dev.ec2double.compute.MockBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DescribeInstances reuses an instance's view while the state's change count stays the same. The
 * engine's work ends in the background (a stop, an exit nobody asked for, a container removed):
 * each must count as a change, or a view built before it would be answered for ever. Here the
 * engine is a mock whose stops wait until the test lets them end and whose exits the test sends.
 */
class DescribeReuseTest {
  private static final String AUTH =
      "AWS4-HMAC-SHA256 Credential=AKIDREUSE/20261127/us-east-1/ec2/aws4_request,"
          + " SignedHeaders=host, Signature=0";
  private static final Pattern STATE =
      Pattern.compile("<instanceState><code>\\d+</code><name>([a-z-]+)</name>");

  /** Stops that end when the test says so; exits that the test reports. */
  static final class GatedEngine extends MockBackend {
    final CountDownLatch stopMayEnd = new CountDownLatch(1);
    volatile MachineExitListener listener;
    volatile String lastMachine;

    @Override
    public String launch(dev.ec2double.compute.MachineSpec spec) {
      lastMachine = super.launch(spec);
      return lastMachine;
    }

    @Override
    public void stop(String machineId, Duration grace) {
      try {
        stopMayEnd.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      super.stop(machineId, grace);
    }

    @Override
    public void onMachineExit(MachineExitListener listener) {
      this.listener = listener;
    }
  }

  private final GatedEngine engine = new GatedEngine();
  private final HttpClient http = HttpClient.newHttpClient();
  private Ec2DoubleServer server;

  @BeforeEach
  void start() {
    server =
        new Ec2DoubleServer(ServerConfig.builder().port(0).backend("mock").build(), engine).start();
  }

  @AfterEach
  void stop() {
    engine.stopMayEnd.countDown();
    server.close();
  }

  @Test
  void aStopThatEndsInTheBackgroundShowsOnceItEnds() throws Exception {
    String id = runningInstance();
    call("Action=StopInstances&InstanceId.1=" + id);
    assertThat(state(id)).isEqualTo("stopping");
    assertThat(state(id)).isEqualTo("stopping"); // the reused view
    engine.stopMayEnd.countDown();
    assertThat(awaitState(id, "stopped")).isEqualTo("stopped");
  }

  @Test
  void aContainerKilledOutsideShowsAtOnce() throws Exception {
    String id = runningInstance();
    assertThat(state(id)).isEqualTo("running");
    engine.listener.exited(engine.lastMachine, MachineStatus.KILLED);
    assertThat(state(id)).isEqualTo("stopped");
  }

  @Test
  void aContainerRemovedOutsideShowsOnceSettled() throws Exception {
    String id = runningInstance();
    assertThat(state(id)).isEqualTo("running");
    engine.listener.removed(engine.lastMachine);
    assertThat(awaitState(id, "terminated")).isEqualTo("terminated");
  }

  private String runningInstance() throws Exception {
    String run =
        call(
            "Action=RunInstances&ImageId=ami-0ec2d00000000de12&MinCount=1&MaxCount=1"
                + "&InstanceType=t3.micro");
    Matcher m = Pattern.compile("<instanceId>(i-[0-9a-f]+)</instanceId>").matcher(run);
    assertThat(m.find()).as(run).isTrue();
    String id = m.group(1);
    assertThat(awaitState(id, "running")).isEqualTo("running");
    return id;
  }

  /** Polls for up to 5 s; the state last seen. */
  private String awaitState(String id, String wanted) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    String seen = state(id);
    while (!seen.equals(wanted) && System.nanoTime() < end) {
      Thread.sleep(20);
      seen = state(id);
    }
    return seen;
  }

  private String state(String id) throws Exception {
    String xml = call("Action=DescribeInstances&InstanceId.1=" + id);
    Matcher m = STATE.matcher(xml);
    assertThat(m.find()).as(xml).isTrue();
    return m.group(1);
  }

  private String call(String params) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", AUTH)
            .POST(HttpRequest.BodyPublishers.ofString(params + "&Version=2016-11-15"))
            .build();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return res.body();
  }
}
