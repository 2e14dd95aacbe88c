package dev.ec2double.compute;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The one boundary between the EC2 services and the world that runs instances. The docker backend
 * makes containers, networks and volumes; the mock backend keeps the same state machine with
 * nothing behind it. Nothing here assumes the engine is local: a machine is named by an opaque id
 * and reached by its address on its network, so a cluster backend (pods, namespaces, volume claims)
 * is another implementation, not a rewrite.
 */
public interface ComputeBackend extends AutoCloseable {
  /** {@code docker} or {@code mock}, as the configuration names it. */
  String name();

  /** A line for the startup banner: what this backend talks to. */
  String describe();

  /** Facts about an image reference, or empty when the engine does not have it. */
  Optional<ImageInfo> inspectImage(String imageRef);

  /**
   * Makes sure the network exists (idempotent).
   *
   * @throws NetworkConflictException when the engine cannot have it (an overlapping network)
   */
  void ensureNetwork(NetworkSpec network);

  /** Removes a network this server made; missing networks are not an error. */
  void removeNetwork(String name);

  /**
   * Null when this backend can filter each machine's traffic ({@link #applyPacketPolicies}), else
   * why it cannot (for the log line that says security groups are not enforced).
   */
  String packetFilterProblem();

  /**
   * Replaces the machine addresses of one scope (an account and region): the metadata service is
   * routed for each; their traffic is filtered by their policies when {@code filter} is true.
   */
  void applyPacketPolicies(String scope, java.util.List<PacketPolicy> policies, boolean filter);

  /**
   * Replaces the network ACLs of one scope (an account and region): the subnets' traffic is
   * filtered by them when {@code filter} is true. Called when ACLs, their entries or the subnets
   * they are associated with change, never per machine.
   */
  default void applyNetworkAcls(String scope, java.util.List<SubnetAcl> acls, boolean filter) {}

  /**
   * Replaces the links between networks of one scope (an account and region): the host forwards
   * each link's traffic between its two networks, keeping the addresses (VPC peering). Called when
   * peerings, route tables or subnets change, never per machine. A backend that cannot route
   * between networks ignores it.
   */
  default void applyNetworkLinks(String scope, java.util.List<NetworkLink> links) {}

  /** The addresses machines use on a network now, whoever made them (a shared engine). */
  java.util.Set<String> addressesInUse(String network);

  /**
   * Makes {@code http://169.254.169.254/} inside the machines on a network reach {@code
   * address:port}; false when the backend cannot (machines then use the address directly).
   */
  boolean routeMetadataService(String network, String address, int port);

  /**
   * Makes {@code protocol} ({@code tcp} or {@code udp}) traffic from the machines of a network to
   * {@code virtualAddress:port}, an address outside the network's CIDR, reach a service of this
   * server at {@code address:targetPort} (a load balancer's listener, the name server), replacing
   * any earlier route of that address and port. False when the backend cannot.
   */
  default boolean routeService(
      String network,
      String virtualAddress,
      String protocol,
      int port,
      String address,
      int targetPort) {
    return false;
  }

  /** Removes a route of {@link #routeService}; a missing one is not an error. */
  default void unrouteService(String network, String virtualAddress, String protocol, int port) {}

  /**
   * Forwards network load balancers' ports in the host's kernel (address translation with
   * connection tracking), replacing every forward set before: flows already open keep their target.
   * An empty list removes them all. False when the backend cannot forward (no packet filter).
   */
  default boolean forwardLayer4(java.util.List<Layer4Forward> forwards) {
    return false;
  }

  /**
   * Cuts the open flows of a forward ({@link #forwardLayer4}) that went to one target: the kernel
   * forgets them (their connection tracking entries go), so that their next packets no longer reach
   * that target. False when the backend cannot (no packet filter, no {@code conntrack} tool).
   */
  default boolean cutLayer4Flows(Layer4Forward forward, Layer4Forward.Target target) {
    return false;
  }

  /**
   * The name server that machines launched on the network from now on ask for names the engine
   * itself does not know (an address routed by {@link #routeService}); null for the engine's own
   * choice.
   */
  default void useNameServer(String network, String address) {}

  /**
   * The address this server can listen on for the machines of a network (its metadata service): by
   * default the network's gateway, the engine host's side of the bridge.
   */
  default String localAddress(String network, String gateway) {
    return gateway;
  }

  /** Creates and boots a machine; returns its opaque id once it runs. */
  String launch(MachineSpec spec);

  /** Boots a stopped machine again, with its disk and address as they were. */
  void start(String machineId);

  /**
   * Boots a stopped machine again after placing {@code files} in it (by absolute path, as {@link
   * MachineSpec#files()}), so that its boot sees them: the DHCP options of its VPC now.
   */
  default void start(String machineId, Map<String, MachineSpec.BootFile> files) {
    start(machineId);
  }

