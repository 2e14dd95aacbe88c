package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import dev.ec2double.compute.EngineException;
import dev.ec2double.compute.ImageInfo;
import dev.ec2double.compute.Labels;
import dev.ec2double.compute.MachineSpec;
import dev.ec2double.compute.MachineStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Machines as containers, and their images. PID 1 of each container is the engine's init ({@code
 * --init}), so a stop is a SIGTERM the instance's processes really get, not a 10 s wait. A
 * machine's volumes directory comes from {@link DockerStorage}.
 */
final class DockerMachines {
  private static final Logger LOG = LoggerFactory.getLogger(DockerMachines.class);
  private static final int CONSOLE_BYTES = 64 * 1024;

  private final DockerClient docker;
  private final String engineAddress;
  private final DockerStorage storage;

  /** Machines to remove once the engine answers again (a removal it did not answer). */
  private final Set<String> toRemove = ConcurrentHashMap.newKeySet();

  /**
   * @param engineAddress the engine as failures name it
   */
  DockerMachines(DockerClient docker, String engineAddress, DockerStorage storage) {
    this.docker = docker;
    this.engineAddress = engineAddress;
    this.storage = storage;
  }

  Optional<ImageInfo> inspectImage(String imageRef) {
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

  /** The name server of each network's new machines, where the server routes one. */
  private final Map<String, String> nameServers = new ConcurrentHashMap<>();

  void useNameServer(String network, String address) {
    if (address == null) {
      nameServers.remove(network);
    } else {
      nameServers.put(network, address);
    }
  }

  String launch(MachineSpec spec) {
    // the boot files travel in the environment, unpacked by the first command: no copy round trip
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", BootFiles.unpackCommand()));
    command.add("ec2-double-boot");
    command.addAll(bootCommand(spec.image()));
    List<String> env = new ArrayList<>(BootFiles.fileVariables(spec.files()));
    spec.env().forEach((k, v) -> env.add(k + "=" + v));
    HostConfig host =
        HostConfig.newHostConfig()
            .withInit(true)
            .withNetworkMode(spec.network())
            .withCpuPeriod(100_000L)
            .withCpuQuota(Math.max(1_000L, Math.round(spec.cpus() * 100_000)))
            .withMemory(spec.memoryBytes())
            .withMemorySwap(spec.memoryBytes());
    String nameServer = nameServers.get(spec.network());
    if (nameServer != null) {
      // the engine's own resolver in the machine asks it what it does not know itself
      host.withDns(nameServer);
    }
    Bind volumes = storage.prepareMachine(spec.name(), spec.image());
    if (volumes != null) {
      host.withBinds(volumes);
    }
    CreateContainerCmd create =
        docker
            .createContainerCmd(spec.image())
            .withName(spec.name())
            .withHostName(hostPart(spec.hostname()))
            .withLabels(spec.labels())
            .withEntrypoint(command)
            .withCmd(List.of())
            .withHostConfig(host)
            .withIpv4Address(spec.privateIp())
            .withAliases(spec.dnsNames())
            .withEnv(env);
    if (domainPart(spec.hostname()) != null) {
      create.withDomainName(domainPart(spec.hostname()));
    }
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
        "The Docker engine at " + engineAddress + " refused to " + what + ": " + e.getMessage(),
        false);
  }

  /** The first label of a machine's name: its hostname. */
  static String hostPart(String fqdn) {
    int dot = fqdn.indexOf('.');
    return dot < 0 ? fqdn : fqdn.substring(0, dot);
  }

  /** The rest of a machine's name: its domain ({@code hostname -f}, {@code dnsdomainname}). */
  static String domainPart(String fqdn) {
    int dot = fqdn.indexOf('.');
    return dot < 0 ? null : fqdn.substring(dot + 1);
  }

  /**
   * Starts a stopped machine after copying files into it: the engine takes files into a stopped
   * container (one tar, one call), so its boot already sees them.
   */
  void start(String machineId, Map<String, MachineSpec.BootFile> files) {
    if (!files.isEmpty()) {
      try {
        docker
            .copyArchiveToContainerCmd(machineId)
            .withRemotePath("/")
            .withTarInputStream(new java.io.ByteArrayInputStream(BootFiles.tar(files)))
            .exec();
      } catch (RuntimeException e) {
        throw refused("copy files into container " + machineId, e);
      }
    }
    start(machineId);
  }

