package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.EngineException;
import dev.ec2double.compute.EngineSettings;
import dev.ec2double.compute.ImageInfo;
import dev.ec2double.compute.MachineExitListener;
import dev.ec2double.compute.MachineSpec;
import dev.ec2double.compute.MachineStatus;
import dev.ec2double.compute.NetworkConflictException;
import dev.ec2double.compute.NetworkSpec;
import dev.ec2double.compute.PacketPolicy;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances as containers on a Docker engine, local or remote ({@code DOCKER_HOST}). Every object
 * it makes carries {@link Labels}; PID 1 of each container is the engine's init ({@code --init}),
 * so a stop is a SIGTERM the instance's processes really get, not a 10 s wait.
 */
public final class DockerBackend implements ComputeBackend {
  private static final Logger LOG = LoggerFactory.getLogger(DockerBackend.class);
  private static final int CONSOLE_BYTES = 64 * 1024;
  private static final String BRIDGE_OPTION = "com.docker.network.bridge.name";

  private final DockerClient docker;
  private final DockerClient streams;
  private final String engine;
  private final String serverId;
  private final List<MachineExitListener> listeners = new CopyOnWriteArrayList<>();
  private final DockerStorage storage;
  private final HostPacketFilter filter;
  private final Map<String, String> bridges = new java.util.concurrent.ConcurrentHashMap<>();
  private final String filterProblem;
  private final PacketFilterAccess filterAccess;
  private EngineEvents events;
  private Watchdog watchdog;
  private volatile boolean keepOnClose;

