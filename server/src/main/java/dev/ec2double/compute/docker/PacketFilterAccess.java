package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this server reaches the engine host's packet filter: its own {@code iptables} (root on the
 * engine's host), else, when it runs in a container of the engine (the standalone image), a {@link
 * HostNetHelper} from its own image; else not at all.
 *
 * @param iptables where the rules are written; null when nowhere
 * @param helper the helper container to remove at close, or null
 * @param filterProblem null when security groups can be enforced, else why not
 */
record PacketFilterAccess(Iptables iptables, HostNetHelper helper, String filterProblem) {
  private static final Logger LOG = LoggerFactory.getLogger(PacketFilterAccess.class);

  /** Whether the metadata address can be routed (or at least refused) on the host. */
  boolean usable() {
    return iptables != null;
  }

  static PacketFilterAccess choose(DockerClient docker, String serverId, String dockerHost) {
    String problem = HostPacketFilter.problem(dockerHost);
    if (problem == null) {
      return new PacketFilterAccess(Iptables.LOCAL, null, null);
    }
    String self = SelfContainer.id(docker);
    if (self == null) {
      LOG.warn(
          "instances can reach 169.254.169.254 through the engine's NAT (on an EC2 host: its own"
              + " metadata service), as {}; see docs/security.md",
          problem);
      return new PacketFilterAccess(null, null, problem);
    }
    HostNetHelper helper = null;
    try {
      String image = docker.inspectContainerCmd(self).exec().getImageId();
      helper = HostNetHelper.start(docker, serverId, image);
      Iptables viaHelper = new Iptables(helper, "in the network helper container");
      String helped = HostPacketFilter.problem(viaHelper);
      if (helped != null) {
        throw new IllegalStateException(helped);
      }
      // security groups stay off: the server's own traffic to its instances (health checks,
      // the load balancers) crosses the bridge like an instance's, unlike a host's
      return new PacketFilterAccess(
          viaHelper, helper, "the server runs in a container: security groups are not enforced");
    } catch (RuntimeException e) {
      if (helper != null) {
        helper.close();
      }
      LOG.warn(
          "instances can reach 169.254.169.254 through the engine's NAT (on an EC2 host: its own"
              + " metadata service): the network helper container failed ({}); see"
              + " docs/security.md",
          e.getMessage());
      return new PacketFilterAccess(null, null, problem);
    }
  }
}
