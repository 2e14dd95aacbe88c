package dev.ec2double.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.ec2double.compute.MachineSpec.BootFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ComputeBackend} does, seen through the interface alone: the EC2 services rely
 * on exactly this. Each backend runs it in a subclass; what only a backend with real machines can
 * show (a file on a volume, a packet that does not arrive) goes through hooks that the mock leaves
 * empty and the Docker backend answers by looking inside the machines.
 *
 * <p>Every name and address is this run's own (a random network in 100.64.0.0/10, machine names
 * with a random part), so that other servers on the same engine are not disturbed.
 */
public abstract class ComputeBackendContract {
  protected static final String ACCOUNT = "123456789012";
  protected static final String REGION = "us-east-1";
  private static final Duration GRACE = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** The server id the labels carry: one per test class, so its objects are its own. */
  protected static String newServerId() {
    byte[] b = new byte[9];
    ThreadLocalRandom.current().nextBytes(b);
    return "srv-" + HexFormat.of().formatHex(b).substring(0, 17);
  }

  protected abstract ComputeBackend backend();

  protected abstract String serverId();

  /**
   * An image reference the backend can run, with a POSIX shell: the local busybox image that {@code
   * ../shared/ci/base-images.sh} builds.
   */
  protected String image() {
    return "ec2-double/busybox:latest";
  }

  /** Whether the backend filters each machine's traffic ({@link PacketPolicy}). */
  protected abstract boolean filtersPackets();

  /**
   * Makes the machine's main process end behind the server's back (killed, crashed); returns the
   * exit code the backend is to report.
   */
  protected abstract int exitOnItsOwn(String machineId);

  /** A machine's boots as its console shows them; nothing on a backend without consoles. */
  protected void assertBootedTimes(String machineId, int boots) {}

  /** Writes a file on the volume at a device of a running machine; nothing without machines. */
  protected void write(String machineId, String device, String text) {}

  /** The file that {@link #write} wrote is on the volume at the device, with the text. */
  protected void assertHolds(String machineId, String device, String text) {}

  /** Starts an HTTP server on each port inside the machine. */
  protected void serve(String machineId, int... ports) {}

  /** Whether a TCP connection from one machine to an address and port is answered. */
  protected boolean connects(String fromMachineId, String address, int port) {
    throw new UnsupportedOperationException("no machines to connect from");
  }

  private String network;
  private String prefix;
  private String tag;

