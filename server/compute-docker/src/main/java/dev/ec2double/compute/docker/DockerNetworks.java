package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.ec2double.compute.Labels;
import dev.ec2double.compute.NetworkConflictException;
import dev.ec2double.compute.NetworkSpec;
import dev.ec2double.compute.PacketPolicy;
import dev.ec2double.compute.SubnetAcl;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VPCs as bridge networks of the engine, and what may cross them: the security groups and the
 * metadata address in the host's packet filter ({@link HostPacketFilter}), which names each
 * network's Linux bridge.
 */
final class DockerNetworks {
  private static final Logger LOG = LoggerFactory.getLogger(DockerNetworks.class);
  private static final String BRIDGE_OPTION = "com.docker.network.bridge.name";

  private final DockerClient docker;
  private final String serverId;
  private final Map<String, String> bridges = new ConcurrentHashMap<>();
  private final HostPacketFilter filter;
  private final String filterProblem;
  private final PacketFilterAccess filterAccess;
  private final ServiceRoutes routes;
  private final Map<String, String> cidrs = new ConcurrentHashMap<>();
  private final Layer4Routes layer4;

  /**
   * @param dockerHost the engine's address: the packet filter is the host's only when it is local
   */
  DockerNetworks(DockerClient docker, String serverId, String dockerHost) {
    this.docker = docker;
    this.serverId = serverId;
    this.filterAccess = PacketFilterAccess.choose(docker, serverId, dockerHost);
    this.filter = new HostPacketFilter(serverId, filterAccess.iptables(), this::bridgeOf);
    this.filterProblem = filterAccess.filterProblem();
    this.routes =
        new ServiceRoutes(
            HostPacketFilter.chainOf(serverId), filterAccess.iptables(), this::bridgeOf);
    this.layer4 =
        new Layer4Routes(
            HostPacketFilter.chainOf(serverId), filterAccess.iptables(), this::bridgeOfAddress);
  }

  /** The bridge of the network of this server whose CIDR holds an address, or null. */
  private String bridgeOfAddress(String address) {
    for (var e : cidrs.entrySet()) {
      if (address.indexOf(':') < 0 && ServiceRoutes.contains(e.getValue(), address)) {
        return bridgeOf(e.getKey());
      }
    }
    return null;
  }

  /**
   * The network load balancers' ports (see {@link Layer4Routes}); false where the host's packet
   * filter cannot be written by this process (its helper container cannot set {@code
   * route_localnet}).
   */
  boolean forwardLayer4(java.util.List<dev.ec2double.compute.Layer4Forward> forwards) {
    if (!filterAccess.usable() || filterAccess.helper() != null) {
      return false;
    }
    layer4.apply(forwards);
    return true;
  }

  boolean cutLayer4Flows(
      dev.ec2double.compute.Layer4Forward forward, dev.ec2double.compute.Layer4Forward.Target to) {
    if (!filterAccess.usable() || filterAccess.helper() != null) {
      return false;
    }
    return layer4.cut(forward, to);
  }

  /** Removes the packet filter chains of servers that are gone (they could not themselves). */
  void reapOrphanChains() {
    // through the image's helper, this happens when the helper starts
    if (filterAccess.usable() && filterAccess.helper() == null) {
      int chains =
          HostPacketFilter.reapOrphanChains(
              filterAccess.iptables(), Reaper.liveServers(docker, serverId));
      if (chains > 0) {
        LOG.info("removed the packet filter chains of {} servers that are gone", chains);
      }
    }
  }

