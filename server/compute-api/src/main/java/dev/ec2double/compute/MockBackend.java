package dev.ec2double.compute;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API-only: every resource is a record and nothing runs, for users without a Docker engine. The
 * instance state machine is the same; every image reference is taken to exist (x86_64).
 */
public class MockBackend implements ComputeBackend {
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Set<String> storage = ConcurrentHashMap.newKeySet();

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
  public void applyPacketPolicies(
      String scope, java.util.List<PacketPolicy> policies, boolean filter) {}

  @Override
  public Set<String> addressesInUse(String network) {
    return Set.of();
  }

  @Override
  public boolean routeMetadataService(String network, String address, int port) {
    return false;
  }

  @Override
  public String launch(MachineSpec spec) {
    String id = "mock-" + spec.name();
    running.add(id);
    return id;
  }

  @Override
  public void start(String machineId) {
    running.add(machineId);
  }

  @Override
  public void stop(String machineId, Duration grace) {
    running.remove(machineId);
  }

  @Override
  public void reboot(String machineId, Duration grace) {}

  @Override
  public void resize(String machineId, double cpus, long memoryBytes) {}

  @Override
  public void remove(String machineId) {
    running.remove(machineId);
  }

  @Override
  public boolean isRunning(String machineId) {
    return running.contains(machineId);
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
  public void onMachineExit(MachineExitListener listener) {}

  @Override
  public void removeAll() {
    running.clear();
    storage.clear();
  }

  @Override
  public boolean adoptMachine(String machineId, boolean running) {
    if (running) {
      this.running.add(machineId);
    }
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