  @BeforeEach
  void network() {
    tag = HexFormat.of().formatHex(randomBytes(4));
    int third = ThreadLocalRandom.current().nextInt(256);
    int second = 64 + ThreadLocalRandom.current().nextInt(64);
    prefix = "100." + second + "." + third + ".";
    network = "ec2double-contract-" + tag;
    backend().ensureNetwork(spec());
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  private NetworkSpec spec() {
    return new NetworkSpec(
        network,
        prefix + "0/24",
        prefix + "1",
        Labels.of(serverId(), ACCOUNT, REGION, "vpc-" + tag, "vpc"));
  }

  private String address(int host) {
    return prefix + host;
  }

  private String name(String what) {
    return "ec2double-ct-" + what + "-" + tag;
  }

  private MachineSpec machine(String name, int host) {
    Map<String, BootFile> files = new LinkedHashMap<>();
    files.put(BootScript.PATH, BootScript.file());
    files.put(
        BootScript.STATE_DIR + "/instance-id",
        new BootFile((name + "\n").getBytes(StandardCharsets.UTF_8), 0644));
    String ip = address(host);
    return new MachineSpec(
        name,
        image(),
        "ip-" + ip.replace('.', '-'),
        network,
        ip,
        List.of(name),
        0.25,
        64L * 1024 * 1024,
        files,
        Labels.of(serverId(), ACCOUNT, REGION, name, "instance"),
        null,
        Map.of());
  }

  private String launch(String what, int host) {
    String id = backend().launch(machine(name(what), host));
    assertThat(id).isNotBlank();
    return id;
  }

  @Test
  void launchedMachineRunsStopsStartsAndIsRemoved() {
    String id = launch("life", 10);
    assertThat(backend().isRunning(id)).isTrue();
    assertThat(backend().status(id)).hasValueSatisfying(s -> assertThat(s.running()).isTrue());
    assertBootedTimes(id, 1);

    backend().stop(id, GRACE);
    assertThat(backend().isRunning(id)).isFalse();
    assertThat(backend().status(id)).hasValueSatisfying(s -> assertThat(s.running()).isFalse());
    backend().resize(id, 0.5, 128L * 1024 * 1024);

    backend().start(id);
    assertThat(backend().isRunning(id)).isTrue();
    assertBootedTimes(id, 2);

    backend().remove(id);
    assertThat(backend().isRunning(id)).isFalse();
    assertThat(backend().status(id)).isEmpty();
    assertThatCode(() -> backend().remove(id)).doesNotThrowAnyException();
  }

  @Test
  void rebootedMachineBootsAgainAndKeepsRunning() {
    String id = launch("reboot", 11);
    assertBootedTimes(id, 1);
    backend().reboot(id, GRACE);
    assertThat(backend().isRunning(id)).isTrue();
    assertBootedTimes(id, 2);
    backend().remove(id);
  }

  @Test
  void machineThatExitsOnItsOwnIsReportedWithItsExitCode() {
    Queue<String> heard = new ConcurrentLinkedQueue<>();
    backend()
        .onMachineExit(
            new MachineExitListener() {
              @Override
              public void exited(String machineId, int exitCode) {
                heard.add(machineId + ":" + exitCode);
              }

              @Override
              public void removed(String machineId) {}
            });
    String id = launch("exit", 12);

    int code = exitOnItsOwn(id);

    await().atMost(WAIT).until(() -> heard.contains(id + ":" + code));
    assertThat(backend().isRunning(id)).isFalse();
    assertThat(backend().status(id))
        .hasValueSatisfying(
            s -> {
              assertThat(s.running()).isFalse();
              assertThat(s.exitCode()).isEqualTo(code);
            });
    backend().remove(id);
  }

  @Test
  void networkIsEnsuredTwiceAndShowsTheAddressesThatRunOnIt() {
    assertThatCode(() -> backend().ensureNetwork(spec())).doesNotThrowAnyException();
    String id = launch("net", 13);
    assertThat(backend().addressesInUse(network)).contains(address(13));

    backend().stop(id, GRACE);
    assertThat(backend().addressesInUse(network)).doesNotContain(address(13));
    backend().remove(id);

    backend().removeNetwork(network);
    assertThat(backend().addressesInUse(network)).isEmpty();
    assertThatCode(() -> backend().removeNetwork(network)).doesNotThrowAnyException();
    assertThatCode(() -> backend().removeNetwork(name("never-made"))).doesNotThrowAnyException();
  }

  @Test
  void storageComesAndGoesInARunningMachineAndCopiesKeepItsFiles() {
    Map<String, String> labels = Labels.of(serverId(), ACCOUNT, REGION, "vol-" + tag, "volume");
    String volume = name("vol");
    String copy = name("snap");
    String early = name("early");
    String machine = name("disk");
    backend().createStorage(volume, null, labels);
    backend().createStorage(early, null, labels);
    // attached before the machine exists: there from its first boot
    backend().attachStorage(machine, early, "/dev/sdh");
    String id = backend().launch(machine(machine, 14));
    write(id, "/dev/sdh", "there-at-boot");
    assertHolds(id, "/dev/sdh", "there-at-boot");

    backend().attachStorage(machine, volume, "/dev/sdf");
    write(id, "/dev/sdf", "written-on-sdf");
    backend().createStorage(copy, volume, labels);
    backend().detachStorage(machine, volume, "/dev/sdf", false);
    backend().attachStorage(machine, copy, "/dev/sdg");
    assertHolds(id, "/dev/sdg", "written-on-sdf");
    assertThat(backend().isRunning(id)).isTrue();

    backend().detachStorage(machine, copy, "/dev/sdg", true);
    backend().detachStorage(machine, early, "/dev/sdh", false);
    backend().remove(id);
    backend().deleteStorage(volume);
    backend().deleteStorage(copy);
    backend().deleteStorage(early);
    assertThatCode(() -> backend().deleteStorage(volume)).doesNotThrowAnyException();
  }

  @Test
  void committedMachineIsAnImage() {
    String id = launch("image", 15);
    String ref = "ec2double-contract/" + tag + ":1";
    backend().commit(id, ref, Labels.of(serverId(), ACCOUNT, REGION, "ami-" + tag, "image"));
    assertThat(backend().inspectImage(ref)).isPresent();
    backend().remove(id);
    backend().removeImage(ref);
    assertThatCode(() -> backend().removeImage(ref)).doesNotThrowAnyException();
  }

  @Test
  void packetPolicyDecidesWhatReachesAMachine() {
    String scope = ACCOUNT + "/" + REGION + "/" + tag;
    assertThat(backend().packetFilterProblem() == null)
        .as("filters packets (else: %s)", backend().packetFilterProblem())
        .isEqualTo(filtersPackets());
    assertThat(backend().routeMetadataService(network, prefix + "1", 18080))
        .isEqualTo(filtersPackets());
    if (!filtersPackets()) {
      assertThatCode(() -> backend().applyPacketPolicies(scope, List.of(), true))
          .doesNotThrowAnyException();
      return;
    }
    String server = launch("sg-server", 16);
    String client = launch("sg-client", 17);
    serve(server, 8080, 8081);
    List<PacketPolicy.Rule> all = List.of(new PacketPolicy.Rule("-1", -1, -1, "0.0.0.0/0"));
    PacketPolicy onlyWeb =
        new PacketPolicy(
            network,
            address(16),
            List.of(new PacketPolicy.Rule("tcp", 8080, 8080, address(17) + "/32")),
            all,
            2);
    PacketPolicy open = new PacketPolicy(network, address(17), List.of(), all, 2);

    backend().applyPacketPolicies(scope, List.of(onlyWeb, open), true);
    assertThat(connects(client, address(16), 8080)).isTrue();
    assertThat(connects(client, address(16), 8081)).isFalse();

    backend().applyPacketPolicies(scope, List.of(onlyWeb, open), false);
    assertThat(connects(client, address(16), 8081)).isTrue();

    backend().applyPacketPolicies(scope, List.of(), true);
    backend().remove(server);
    backend().remove(client);
  }
}
