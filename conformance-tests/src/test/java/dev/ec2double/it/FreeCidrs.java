package dev.ec2double.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import dev.ec2double.core.Cidr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * VPC CIDRs for tests that launch into their own VPCs on the engine. A VPC's network has its CIDR,
 * and the engine cannot have two overlapping ones, so a fixed CIDR fails as soon as another server
 * on the engine (a user's own, one of a parallel test JVM) has instances in it. This hands out a
 * {@code 10.x.0.0/16} that no network on the engine overlaps and this JVM has not handed out, from
 * {@code 10.100} to {@code 10.249} (the low ones are what people type by hand), starting at a
 * random one so that parallel JVMs rarely pick the same.
 */
public final class FreeCidrs {
  private static final int FIRST = 100;
  private static final int COUNT = 150;
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private FreeCidrs() {}

  /** The first two octets ({@code "10.123"}) of a free {@code /16}. */
  public static synchronized String prefix16(DockerClient docker) {
    List<Cidr> used = new ArrayList<>();
    for (Network n : docker.listNetworksCmd().exec()) {
      if (n.getIpam() != null && n.getIpam().getConfig() != null) {
        for (Network.Ipam.Config c : n.getIpam().getConfig()) {
          Cidr cidr = c.getSubnet() == null ? null : Cidr.parseOrNull(c.getSubnet());
          if (cidr != null) {
            used.add(cidr);
          }
        }
      }
    }
    int start = ThreadLocalRandom.current().nextInt(COUNT);
    for (int i = 0; i < COUNT; i++) {
      int second = FIRST + (start + i) % COUNT;
      Cidr candidate = Cidr.parseOrNull("10." + second + ".0.0/16");
      if (!HANDED_OUT.contains(second) && used.stream().noneMatch(candidate::overlaps)) {
        HANDED_OUT.add(second);
        return "10." + second;
      }
    }
    throw new IllegalStateException(
        "no 10.x.0.0/16 from 10." + FIRST + " on is free on the engine: " + used);
  }
}
