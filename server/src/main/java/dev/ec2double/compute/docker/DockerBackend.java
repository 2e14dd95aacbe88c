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
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.ImageInfo;
import dev.ec2double.compute.MachineExitListener;
import dev.ec2double.compute.MachineSpec;
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
  private final String engine;
  private final String serverId;
  private final List<MachineExitListener> listeners = new CopyOnWriteArrayList<>();
  private final DockerStorage storage;
  private final HostPacketFilter filter;
  private final Map<String, String> bridges = new java.util.concurrent.ConcurrentHashMap<>();
  private final String filterProblem;
  private Closeable events;
  private Watchdog watchdog;
  private volatile boolean keepOnClose;

  private DockerBackend(DockerClient docker, String engine, String serverId, String dockerHost) {
    this.docker = docker;
    this.engine = engine;
    this.serverId = serverId;
    this.storage = new DockerStorage(docker, serverId);
    this.filter = new HostPacketFilter(serverId, this::bridgeOf);
    this.filterProblem = HostPacketFilter.problem(dockerHost);
  }

  /** Connects and pings the engine; throws when none answers. */
  public static DockerBackend connect(Duration timeout, String serverId) {
    return connect(timeout, serverId, false);
  }

  /**
   * @param watched start a watchdog process that removes this server's objects if it dies
   */
  public static DockerBackend connect(Duration timeout, String serverId, boolean watched) {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    ZerodepDockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .connectionTimeout(timeout)
            .responseTimeout(Duration.ofMinutes(5))
            .maxConnections(64)
            .build();
    DockerClient client = DockerClientImpl.getInstance(config, http);
    try {
      client.pingCmd().exec();
      String version = client.versionCmd().exec().getVersion();
      DockerBackend backend =
          new DockerBackend(
              client,
              config.getDockerHost() + " (engine " + version + ")",
              serverId,
              String.valueOf(config.getDockerHost()));
      backend.watchExits();
      Reaper.reap(client);
      if (backend.filterProblem == null) {
        int chains = HostPacketFilter.reapOrphanChains(Reaper.liveServers(client, serverId));
        if (chains > 0) {
          LOG.info("removed the packet filter chains of {} servers that are gone", chains);
        }
      }
      if (watched) {
        backend.watchdog = Watchdog.start(serverId);
      }
      return backend;
    } catch (RuntimeException e) {
      closeQuietly(client);
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
    if (filterProblem == null) {
      filter.apply(scope, policies, enforce);
    }
  }

  @Override
  public boolean routeMetadataService(String network, String address, int port) {
    if (filterProblem != null) {
      return false;
    }
    filter.routeMetadata(network, address, port);
    return true;
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
    String id = create.exec().getId();
    try {
      docker.startContainerCmd(id).exec();
      return id;
    } catch (RuntimeException e) {
      remove(id);
      throw e;
    }
  }

  @Override
  public void start(String machineId) {
    try {
      docker.startContainerCmd(machineId).exec();
    } catch (NotModifiedException e) {
      LOG.debug("{} was already running", machineId);
    }
  }

  @Override
  public void stop(String machineId, Duration grace) {
    try {
      docker.stopContainerCmd(machineId).withTimeout((int) grace.toSeconds()).exec();
    } catch (NotModifiedException e) {
      LOG.debug("{} was already stopped", machineId);
    }
  }

  @Override
  public void reboot(String machineId, Duration grace) {
    docker.restartContainerCmd(machineId).withTimeout((int) grace.toSeconds()).exec();
  }

  @Override
  public void resize(String machineId, double cpus, long memoryBytes) {
    docker
        .updateContainerCmd(machineId)
        .withCpuPeriod(100_000L)
        .withCpuQuota(Math.max(1_000L, Math.round(cpus * 100_000)))
        .withMemory(memoryBytes)
        .withMemorySwap(memoryBytes)
        .exec();
  }

  @Override
  public void remove(String machineId) {
    String name = null;
    try {
      name = docker.inspectContainerCmd(machineId).exec().getName();
      docker.removeContainerCmd(machineId).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      LOG.debug("{} was already gone", machineId);
    }
    if (name != null) {
      try {
        storage.forgetMachine(name.replaceFirst("^/", ""));
      } catch (RuntimeException e) {
        LOG.warn("could not release the volume directory of {}: {}", name, e.getMessage());
      }
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

  private void watchExits() {
    events =
        docker
            .eventsCmd()
            .withEventTypeFilter(EventType.CONTAINER)
            .withEventFilter("die")
            .withLabelFilter(Map.of(Labels.SERVER, serverId))
            .exec(
                new ResultCallback.Adapter<Event>() {
                  @Override
                  public void onNext(Event event) {
                    int code = -1;
                    if (event.getActor() != null && event.getActor().getAttributes() != null) {
                      String c = event.getActor().getAttributes().get("exitCode");
                      code = c == null ? -1 : Integer.parseInt(c);
                    }
                    for (MachineExitListener l : listeners) {
                      l.exited(event.getId(), code);
                    }
                  }
                });
  }

  @Override
  public void removeAll() {
    Map<String, String> ours = Map.of(Labels.SERVER, serverId);
    for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(ours).exec()) {
      if (c.getLabels() == null
          || !DockerStorage.HELPER_KIND.equals(c.getLabels().get(Labels.KIND))) {
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
    closeQuietly(events);
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
