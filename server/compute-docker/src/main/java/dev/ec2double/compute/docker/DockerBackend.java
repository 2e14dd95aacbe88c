package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.EngineSettings;
import dev.ec2double.compute.ImageInfo;
import dev.ec2double.compute.Labels;
import dev.ec2double.compute.MachineExitListener;
import dev.ec2double.compute.MachineSpec;
import dev.ec2double.compute.MachineStatus;
import dev.ec2double.compute.NetworkSpec;
import dev.ec2double.compute.PacketPolicy;
import dev.ec2double.compute.SubnetAcl;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Instances as containers on a Docker engine, local or remote ({@code DOCKER_HOST}); every object
 * it makes carries {@link Labels}. A thin front over three parts: {@link DockerMachines}
 * (containers and images), {@link DockerNetworks} (bridge networks and the host's packet filter)
 * and {@link DockerStorage} (volumes); it connects them and hands the engine's events on.
 */
public final class DockerBackend implements ComputeBackend {
  private final DockerClient docker;
  private final DockerClient streams;
  private final String engine;
  private final String serverId;
  private final List<MachineExitListener> listeners = new CopyOnWriteArrayList<>();
  private final DockerStorage storage;
  private final DockerMachines machines;
  private final DockerNetworks networks;
  private EngineEvents events;
  private Watchdog watchdog;
  private volatile boolean keepOnClose;

  private DockerBackend(
      DockerClient docker, DockerClient streams, String host, String version, String serverId) {
    this.docker = docker;
    this.streams = streams;
    this.engine = host + " (engine " + version + ")";
    this.serverId = serverId;
    Reaper.opened(serverId);
    this.storage = new DockerStorage(docker, serverId);
    this.machines = new DockerMachines(docker, host, storage);
    this.networks = new DockerNetworks(docker, serverId, host);
  }

  /** Connects and pings the engine; throws when none answers. */
  public static DockerBackend connect(Duration timeout, String serverId) {
    return connect(EngineSettings.DEFAULT, timeout, serverId, false);
  }

  /**
   * @param engine where the engine is and how long a call may take
   * @param timeout how long connecting may take
   * @param watched start a watchdog process that removes this server's objects if it dies
   */
  public static DockerBackend connect(
      EngineSettings engine, Duration timeout, String serverId, boolean watched) {
    DefaultDockerClientConfig.Builder builder =
        DefaultDockerClientConfig.createDefaultConfigBuilder();
    if (!engine.dockerHost().isEmpty()) {
      builder.withDockerHost(engine.dockerHost());
    }
    DefaultDockerClientConfig config = builder.build();
    String host = String.valueOf(config.getDockerHost());
    DockerClient client = EngineClients.of(config, timeout, engine.callTimeout());
    DockerClient streams = EngineClients.of(config, timeout, null);
    try {
      client.pingCmd().exec();
      String version = client.versionCmd().exec().getVersion();
      DockerBackend backend = new DockerBackend(client, streams, host, version, serverId);
      backend.watchEvents(host);
      Reaper.reap(client);
      backend.networks.reapOrphanChains();
      if (watched) {
        backend.watchdog = Watchdog.start(serverId, engine.dockerHost());
      }
      return backend;
    } catch (RuntimeException e) {
      closeQuietly(client);
      closeQuietly(streams);
      throw e;
    }
  }

  public DockerClient client() {
    return docker;
  }

  public String serverId() {
    return serverId;
  }

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public String describe() {
    return "docker at " + engine;
  }

  @Override
  public Optional<ImageInfo> inspectImage(String imageRef) {
    return machines.inspectImage(imageRef);
  }

  @Override
  public void ensureNetwork(NetworkSpec spec) {
    networks.ensure(spec);
  }

  @Override
  public Set<String> addressesInUse(String network) {
    return networks.addressesInUse(network);
  }

  @Override
  public void removeNetwork(String name) {
    networks.remove(name);
  }

  @Override
  public String packetFilterProblem() {
    return networks.packetFilterProblem();
  }

  @Override
  public void applyPacketPolicies(String scope, List<PacketPolicy> policies, boolean enforce) {
    networks.applyPacketPolicies(scope, policies, enforce);
  }

  @Override
  public void applyNetworkAcls(String scope, List<SubnetAcl> acls, boolean enforce) {
    networks.applyNetworkAcls(scope, acls, enforce);
  }

  @Override
  public void applyNetworkLinks(String scope, List<dev.ec2double.compute.NetworkLink> links) {
    networks.applyNetworkLinks(scope, links);
  }

  @Override
  public boolean routeMetadataService(String network, String address, int port) {
    return networks.routeMetadataService(network, address, port);
  }

  @Override
  public boolean routeService(
      String network,
      String virtualAddress,
      String protocol,
      int port,
      String address,
      int targetPort) {
    return networks.routeService(
        new ServiceRoutes.Route(network, virtualAddress, protocol, port), address, targetPort);
  }

  @Override
  public void unrouteService(String network, String virtualAddress, String protocol, int port) {
    networks.unrouteService(new ServiceRoutes.Route(network, virtualAddress, protocol, port));
  }

  @Override
  public boolean forwardLayer4(List<dev.ec2double.compute.Layer4Forward> forwards) {
    return networks.forwardLayer4(forwards);
  }

  @Override
  public boolean cutLayer4Flows(
      dev.ec2double.compute.Layer4Forward forward, dev.ec2double.compute.Layer4Forward.Target to) {
    return networks.cutLayer4Flows(forward, to);
  }

  @Override
  public void useNameServer(String network, String address) {
    machines.useNameServer(network, address);
  }

  @Override
  public String localAddress(String network, String gateway) {
    return networks.localAddress(network, gateway);
  }

  @Override
  public String launch(MachineSpec spec) {
    return machines.launch(spec);
  }

  @Override
  public void start(String machineId) {
    machines.start(machineId);
  }

  @Override
  public void renameOnNetwork(
      String machineId, String network, String address, List<String> dnsNames) {
    machines.renameOnNetwork(machineId, network, address, dnsNames);
  }

  @Override
  public void start(String machineId, Map<String, MachineSpec.BootFile> files) {
    machines.start(machineId, files);
  }

  @Override
  public void stop(String machineId, Duration grace) {
    machines.stop(machineId, grace);
  }

  @Override
  public void pause(String machineId) {
    machines.pause(machineId);
  }

  @Override
  public void unpause(String machineId) {
    machines.unpause(machineId);
  }

  @Override
  public void reboot(String machineId, Duration grace) {
    machines.reboot(machineId, grace);
  }

  @Override
  public Optional<CpuUsage> cpuUsage(String machineId) {
    return machines.cpuUsage(machineId);
  }

  @Override
  public void resize(String machineId, double cpus, long memoryBytes) {
    machines.resize(machineId, cpus, memoryBytes);
  }

  @Override
  public void remove(String machineId) {
    machines.remove(machineId);
  }

  @Override
  public boolean isRunning(String machineId) {
    return machines.isRunning(machineId);
  }

  @Override
  public Optional<MachineStatus> status(String machineId) {
    return machines.status(machineId);
  }

  @Override
  public String consoleOutput(String machineId) {
    return machines.consoleOutput(machineId);
  }

  @Override
  public void writeConsole(String machineId, String line) {
    machines.writeConsole(machineId, line);
  }

  @Override
  public String replaceDisk(String machineId, String imageRef, Duration grace) {
    return machines.replaceDisk(machineId, imageRef, grace);
  }

  @Override
  public void commit(String machineId, String imageRef, Map<String, String> labels) {
    machines.commit(machineId, imageRef, labels);
  }

  @Override
  public void removeImage(String imageRef) {
    machines.removeImage(imageRef);
  }

  @Override
  public void createStorage(String name, String copyOf, Map<String, String> labels) {
    storage.create(name, copyOf, labels);
  }

  @Override
  public void deleteStorage(String name) {
    storage.delete(name);
  }

  @Override
  public void attachStorage(String machineName, String name, String device) {
    storage.attach(machineName, name, device);
  }

  @Override
  public void detachStorage(String machineName, String name, String device, boolean force) {
    storage.detach(machineName, name, device, force);
  }

  @Override
  public void onMachineExit(MachineExitListener listener) {
    listeners.add(listener);
  }

  /** The engine's deaths and removals of this server's containers, told to the listeners. */
  private void watchEvents(String host) {
    events =
        new EngineEvents(
            streams,
            serverId,
            host,
            new MachineExitListener() {
              @Override
              public void exited(String machineId, int exitCode) {
                listeners.forEach(l -> l.exited(machineId, exitCode));
              }

              @Override
              public void removed(String machineId) {
                listeners.forEach(l -> l.removed(machineId));
              }

              @Override
              public void engineBack() {
                machines.retryRemovals();
                listeners.forEach(MachineExitListener::engineBack);
              }
            });
    events.start();
  }

  @Override
  public void removeAll() {
    machines.removeAll(serverId);
    // after the instances (nothing holds the volumes), before the networks
    storage.removeAll();
    networks.removeAll();
    machines.removeImages(serverId);
  }

  @Override
  public boolean adoptMachine(String machineId, boolean running) {
    return machines.adopt(machineId);
  }

  @Override
  public void adoptStorage(String name) {
    storage.adoptStorage(name);
  }

  @Override
  public void keepOnClose() {
    keepOnClose = true;
  }

  @Override
  public void close() {
    Reaper.closed(serverId);
    if (watchdog != null) {
      watchdog.close();
    }
    networks.close(keepOnClose);
    closeQuietly(events);
    closeQuietly(streams);
    closeQuietly(docker);
  }

  private static void closeQuietly(Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException | RuntimeException ignored) {
      // shutting down: nothing to do about it
    }
  }
}