  /**
   * Replaces the names other machines on its network resolve to a stopped machine ({@link
   * MachineSpec#dnsNames()}); its address stays {@code address}. A backend without names ignores
   * it.
   */
  default void renameOnNetwork(
      String machineId, String network, String address, java.util.List<String> dnsNames) {}

  /** Stops the machine's processes (SIGTERM, then kill after {@code grace}); its disk stays. */
  void stop(String machineId, Duration grace);

  /**
   * Freezes a running machine's processes with their memory (hibernation): they get no CPU time and
   * no signal, and hold their memory, open files and sockets until {@link #unpause}. The machine
   * keeps its disk and address; {@link #status} says it is paused, not running. {@link #remove}
   * removes a paused machine as any other.
   */
  void pause(String machineId);

  /** Lets a paused machine's processes run again, where they were. */
  void unpause(String machineId);

  /** Restarts the machine's processes; the machine keeps running. */
  void reboot(String machineId, Duration grace);

  /** Changes the machine's CPU and memory limits (a stopped instance's new type). */
  void resize(String machineId, double cpus, long memoryBytes);

  /** Destroys the machine and its disk. Missing machines are not an error. */
  void remove(String machineId);

  /** Whether the machine's processes run now. */
  boolean isRunning(String machineId);

  /**
   * What the machine does now, or empty when it no longer exists.
   *
   * @throws EngineException when the engine cannot tell now
   */
  default Optional<MachineStatus> status(String machineId) {
    return Optional.of(new MachineStatus(isRunning(machineId), 0));
  }

  /**
   * The CPU time the machine's processes have used so far and the CPUs it may use, from the
   * engine's statistics; empty when the backend does not measure it or the machine is not running.
   * May take the engine a second to answer: callers sample on a thread of their own.
   */
  default Optional<CpuUsage> cpuUsage(String machineId) {
    return Optional.empty();
  }

  /** Cumulative CPU time in nanoseconds, and the machine's CPU limit. */
  record CpuUsage(long nanos, double cpus) {}

  /** What the machine printed to its console, oldest first. */
  String consoleOutput(String machineId);

  /**
   * Appends a line to a running machine's console output, as its own processes would print it (the
   * mock backend has no console and ignores it).
   */
  default void writeConsole(String machineId, String line) {}

  /**
   * Replaces a running machine's disk with a fresh one from {@code imageRef} (EC2's root volume
   * replacement): its processes stop (SIGTERM, then kill after {@code grace}) and boot again from
   * the new disk, with the same name, address, names on its network, limits, boot files and
   * attached storage. Returns the machine's id from then on (a backend may have to make a new
   * machine to do it); the old id is gone, without an exit or removal reported for it.
   */
  default String replaceDisk(String machineId, String imageRef, Duration grace) {
    return machineId;
  }

  /** Saves the machine's disk as a new image with the given reference. */
  void commit(String machineId, String imageRef, Map<String, String> labels);

  /** Removes an image this server made. */
  void removeImage(String imageRef);

  /**
   * Creates a store of files for a volume or a snapshot, empty or as a copy of {@code copyOf}'s
   * files as they are now (null for empty). The name is unique on the engine; labels as for
   * machines. Storage outlives machines.
   */
  void createStorage(String name, String copyOf, Map<String, String> labels);

  /** Deletes a store and its files. Missing stores are not an error. */
  void deleteStorage(String name);

  /**
   * Makes a store's files appear inside the machine named {@code machineName} at {@link
   * VolumePaths#mountPoint(String)} of the device. A running machine sees it at once, without a
   * restart; a machine not yet launched sees it from its first boot.
   */
  void attachStorage(String machineName, String name, String device);

  /**
   * Takes a store away from the machine. {@code force} detaches even while processes inside use it
   * (they keep what they have open).
   */
  void detachStorage(String machineName, String name, String device, boolean force);

  /**
   * Called when a machine stops or goes without the server asking (its main process exited, it was
   * killed or removed), and when the engine answers again after it did not.
   */
  void onMachineExit(MachineExitListener listener);

  /** Removes everything this server made on the engine. */
  void removeAll();

  /**
   * After a restart with saved state ({@code --state-dir}): makes a machine the state names this
   * server's again (exit events, storage attach and detach). False when the machine is gone.
   *
   * @param running what the state last knew; the mock backend, which keeps nothing, goes by it
   */
  boolean adoptMachine(String machineId, boolean running);

  /** After a restart with saved state: a store the state names, whose files may be there. */
  void adoptStorage(String name);

  /**
   * The state is saved ({@code --state-dir}): {@link #close()} leaves what runs in place (machines,
   * packet filter rules) for the next server with that state to adopt.
   */
  void keepOnClose();

  @Override
  void close();
}
