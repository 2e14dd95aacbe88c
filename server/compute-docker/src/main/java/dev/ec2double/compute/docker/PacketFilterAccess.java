package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this server reaches the engine host's packet filter: its own {@code iptables} (root on the
 * engine's host), else, when it runs in a container of the engine (the standalone image), a {@link
 * HostNetHelper} from its own image, started when first needed; else not at all.
 *
 * @param iptables where the rules are written; null when nowhere
 * @param helper the helper's shell (to close), or null when the server writes the rules itself
 * @param filterProblem null when security groups can be enforced, else why not
 */
record PacketFilterAccess(Iptables iptables, HelperShell helper, String filterProblem) {
  private static final Logger LOG = LoggerFactory.getLogger(PacketFilterAccess.class);

  /** Whether the metadata address can be routed (or at least refused) on the host. */
  boolean usable() {
    return iptables != null && (helper == null || !helper.failed());
  }

  static PacketFilterAccess choose(DockerClient docker, String serverId, String dockerHost) {
    String problem = HostPacketFilter.problem(dockerHost);
    if (problem == null) {
      return new PacketFilterAccess(Iptables.LOCAL, null, null);
    }
    String self = SelfContainer.id(docker);
    String image = self == null ? null : docker.inspectContainerCmd(self).exec().getImageId();
    if (image == null) {
      LOG.warn(
          "instances can reach 169.254.169.254 through the engine's NAT (on an EC2 host: its own"
              + " metadata service), as {}; see docs/security.md",
          problem);
      return new PacketFilterAccess(null, null, problem);
    }
    Iptables[] viaHelper = new Iptables[1];
    HelperShell shell =
        new HelperShell(
            docker,
            serverId,
            image,
            () -> {
              int chains =
                  HostPacketFilter.reapOrphanChains(
                      viaHelper[0], Reaper.liveServers(docker, serverId));
              if (chains > 0) {
                LOG.info("removed the packet filter chains of {} servers that are gone", chains);
              }
            });
    viaHelper[0] = new Iptables(shell, "in the network helper container");
    // security groups stay off: the server's own traffic to its instances (health checks, the
    // load balancers) crosses the bridge like an instance's, unlike a host's
    return new PacketFilterAccess(
        viaHelper[0], shell, "the server runs in a container: security groups are not enforced");
  }
}