  /**
   * New aliases for a stopped container on its network: the engine takes aliases only when a
   * container joins a network, so it leaves and joins again with the same address.
   */
  void renameOnNetwork(String machineId, String network, String address, List<String> names) {
    try {
      docker
          .disconnectFromNetworkCmd()
          .withContainerId(machineId)
          .withNetworkId(network)
          .withForce(true)
          .exec();
      docker
          .connectToNetworkCmd()
          .withContainerId(machineId)
          .withNetworkId(network)
          .withContainerNetwork(
              new com.github.dockerjava.api.model.ContainerNetwork()
                  .withAliases(names)
                  .withIpamConfig(
                      new com.github.dockerjava.api.model.ContainerNetwork.Ipam()
                          .withIpv4Address(address)))
          .exec();
    } catch (RuntimeException e) {
      throw refused("give container " + machineId + " new names on " + network, e);
    }
  }

  void start(String machineId) {
    try {
      docker.startContainerCmd(machineId).exec();
    } catch (NotModifiedException e) {
      LOG.debug("{} was already running", machineId);
    } catch (RuntimeException e) {
      throw refused("start container " + machineId, e);
    }
  }

  void stop(String machineId, Duration grace) {
    try {
      docker.stopContainerCmd(machineId).withTimeout((int) grace.toSeconds()).exec();
    } catch (NotModifiedException e) {
      LOG.debug("{} was already stopped", machineId);
    } catch (RuntimeException e) {
      throw refused("stop container " + machineId, e);
    }
  }

  /** docker pause: the cgroup freezer holds every process with its memory. */
  void pause(String machineId) {
    try {
      docker.pauseContainerCmd(machineId).exec();
    } catch (RuntimeException e) {
      throw refused("pause container " + machineId, e);
    }
  }

  /**
   * docker unpause; a container that is not paused (an engine restarted under it, which cannot keep
   * a frozen container's processes) is started instead, as a hibernated instance whose memory was
   * lost boots afresh.
   */
  void unpause(String machineId) {
    try {
      var state = docker.inspectContainerCmd(machineId).exec().getState();
      if (Boolean.TRUE.equals(state.getPaused())) {
        docker.unpauseContainerCmd(machineId).exec();
      } else if (!Boolean.TRUE.equals(state.getRunning())) {
        start(machineId);
      }
    } catch (EngineException e) {
      throw e;
    } catch (RuntimeException e) {
      throw refused("unpause container " + machineId, e);
    }
  }

  void reboot(String machineId, Duration grace) {
    try {
      docker.restartContainerCmd(machineId).withTimeout((int) grace.toSeconds()).exec();
    } catch (RuntimeException e) {
      throw refused("restart container " + machineId, e);
    }
  }