  synchronized void ensure(NetworkSpec spec) {
    if (!exists(spec.name())) {
      create(spec);
    }
    Network n = docker.inspectNetworkCmd().withNetworkId(spec.name()).exec();
    String bridge = n.getOptions() == null ? null : n.getOptions().get(BRIDGE_OPTION);
    bridges.put(spec.name(), bridge != null ? bridge : "br-" + n.getId().substring(0, 12));
    cidrs.put(spec.name(), spec.cidr());
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

  Set<String> addressesInUse(String network) {
    try {
      Network n = docker.inspectNetworkCmd().withNetworkId(network).exec();
      Set<String> out = new HashSet<>();
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
      if (exists(spec.name())) {
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
        removeQuietly(n.getId());
        filter.forgetNetwork(n.getName());
        routes.forgetNetwork(n.getName());
      }
      createNetwork(spec);
    }
  }

  private boolean exists(String name) {
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

  void remove(String name) {
    filter.forgetNetwork(name);
    routes.forgetNetwork(name);
    cidrs.remove(name);
    bridges.remove(name);
    for (Network n : docker.listNetworksCmd().withNameFilter(name).exec()) {
      leaveAsSibling(n.getId());
      // a network another server's (or a stopped) container still uses stays
      if (n.getName().equals(name) && EngineNetworks.isIdleEc2DoubleNetwork(docker, n)) {
        removeQuietly(n.getId());
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

  private void removeQuietly(String id) {
    leaveAsSibling(id);
    try {
      docker.removeNetworkCmd(id).exec();
    } catch (NotFoundException e) {
      LOG.debug("network {} was already gone", id);
    } catch (RuntimeException e) {
      LOG.info("network {} could not be removed: {}", id, e.getMessage());
    }
  }

  String packetFilterProblem() {
    return filterProblem;
  }

  /** Instance addresses: the metadata route and refusal for all, their filter when enforced. */
  void applyPacketPolicies(String scope, List<PacketPolicy> policies, boolean enforce) {
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

  /** The network ACLs of a scope's subnets, enforced when asked and the filter can. */
  void applyNetworkAcls(String scope, List<SubnetAcl> acls, boolean enforce) {
    if (filterAccess.usable()) {
      try {
        filter.applyAcls(scope, acls, enforce && filterProblem == null);
      } catch (IllegalStateException e) {
        if (filterAccess.helper() == null) {
          throw e;
        }
        LOG.warn("the network helper could not write the network ACLs: {}", e.getMessage());
      }
    }
  }

  /** The links between networks of a scope (VPC peering), routed where the filter can be. */
  void applyNetworkLinks(String scope, List<dev.ec2double.compute.NetworkLink> links) {
    if (!filterAccess.usable()) {
      if (!links.isEmpty()) {
        LOG.info("VPC peering is not routed: the packet filter cannot be written here");
      }
      return;
    }
    try {
      filter.applyLinks(scope, links);
    } catch (IllegalStateException e) {
      if (filterAccess.helper() == null) {
        throw e;
      }
      LOG.warn("the network helper could not write the peering routes: {}", e.getMessage());
    }
  }

  boolean routeMetadataService(String network, String address, int port) {
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
   * A service of the server at a virtual address of a network (see {@link ServiceRoutes}); false
   * where the packet filter cannot be written, or the address lies in the network's own CIDR.
   */
  boolean routeService(ServiceRoutes.Route route, String address, int port) {
    String cidr = cidrs.get(route.network());
    if (!filterAccess.usable()
        || cidr == null
        || ServiceRoutes.contains(cidr, route.virtualAddress())) {
      return false;
    }
    try {
      routes.put(route, address, port);
      return filterAccess.usable();
    } catch (IllegalStateException e) {
      if (filterAccess.helper() == null) {
        throw e;
      }
      LOG.warn("the network helper could not route {}: {}", route, e.getMessage());
      return false;
    }
  }

  void unrouteService(ServiceRoutes.Route route) {
    if (filterAccess.usable()) {
      try {
        routes.remove(route);
      } catch (IllegalStateException e) {
        LOG.warn("could not remove the route of {}: {}", route, e.getMessage());
      }
    }
  }

  /**
   * The gateway, where the server runs on the engine's host; the server's own address on the
   * network where it runs in a container of the engine (it joined the network).
   */
  String localAddress(String network, String gateway) {
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

  /** Removes this server's rules and the networks it made that nothing uses any more. */
  void removeAll() {
    filter.clear();
    routes.clear();
    if (filterAccess.usable() && filterAccess.helper() == null) {
      layer4.apply(java.util.List.of());
    }
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
    Reaper.reapNetworks(docker);
  }

  /** Removes this server's packet filter rules, unless they are kept for the next server. */
  void close(boolean keepRules) {
    if (!keepRules) {
      routes.close();
      if (filterAccess.usable()) {
        layer4.close();
      }
      filter.close();
    }
    if (filterAccess.helper() != null) {
      filterAccess.helper().close();
    }
  }
}
