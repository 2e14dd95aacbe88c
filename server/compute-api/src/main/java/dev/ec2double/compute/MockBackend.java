package dev.ec2double.compute;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * API-only: every resource is a record and nothing runs, for users without a Docker engine. The
 * instance state machine is the same; every image reference is taken to exist (x86_64). A machine
 * keeps its address on its network and its last exit code, as an engine's would; since nothing
 * runs, a machine exits on its own only when {@link #exit} says so.
 */
public class MockBackend implements ComputeBackend {
  /** A machine: where it is, whether it "runs", how it last ended. */
  private record Machine(
      String network, String address, boolean running, int exitCode, boolean paused) {
    Machine(String network, String address, boolean running, int exitCode) {
      this(network, address, running, exitCode, false);
    }

    Machine withRunning(boolean now, int code) {
      return new Machine(network, address, now, code, false);
    }

    Machine withPaused(boolean now) {
      return new Machine(network, address, running, exitCode, now);
    }
  }

  private final Map<String, Machine> machines = new ConcurrentHashMap<>();
  private final Set<String> storage = ConcurrentHashMap.newKeySet();
  private final List<MachineExitListener> listeners = new CopyOnWriteArrayList<>();
  private volatile List<Layer4Forward> layer4 = List.of();

  /**
   * Records the forwards (nothing forwards traffic without an engine): {@link #layer4Forwards()}.
   */
  @Override
  public boolean forwardLayer4(List<Layer4Forward> forwards) {
    layer4 = List.copyOf(forwards);
    return false;
  }

  /** The network load balancers' forwards as last set. */
  public List<Layer4Forward> layer4Forwards() {
    return layer4;
  }

  private final Map<String, List<NetworkLink>> links = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "mock";
  }

  @Override
  public String describe() {
    return "mock (API only: no containers, networks or volumes are created)";
  }

  @Override
  public Optional<ImageInfo> inspectImage(String imageRef) {
    return Optional.of(new ImageInfo("mock:" + imageRef, "x86_64", Instant.EPOCH));
  }

  @Override
  public void ensureNetwork(NetworkSpec network) {}

  @Override
  public void removeNetwork(String name) {}

  @Override
  public String packetFilterProblem() {
    return "the mock backend runs no instances";
  }

  @Override
  public void applyPacketPolicies(String scope, List<PacketPolicy> policies, boolean filter) {}

  /** Nothing is routed; the links are kept, as an engine's host would route them. */
  @Override
  public void applyNetworkLinks(String scope, List<NetworkLink> links) {
    this.links.put(scope, List.copyOf(links));
  }

  /** The links of a scope as last applied (empty when none were). */
  public List<NetworkLink> networkLinks(String scope) {
    return links.getOrDefault(scope, List.of());
  }

  /** The addresses of the machines that run on the network, as an engine's network lists them. */
  @Override
  public Set<String> addressesInUse(String network) {
    Set<String> out = new HashSet<>();
    for (Machine m : machines.values()) {
      if (m.running() && network.equals(m.network()) && m.address() != null) {
        out.add(m.address());
      }
    }
    return out;
  }

  @Override
  public boolean routeMetadataService(String network, String address, int port) {
    return false;
  }

  @Override
  public String launch(MachineSpec spec) {
    String id = "mock-" + spec.name();
    machines.put(id, new Machine(spec.network(), spec.privateIp(), true, 0));
    return id;
  }

  @Override
  public void start(String machineId) {
    machines.compute(
        machineId,
        (id, m) ->
            m == null ? new Machine(null, null, true, 0) : m.withRunning(true, m.exitCode()));
  }

  @Override
  public void stop(String machineId, Duration grace) {
    // a SIGTERM'd machine that ends cleanly
    machines.computeIfPresent(machineId, (id, m) -> m.withRunning(false, 0));
  }

  /**
   * The machine's main process ends with {@code exitCode}, as if it exited by itself (a poweroff, a
   * crash): it stops and the {@link #onMachineExit} listeners hear of it, as from an engine.
   */
  public void exit(String machineId, int exitCode) {
    if (machines.computeIfPresent(machineId, (id, m) -> m.withRunning(false, exitCode)) != null) {
      listeners.forEach(l -> l.exited(machineId, exitCode));
    }
  }

  /** Only a running machine pauses, as an engine refuses to pause a stopped container. */
  @Override
  public void pause(String machineId) {
    Machine m = machines.get(machineId);
    if (m == null || !m.running()) {
      throw new EngineException("mock machine " + machineId + " is not running", false);
    }
    machines.put(machineId, m.withPaused(true));
  }

  /** A machine adopted after a restart was not paused by this mock: it runs again too. */
  @Override
  public void unpause(String machineId) {
    machines.computeIfPresent(machineId, (id, m) -> m.withRunning(true, m.exitCode()));
  }

  /** Whether the machine is paused now (tests). */
  public boolean isPaused(String machineId) {
    Machine m = machines.get(machineId);
    return m != null && m.paused();
  }

  @Override
  public void reboot(String machineId, Duration grace) {}

  @Override
  public void resize(String machineId, double cpus, long memoryBytes) {}

  @Override
  public void remove(String machineId) {
    machines.remove(machineId);
  }

  @Override
  public boolean isRunning(String machineId) {
    Machine m = machines.get(machineId);
    return m != null && m.running() && !m.paused();
  }

  @Override
  public Optional<MachineStatus> status(String machineId) {
    return Optional.ofNullable(machines.get(machineId))
        .map(m -> new MachineStatus(m.running() && !m.paused(), m.exitCode(), m.paused()));
  }

  @Override
  public String consoleOutput(String machineId) {
    return "";
  }

  @Override
  public void commit(String machineId, String imageRef, Map<String, String> labels) {}

  @Override
  public void removeImage(String imageRef) {}

  @Override
  public void createStorage(String name, String copyOf, Map<String, String> labels) {
    storage.add(name);
  }

  @Override
  public void deleteStorage(String name) {
    storage.remove(name);
  }

  @Override
  public void attachStorage(String machineName, String name, String device) {}

  @Override
  public void detachStorage(String machineName, String name, String device, boolean force) {}

  @Override
  public void onMachineExit(MachineExitListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeAll() {
    machines.clear();
    storage.clear();
    links.clear();
  }

  /** The mock keeps nothing across a restart: the machine is as the saved state last knew it. */
  @Override
  public boolean adoptMachine(String machineId, boolean running) {
    machines.put(machineId, new Machine(null, null, running, 0));
    return true;
  }

  @Override
  public void adoptStorage(String name) {
    storage.add(name);
  }

  @Override
  public void keepOnClose() {}

  @Override
  public void close() {}
}