  /** Machines to remove once the engine answers again (a removal it did not answer). */
  private final Set<String> toRemove = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private DockerBackend(
      DockerClient docker,
      DockerClient streams,
      String engine,
      String serverId,
      String dockerHost) {
    this.docker = docker;
    this.streams = streams;
    this.engine = engine;
    this.serverId = serverId;
    this.storage = new DockerStorage(docker, serverId);
    this.filterAccess = PacketFilterAccess.choose(docker, serverId, dockerHost);
    this.filter = new HostPacketFilter(serverId, filterAccess.iptables(), this::bridgeOf);
    this.filterProblem = filterAccess.filterProblem();
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
    DockerClient client = client(config, timeout, engine.callTimeout());
    // the event stream is quiet while nothing happens: it has no answer timeout
    DockerClient streams = client(config, timeout, null);
    try {
      client.pingCmd().exec();
      String version = client.versionCmd().exec().getVersion();
      DockerBackend backend =
          new DockerBackend(client, streams, host + " (engine " + version + ")", serverId, host);
      backend.watchEvents(host);
      Reaper.reap(client);
      if (backend.filterAccess.usable() && backend.filterAccess.helper() == null) {
        int chains =
            HostPacketFilter.reapOrphanChains(
                backend.filterAccess.iptables(), Reaper.liveServers(client, serverId));
        if (chains > 0) {
          LOG.info("removed the packet filter chains of {} servers that are gone", chains);
        }
      }
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

  private static DockerClient client(
      DefaultDockerClientConfig config, Duration connect, Duration answer) {
    ZerodepDockerHttpClient.Builder http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .connectionTimeout(connect)
            .maxConnections(64);
    if (answer != null) {
      http.responseTimeout(answer);
    }
    return DockerClientImpl.getInstance(
        config, new EngineTransport(http.build(), String.valueOf(config.getDockerHost())));
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
    try {
      InspectImageResponse image = docker.inspectImageCmd(imageRef).exec();
      String arch = "arm64".equals(image.getArch()) ? "arm64" : "x86_64";
      Instant created = image.getCreated() == null ? null : Instant.parse(image.getCreated());
      return Optional.of(new ImageInfo(image.getId(), arch, created));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** The image's own entrypoint and command, which the instance's init runs after first boot. */
  List<String> bootCommand(String imageRef) {
    InspectImageResponse image = docker.inspectImageCmd(imageRef).exec();
    List<String> cmd = new ArrayList<>();
    if (image.getConfig() != null) {
      if (image.getConfig().getEntrypoint() != null) {
        cmd.addAll(List.of(image.getConfig().getEntrypoint()));
      }
      if (image.getConfig().getCmd() != null) {
        cmd.addAll(List.of(image.getConfig().getCmd()));
      }
    }
    return cmd;
  }

  @Override
  public synchronized void ensureNetwork(NetworkSpec spec) {
    boolean exists =
        docker.listNetworksCmd().withNameFilter(spec.name()).exec().stream()
            .anyMatch(n -> n.getName().equals(spec.name()));
    if (!exists) {
      create(spec);
    }
    Network n = docker.inspectNetworkCmd().withNetworkId(spec.name()).exec();
    String bridge = n.getOptions() == null ? null : n.getOptions().get(BRIDGE_OPTION);
    bridges.put(spec.name(), bridge != null ? bridge : "br-" + n.getId().substring(0, 12));
    joinAsSibling(n);
  }

  /**
   * When the server itself runs in a container of this engine (the standalone image), it joins
   * every network it makes, so that it reaches its instances as the host would: the load balancer's
   * targets, health checks.
   */
  private void joinAsSibling(Network n) {
    String self = SelfContainer.id(docker);
    if (self == null || (n.getContainers() != null && n.getContainers().containsKey(self))) {
      return;
    }
    try {
      docker.connectToNetworkCmd().withNetworkId(n.getId()).withContainerId(self).exec();
      LOG.info("joined network {} to reach its instances", n.getName());
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot join network {}: instances there are out of reach ({})",
          n.getName(),
          e.getMessage());
    }
  }

  /** The Linux bridge of a network (Docker names it br-ID unless told otherwise). */
  private String bridgeOf(String network) {
    return bridges.getOrDefault(network, HostPacketFilter.bridgeName(network));
  }

  @Override
  public Set<String> addressesInUse(String network) {
    try {
      Network n = docker.inspectNetworkCmd().withNetworkId(network).exec();
      Set<String> out = new java.util.HashSet<>();
      if (n.getContainers() != null) {
        for (Network.ContainerNetworkConfig c : n.getContainers().values()) {
          String ip = c.getIpv4Address();
          if (ip != null && !ip.isEmpty()) {
            out.add(ip.contains("/") ? ip.substring(0, ip.indexOf('/')) : ip);
          }
        }
      }
      return out;
    } catch (NotFoundException e) {
      return Set.of();
    }
  }

  private void create(NetworkSpec spec) {
    try {
      createNetwork(spec);
    } catch (ConflictException e) {
      LOG.debug("network {} was created concurrently", spec.name());
    } catch (DockerException e) {
      if (networkExists(spec.name())) {
        // another server sharing the engine made it at the same moment ("pool overlaps")
        LOG.debug("network {} was created concurrently", spec.name());
        return;
      }
      if (!String.valueOf(e.getMessage()).contains("overlap")) {
        throw e;
      }
      // The kernel cannot route two bridges with overlapping subnets, so the engine refuses.
      // Networks of ec2-double that no container uses are made again on demand: free those.
      List<Network> blocking = EngineNetworks.overlapping(docker, spec.cidr());
      for (Network n : blocking) {
        if (!EngineNetworks.isIdleEc2DoubleNetwork(docker, n)) {
          throw new NetworkConflictException(
              "the Docker engine already has network "
                  + n.getName()
                  + " with an overlapping subnet ("
                  + EngineNetworks.subnets(n)
                  + EngineNetworks.owner(n)
                  + ") that containers use, and Linux cannot route two bridges with"
                  + " overlapping addresses on one host.");
        }
      }
      for (Network n : blocking) {
        LOG.info("removing idle network {} to make room for {}", n.getName(), spec.name());
        removeNetworkQuietly(n.getId());
        filter.forgetNetwork(n.getName());
      }
      createNetwork(spec);
    }
  }

  private boolean networkExists(String name) {
    return docker.listNetworksCmd().withNameFilter(name).exec().stream()
        .anyMatch(n -> n.getName().equals(name));
  }

  private void createNetwork(NetworkSpec spec) {
    docker
        .createNetworkCmd()
        .withName(spec.name())
        .withDriver("bridge")
        .withCheckDuplicate(true)
        .withLabels(spec.labels())
        .withOptions(Map.of(BRIDGE_OPTION, HostPacketFilter.bridgeName(spec.name())))
        .withIpam(
            new Network.Ipam()
                .withConfig(
                    new Network.Ipam.Config().withSubnet(spec.cidr()).withGateway(spec.gateway())))
        .exec();
  }

  @Override
  public void removeNetwork(String name) {
    filter.forgetNetwork(name);
    bridges.remove(name);
    for (Network n : docker.listNetworksCmd().withNameFilter(name).exec()) {
      leaveAsSibling(n.getId());
      // a network another server's (or a stopped) container still uses stays
      if (n.getName().equals(name) && EngineNetworks.isIdleEc2DoubleNetwork(docker, n)) {
        removeNetworkQuietly(n.getId());
      }
    }
  }

  /** A server in a container leaves a network before it goes, or holds it in use. */
  private void leaveAsSibling(String networkId) {
    String self = SelfContainer.id(docker);
    if (self != null) {
      try {
        docker
            .disconnectFromNetworkCmd()
            .withNetworkId(networkId)
            .withContainerId(self)
            .withForce(true)
            .exec();
      } catch (RuntimeException notJoined) {
        // the server was not on it
      }
    }
  }

  private void removeNetworkQuietly(String id) {
    leaveAsSibling(id);
    try {
      docker.removeNetworkCmd(id).exec();
    } catch (NotFoundException e) {
      LOG.debug("network {} was already gone", id);
    } catch (RuntimeException e) {
      LOG.info("network {} could not be removed: {}", id, e.getMessage());
    }
  }

  @Override
  public String packetFilterProblem() {
    return filterProblem;
  }

  @Override
  public void applyPacketPolicies(String scope, List<PacketPolicy> policies, boolean enforce) {
    if (filterAccess.usable()) {
      try {
        filter.apply(scope, policies, enforce && filterProblem == null);
      } catch (IllegalStateException e) {
        if (filterAccess.helper() == null) {
          throw e;
        }
        LOG.warn("the network helper could not write the packet filter: {}", e.getMessage());
      }
    }
  }

  @Override
  public boolean routeMetadataService(String network, String address, int port) {
    if (!filterAccess.usable()) {
      return false;
    }
    try {
      filter.routeMetadata(network, address, port);
    } catch (IllegalStateException e) {
      if (filterAccess.helper() == null) {
        throw e;
      }
      LOG.warn("the network helper could not route the metadata service: {}", e.getMessage());
    }
    return filterAccess.usable();
  }

  /**
   * The gateway, where the server runs on the engine's host; the server's own address on the
   * network where it runs in a container of the engine (it joined the network).
   */
  @Override
  public String localAddress(String network, String gateway) {
    String self = SelfContainer.id(docker);
    if (self == null) {
      return gateway;
    }
    var joined = docker.inspectContainerCmd(self).exec().getNetworkSettings().getNetworks();
    var on = joined == null ? null : joined.get(network);
    return on == null || on.getIpAddress() == null || on.getIpAddress().isEmpty()
        ? gateway
        : on.getIpAddress();
  }

  @Override
  public String launch(MachineSpec spec) {
    // the boot files travel in the environment, unpacked by the first command: no copy round trip
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", BootScript.unpackCommand()));
    command.add("ec2-double-boot");
    command.addAll(bootCommand(spec.image()));
    List<String> env = new ArrayList<>(BootScript.fileVariables(spec.files()));
    spec.env().forEach((k, v) -> env.add(k + "=" + v));
    HostConfig host =
        HostConfig.newHostConfig()
            .withInit(true)
            .withNetworkMode(spec.network())
            .withCpuPeriod(100_000L)
            .withCpuQuota(Math.max(1_000L, Math.round(spec.cpus() * 100_000)))
            .withMemory(spec.memoryBytes())
            .withMemorySwap(spec.memoryBytes());
    Bind volumes = storage.prepareMachine(spec.name(), spec.image());
    if (volumes != null) {
      host.withBinds(volumes);
    }
    CreateContainerCmd create =
        docker
            .createContainerCmd(spec.image())
            .withName(spec.name())
            .withHostName(spec.hostname())
            .withLabels(spec.labels())
            .withEntrypoint(command)
            .withCmd(List.of())
            .withHostConfig(host)
            .withIpv4Address(spec.privateIp())
            .withAliases(spec.dnsNames())
            .withEnv(env);
    if (spec.macAddress() != null) {
      create.withMacAddress(spec.macAddress());
    }
    try {
      String id = create.exec().getId();
      docker.startContainerCmd(id).exec();
      return id;
    } catch (RuntimeException e) {
      // nothing half-made stays: the container (by name: a create that timed out may have made
      // it) and the machine's storage directory
      remove(spec.name());
      throw refused("create and start the container of " + spec.name(), e);
    }
  }

  /**
   * The engine's own fault as it is; a refusal (404, 409, 400) as one, with what was asked: either
   * way the user sees which engine failed at what.
   */
  private EngineException refused(String what, RuntimeException e) {
    if (e instanceof EngineException engineFault) {
      return engineFault;
    }
    return new EngineException(
        "The Docker engine at " + engineAddress() + " refused to " + what + ": " + e.getMessage(),
        false);
  }

  private String engineAddress() {
    int space = engine.indexOf(' ');
    return space < 0 ? engine : engine.substring(0, space);
  }

  @Override
  public void start(String machineId) {
    try {
      docker.startContainerCmd(machineId).exec();
    } catch (NotModifiedException e) {
      LOG.debug("{} was already running", machineId);
    } catch (RuntimeException e) {
      throw refused("start container " + machineId, e);
    }
  }

  @Override
  public void stop(String machineId, Duration grace) {
    try {
      docker.stopContainerCmd(machineId).withTimeout((int) grace.toSeconds()).exec();
    } catch (NotModifiedException e) {
      LOG.debug("{} was already stopped", machineId);
    } catch (RuntimeException e) {
      throw refused("stop container " + machineId, e);
    }
  }

  @Override
  public void reboot(String machineId, Duration grace) {
    try {
      docker.restartContainerCmd(machineId).withTimeout((int) grace.toSeconds()).exec();
    } catch (RuntimeException e) {
      throw refused("restart container " + machineId, e);
    }
  }

  @Override
  public void resize(String machineId, double cpus, long memoryBytes) {
    try {
      docker
          .updateContainerCmd(machineId)
          .withCpuPeriod(100_000L)
          .withCpuQuota(Math.max(1_000L, Math.round(cpus * 100_000)))
          .withMemory(memoryBytes)
          .withMemorySwap(memoryBytes)
          .exec();
    } catch (RuntimeException e) {
      throw refused("update container " + machineId, e);
    }
  }

  /**
   * Removes the container (by id or name) and its storage directory. When the engine does not
   * answer or refuses, the removal is kept and tried again when it answers again (and at {@link
   * #removeAll()}): what the server asked to go goes, even if the engine was away at that moment.
   */
  @Override
  public void remove(String machineId) {
    String name = null;
    try {
      name = docker.inspectContainerCmd(machineId).exec().getName();
      docker.removeContainerCmd(machineId).withForce(true).withRemoveVolumes(true).exec();
      toRemove.remove(machineId);
    } catch (NotFoundException e) {
      LOG.debug("{} was already gone", machineId);
      toRemove.remove(machineId);
      name = machineId; // a launch's roll-back names it; an id matches no storage directory
    } catch (RuntimeException e) {
      toRemove.add(machineId);
      LOG.warn(
          "container {} could not be removed now; it will be when the engine answers again ({})",
          machineId,
          e.getMessage());
      return;
    }
    if (name != null) {
      try {
        storage.forgetMachine(name.replaceFirst("^/", ""));
      } catch (RuntimeException e) {
        LOG.warn("could not release the volume directory of {}: {}", name, e.getMessage());
      }
    }
  }

  /** Removals the engine did not answer before, now that it answers. */
  private void retryRemovals() {
    for (String id : List.copyOf(toRemove)) {
      remove(id);
    }
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
  public boolean isRunning(String machineId) {
    try {
      return Boolean.TRUE.equals(
          docker.inspectContainerCmd(machineId).exec().getState().getRunning());
    } catch (NotFoundException e) {
      return false;
    }
  }

  @Override
  public Optional<MachineStatus> status(String machineId) {
    try {
      var state = docker.inspectContainerCmd(machineId).exec().getState();
      Long code = state.getExitCodeLong();
      return Optional.of(
          new MachineStatus(
              Boolean.TRUE.equals(state.getRunning()), code == null ? 0 : code.intValue()));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public String consoleOutput(String machineId) {
    StringBuilder out = new StringBuilder();
    try {
      docker
          .logContainerCmd(machineId)
          .withStdOut(true)
          .withStdErr(true)
          .withFollowStream(false)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
              })
          .awaitCompletion(10, TimeUnit.SECONDS);
    } catch (NotFoundException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int from = Math.max(0, out.length() - CONSOLE_BYTES);
    return out.substring(from);
  }

  @Override
  public void commit(String machineId, String imageRef, Map<String, String> labels) {
    int colon = imageRef.lastIndexOf(':');
    docker
        .commitCmd(machineId)
        .withRepository(imageRef.substring(0, colon))
        .withTag(imageRef.substring(colon + 1))
        .withLabels(labels)
        .withPause(false)
        .exec();
  }

  @Override
  public void removeImage(String imageRef) {
    try {
      docker.removeImageCmd(imageRef).withForce(true).exec();
    } catch (NotFoundException e) {
      LOG.debug("image {} was already gone", imageRef);
    } catch (ConflictException e) {
      LOG.info("image {} is still in use by a container; left in place", imageRef);
    }
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
                retryRemovals();
                listeners.forEach(MachineExitListener::engineBack);
              }
            });
    events.start();
  }

  @Override
  public void removeAll() {
    retryRemovals();
    Map<String, String> ours = Map.of(Labels.SERVER, serverId);
    for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(ours).exec()) {
      String kind = c.getLabels() == null ? null : c.getLabels().get(Labels.KIND);
      if (!DockerStorage.HELPER_KIND.equals(kind) && !HostNetHelper.KIND.equals(kind)) {
        remove(c.getId());
      }
    }
    // after the instances (nothing holds the volumes), before the networks
    storage.removeAll();
    filter.clear();
    for (Network n : docker.listNetworksCmd().exec()) {
      if (n.getLabels() != null && serverId.equals(n.getLabels().get(Labels.SERVER))) {
        leaveAsSibling(n.getId());
        try {
          docker.removeNetworkCmd(n.getId()).exec();
        } catch (RuntimeException e) {
          LOG.info("network {} is still in use; left in place", n.getName());
        }
      }
    }
    docker.listImagesCmd().withLabelFilter(ours).exec().forEach(i -> removeImage(i.getId()));
  }

  @Override
  public boolean adoptMachine(String machineId, boolean running) {
    try {
      var container = docker.inspectContainerCmd(machineId).exec();
      storage.adoptMachine(
          container.getName().replaceFirst("^/", ""), container.getConfig().getImage());
      return true;
    } catch (NotFoundException e) {
      return false;
    }
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
    if (watchdog != null) {
      watchdog.close();
    }
    if (!keepOnClose) {
      filter.close();
    }
    if (filterAccess.helper() != null) {
      filterAccess.helper().close();
    }
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
