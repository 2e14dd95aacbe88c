package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import dev.ec2double.compute.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Questions about the engine's networks: which overlap a subnet, which are ours and idle. */
final class EngineNetworks {
  private static final Pattern BLOCK =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

  private EngineNetworks() {}

  static List<Network> overlapping(DockerClient docker, String cidr) {
    List<Network> out = new ArrayList<>();
    for (Network n : docker.listNetworksCmd().exec()) {
      for (String s : subnetList(n)) {
        if (overlap(s, cidr)) {
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

  /** Whether two IPv4 blocks ({@code a.b.c.d/n}) share an address; false when one is not one. */
  static boolean overlap(String a, String b) {
    long[] x = block(a);
    long[] y = block(b);
    if (x == null || y == null) {
      return false;
    }
    long shorter = Math.min(x[1], y[1]);
    long mask = shorter == 0 ? 0 : (0xFFFFFFFFL << (32 - shorter)) & 0xFFFFFFFFL;
    return (x[0] & mask) == (y[0] & mask);
  }

  /** The first address and the prefix length of an IPv4 block, or null (IPv6, malformed). */
  private static long[] block(String cidr) {
    var m = BLOCK.matcher(cidr);
    if (!m.matches() || Integer.parseInt(m.group(5)) > 32) {
      return null;
    }
    long base = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        return null;
      }
      base = (base << 8) | octet;
    }
    return new long[] {base, Integer.parseInt(m.group(5))};
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
