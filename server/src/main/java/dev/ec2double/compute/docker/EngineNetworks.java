package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import dev.ec2double.core.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Questions about the engine's networks: which overlap a subnet, which are ours and idle. */
final class EngineNetworks {
  private EngineNetworks() {}

  static List<Network> overlapping(DockerClient docker, String cidr) {
    Cidr wanted = Cidr.parseOrNull(cidr);
    List<Network> out = new ArrayList<>();
    for (Network n : docker.listNetworksCmd().exec()) {
      for (String s : subnetList(n)) {
        Cidr c = Cidr.parseOrNull(s);
        if (c != null && wanted != null && c.overlaps(wanted)) {
          out.add(n);
          break;
        }
      }
    }
    return out;
  }

  /** An ec2-double VPC network that no container, running or stopped, is attached to. */
  static boolean isIdleEc2DoubleNetwork(DockerClient docker, Network n) {
    Map<String, String> labels = n.getLabels();
    if (labels == null || !"vpc".equals(labels.get(Labels.KIND))) {
      return false;
    }
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withFilter("network", List.of(n.getId()))
        .exec()
        .isEmpty();
  }

  static String subnets(Network n) {
    return String.join(", ", subnetList(n));
  }

  static String owner(Network n) {
    Map<String, String> labels = n.getLabels();
    if (labels == null || labels.get(Labels.RESOURCE) == null) {
      return ", not made by ec2-double";
    }
    return ", "
        + labels.get(Labels.RESOURCE)
        + " of account "
        + labels.get(Labels.ACCOUNT)
        + " in "
        + labels.get(Labels.REGION)
        + ", server "
        + labels.get(Labels.SERVER);
  }

  private static List<String> subnetList(Network n) {
    List<String> out = new ArrayList<>();
    if (n.getIpam() != null && n.getIpam().getConfig() != null) {
      for (Network.Ipam.Config c : n.getIpam().getConfig()) {
        if (c.getSubnet() != null) {
          out.add(c.getSubnet());
        }
      }
    }
    return out;
  }
}