  void resize(String machineId, double cpus, long memoryBytes) {
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
   * #removeAll}): what the server asked to go goes, even if the engine was away at that moment.
   */
  void remove(String machineId) {
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
  void retryRemovals() {
    for (String id : List.copyOf(toRemove)) {
      remove(id);
    }
  }

  boolean isRunning(String machineId) {
    try {
      var state = docker.inspectContainerCmd(machineId).exec().getState();
      return Boolean.TRUE.equals(state.getRunning()) && !Boolean.TRUE.equals(state.getPaused());
    } catch (NotFoundException e) {
      return false;
    }
  }

  Optional<MachineStatus> status(String machineId) {
    try {
      var state = docker.inspectContainerCmd(machineId).exec().getState();
      Long code = state.getExitCodeLong();
      boolean paused = Boolean.TRUE.equals(state.getPaused());
      return Optional.of(
          new MachineStatus(
              Boolean.TRUE.equals(state.getRunning()) && !paused,
              code == null ? 0 : code.intValue(),
              paused));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** One reading of the engine's statistics: the total CPU time, and the quota as CPUs. */
  Optional<dev.ec2double.compute.ComputeBackend.CpuUsage> cpuUsage(String machineId) {
    java.util.concurrent.atomic.AtomicReference<com.github.dockerjava.api.model.Statistics> got =
        new java.util.concurrent.atomic.AtomicReference<>();
    try {
      docker
          .statsCmd(machineId)
          .withNoStream(true)
          .exec(
              new ResultCallback.Adapter<com.github.dockerjava.api.model.Statistics>() {
                @Override
                public void onNext(com.github.dockerjava.api.model.Statistics s) {
                  got.compareAndSet(null, s);
                }
              })
          .awaitCompletion(10, TimeUnit.SECONDS);
      com.github.dockerjava.api.model.Statistics s = got.get();
      if (s == null
          || s.getCpuStats() == null
          || s.getCpuStats().getCpuUsage() == null
          || s.getCpuStats().getCpuUsage().getTotalUsage() == null
          || s.getCpuStats().getCpuUsage().getTotalUsage() == 0) {
        return Optional.empty(); // not running
      }
      HostConfig host = docker.inspectContainerCmd(machineId).exec().getHostConfig();
      double cpus =
          host != null && host.getCpuQuota() != null && host.getCpuQuota() > 0
              ? host.getCpuQuota() / (double) host.getCpuPeriod()
              : Runtime.getRuntime().availableProcessors();
      return Optional.of(
          new dev.ec2double.compute.ComputeBackend.CpuUsage(
              s.getCpuStats().getCpuUsage().getTotalUsage(), cpus));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  String consoleOutput(String machineId) {
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

  /**
   * Appends a line to a running machine's console: written by a process in it to the standard
   * output of its first process, which is what the engine logs (SendDiagnosticInterrupt).
   */
  void writeConsole(String machineId, String line) {
    ContainerExec.run(
        docker,
        java.time.Duration.ofSeconds(10),
        machineId,
        "/bin/sh",
        "-c",
        "printf '%s\\n' \"$1\" > /proc/1/fd/1",
        "sh",
        line);
  }

  /** The machine's disk replaced by a fresh one from the image: {@link DiskReplacement}. */
  String replaceDisk(String machineId, String imageRef, Duration grace) {
    try {
      return new DiskReplacement(docker, this::bootCommand)
          .replace(machineId, imageRef, (int) grace.toSeconds());
    } catch (RuntimeException e) {
      throw refused("replace the disk of container " + machineId + " from " + imageRef, e);
    }
  }

  void commit(String machineId, String imageRef, Map<String, String> labels) {
    int colon = imageRef.lastIndexOf(':');
    docker
        .commitCmd(machineId)
        .withRepository(imageRef.substring(0, colon))
        .withTag(imageRef.substring(colon + 1))
        .withLabels(labels)
        .withPause(false)
        .exec();
  }

  void removeImage(String imageRef) {
    try {
      docker.removeImageCmd(imageRef).withForce(true).exec();
    } catch (NotFoundException e) {
      LOG.debug("image {} was already gone", imageRef);
    } catch (ConflictException e) {
      LOG.info("image {} is still in use by a container; left in place", imageRef);
    }
  }

  /** Makes a machine this server's again after a restart; false when it is gone. */
  boolean adopt(String machineId) {
    try {
      var container = docker.inspectContainerCmd(machineId).exec();
      storage.adoptMachine(
          container.getName().replaceFirst("^/", ""), container.getConfig().getImage());
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /**
   * Removes the containers the server made (not the storage and network helpers: storage and the
   * packet filter go after them).
   */
  void removeAll(String serverId) {
    retryRemovals();
    for (Container c :
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(Labels.SERVER, serverId))
            .exec()) {
      String kind = c.getLabels() == null ? null : c.getLabels().get(Labels.KIND);
      if (!DockerStorage.HELPER_KIND.equals(kind) && !HostNetHelper.KIND.equals(kind)) {
        remove(c.getId());
      }
    }
  }

  /** Removes the images the server made (CreateImage), after the machines that ran them. */
  void removeImages(String serverId) {
    docker
        .listImagesCmd()
        .withLabelFilter(Map.of(Labels.SERVER, serverId))
        .exec()
        .forEach(i -> removeImage(i.getId()));
  }
}
