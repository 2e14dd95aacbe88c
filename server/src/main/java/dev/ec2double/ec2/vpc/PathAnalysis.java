package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.RegionState;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AnalysisComponent;
import software.amazon.awssdk.services.ec2.model.Explanation;
import software.amazon.awssdk.services.ec2.model.PathComponent;

/**
 * Reachability Analyzer's question, answered from the stored configuration of one account and
 * region: can a packet of this protocol and destination port go from an instance, a network
 * interface or an internet gateway to another? The forward path is checked in the order a VPC
 * evaluates it: the source's security group egress rules, the source subnet's route table (the
 * local route within the VPC; across VPCs a route to an active peering connection between them; to
 * and from the internet the gateway attached to the VPC and a route to it), the source subnet's
 * network ACL egress entries and the destination subnet's ingress entries (only when the packet
 * crosses a subnet boundary), and the destination's security group ingress rules (by CIDR, by
 * prefix list or by the source's group). The first component that stops it is the explanation.
 * Return traffic is not analyzed; public addresses are not checked.
 */
public final class PathAnalysis {
  private PathAnalysis() {}

  /** The answer: whether a path exists, what blocks it, and the components it crosses. */
  public record Verdict(
      boolean found, List<Explanation> explanations, List<PathComponent> forward) {}

  /** One end of the path: a network interface (an instance's primary one) or a gateway. */
  private record End(
      String resourceId, NetworkInterfaceRecord eni, InternetGatewayRecord igw, String ip) {}

  /** Checks that a path may start or end at this resource; answers its kind. */
  public static String checkEnd(RegionState region, String id, String role) {
    VpcState st = VpcState.of(region);
    synchronized (st) {
      resolve(st, id, role);
    }
    return id.startsWith("i-") ? "instance" : id.startsWith("igw-") ? "igw" : "eni";
  }

  private static End resolve(VpcState st, String id, String role) {
    if (id == null) {
      return null;
    }
    if (id.startsWith("i-")) {
      List<NetworkInterfaceRecord> enis = st.interfacesOf(id);
      if (enis.isEmpty()) {
        throw new AwsException(
            "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
      }
      return new End(id, enis.get(0), null, enis.get(0).privateIp);
    }
    if (id.startsWith("eni-")) {
      NetworkInterfaceRecord n = st.networkInterface(id);
      return new End(id, n, null, n.privateIp);
    }
    if (id.startsWith("igw-")) {
      InternetGatewayRecord g = st.gateways.get(id);
      if (g == null) {
        throw new AwsException(
            "InvalidInternetGatewayID.NotFound",
            "The internetGateway ID '" + id + "' does not exist");
      }
      return new End(id, null, g, null);
    }
    throw AwsException.invalidParameterValue(
        "Invalid value '"
            + id
            + "' for "
            + role
            + ": ec2-double analyzes paths between instances, network interfaces and internet"
            + " gateways");
  }

  /**
   * Analyzes one path.
   *
   * @param protocol {@code tcp} or {@code udp}
   * @param port the destination port, or null for any
   * @param destinationIp the destination address when the destination is a gateway (null: any)
   */
  public static Verdict analyze(
      RegionState region,
      String source,
      String destination,
      String sourceIp,
      String destinationIp,
      String protocol,
      Integer port) {
    VpcState st = VpcState.of(region);
    synchronized (st) {
      End src = resolve(st, source, "Source");
      End dst = resolve(st, destination, "Destination");
      if (src.igw != null) {
        src = new End(src.resourceId, null, src.igw, sourceIp);
      }
      if (dst.igw != null) {
        dst = new End(dst.resourceId, null, dst.igw, destinationIp);
      }
      return new Walk(st, src, dst, protocol, port).run();
    }
  }

  /** One analysis, under the state's lock. */
  private static final class Walk {
    private final VpcState st;
    private final End src;
    private final End dst;
    private final String protocol;
    private final Integer port;
    private final List<PathComponent> forward = new ArrayList<>();

    Walk(VpcState st, End src, End dst, String protocol, Integer port) {
      this.st = st;
      this.src = src;
      this.dst = dst;
      this.protocol = protocol;
      this.port = port;
    }

    Verdict run() {
      step(src.resourceId);
      Explanation blocked = firstBlock();
      if (blocked != null) {
        return new Verdict(false, List.of(blocked), List.of());
      }
      step(dst.resourceId);
      return new Verdict(true, List.of(), forward);
    }

    private void step(String id) {
      forward.add(
          PathComponent.builder()
              .sequenceNumber(forward.size() + 1)
              .component(component(id))
              .build());
    }

    private Explanation firstBlock() {
      if (src.igw != null && dst.igw != null) {
        return explain("NO_ROUTE_TO_DESTINATION", src.resourceId, null);
      }
      if (src.igw != null) {
        return fromInternet();
      }
      Explanation e = groups(src.eni, true, dst);
      if (e != null) {
        return e;
      }
      if (dst.igw != null) {
        return toInternet();
      }
      if (!src.eni.vpcId.equals(dst.eni.vpcId)) {
        e = routeTo(src.eni, dst.ip, dst.eni.vpcId);
        if (e != null) {
          return e;
        }
      }
      if (!src.eni.subnetId.equals(dst.eni.subnetId)) {
        e = acl(src.eni.subnetId, true, dst.ip);
        if (e == null) {
          e = acl(dst.eni.subnetId, false, src.ip);
        }
        if (e != null) {
          return e;
        }
      }
      return groups(dst.eni, false, src);
    }

    private Explanation fromInternet() {
      if (!dst.eni.vpcId.equals(src.igw.vpcId)) {
        return explain("BAD_STATE_ATTACHMENT", src.resourceId, dst.eni.vpcId);
      }
      Explanation e = internetRoute(dst.eni);
      if (e == null) {
        e = acl(dst.eni.subnetId, false, src.ip);
      }
      return e != null ? e : groups(dst.eni, false, src);
    }

    private Explanation toInternet() {
      if (!src.eni.vpcId.equals(dst.igw.vpcId)) {
        return explain("BAD_STATE_ATTACHMENT", dst.resourceId, src.eni.vpcId);
      }
      Explanation e = internetRoute(src.eni);
      return e != null ? e : acl(src.eni.subnetId, true, dst.ip);
    }

    /** The subnet's table must send the address (any public one when unknown) to the gateway. */
    private Explanation internetRoute(NetworkInterfaceRecord eni) {
      String gateway = src.igw != null ? src.igw.id : dst.igw.id;
      String address = src.igw != null ? src.ip : dst.ip;
      RouteTableRecord table = RouteTables.of(st, eni.subnetId, st.vpcs.get(eni.vpcId));
      RouteTableRecord.Route r = table == null ? null : longest(table, address);
      if (r == null || !gateway.equals(r.gatewayId())) {
        step(table == null ? null : table.id);
        return explain("NO_ROUTE_TO_DESTINATION", table == null ? eni.vpcId : table.id, eni.vpcId);
      }
      step(table.id);
      step(gateway);
      return null;
    }

    /** Across VPCs: the source table's route to the address must be an active peering to it. */
    private Explanation routeTo(NetworkInterfaceRecord eni, String address, String peerVpc) {
      RouteTableRecord table = RouteTables.of(st, eni.subnetId, st.vpcs.get(eni.vpcId));
      RouteTableRecord.Route r = table == null ? null : longest(table, address);
      VpcPeeringRecord p =
          r == null || r.peeringId() == null ? null : st.peerings.get(r.peeringId());
      if (p == null
          || !p.active()
          || !(p.requester.vpcId().equals(peerVpc) || p.accepter.vpcId().equals(peerVpc))) {
        return explain("NO_ROUTE_TO_DESTINATION", table == null ? eni.vpcId : table.id, eni.vpcId);
      }
      step(table.id);
      step(p.id);
      return null;
    }

    /** The longest-prefix route whose destination holds the address (null address: 0.0.0.0/0). */
    private RouteTableRecord.Route longest(RouteTableRecord table, String address) {
      RouteTableRecord.Route best = null;
      int bestPrefix = -1;
      for (RouteTableRecord.Route r : table.routes) {
        Cidr c = Cidr.parseOrNull(r.destination());
        if (c == null) {
          continue;
        }
        boolean holds = address == null ? c.prefix() == 0 : c.contains(Cidr.ip(address));
        if (holds && c.prefix() > bestPrefix) {
          best = r;
          bestPrefix = c.prefix();
        }
      }
      return best;
    }

    /** A subnet's network ACL in one direction: the first matching entry decides. */
    private Explanation acl(String subnetId, boolean egress, String peer) {
      NetworkAclRecord acl = NetworkAcls.of(st, subnetId);
      if (acl == null) {
        return null;
      }
      for (NetworkAclEntryRecord e : acl.direction(egress)) {
        if (e.cidr() == null || !protocolMatches(e.protocol())) {
          continue;
        }
        if (e.fromPort() != null && port != null && (port < e.fromPort() || port > e.toPort())) {
          continue;
        }
        if (!holds(e.cidr(), peer)) {
          continue;
        }
        if (!e.allow()) {
          return Explanation.builder()
              .explanationCode("SUBNET_ACL_RESTRICTION")
              .direction(egress ? "egress" : "ingress")
              .acl(component(acl.id))
              .subnet(component(subnetId))
              .vpc(component(acl.vpcId))
              .build();
        }
        step(acl.id);
        return null;
      }
      return Explanation.builder()
          .explanationCode("SUBNET_ACL_RESTRICTION")
          .direction(egress ? "egress" : "ingress")
          .acl(component(acl.id))
          .subnet(component(subnetId))
          .build();
    }

    /** Whether an address (null: some address outside private space) is in a block. */
    private static boolean holds(String cidr, String address) {
      Cidr c = Cidr.parseOrNull(cidr);
      if (c == null) {
        return false;
      }
      return address == null ? c.prefix() == 0 || !privateSpace(c) : c.contains(Cidr.ip(address));
    }

    private static boolean privateSpace(Cidr c) {
      for (String p : List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")) {
        if (Cidr.parseOrNull(p).contains(c)) {
          return true;
        }
      }
      return false;
    }

    private boolean protocolMatches(String p) {
      String number = protocol.equals("udp") ? "17" : "6";
      return p.equals("-1") || p.equals(protocol) || p.equals(number);
    }

    /** The security groups of an interface: some rule must allow the peer. */
    private Explanation groups(NetworkInterfaceRecord eni, boolean egress, End peer) {
      for (String g : eni.groupIds) {
        SecurityGroupRecord sg = st.groups.get(g);
        if (sg == null) {
          continue;
        }
        for (SgRule r : sg.rules) {
          if (r.egress() == egress
              && protocolMatches(r.protocol())
              && portMatches(r)
              && allows(r, peer)) {
            step(sg.id);
            return null;
          }
        }
      }
      return Explanation.builder()
          .explanationCode("ENI_SG_RULES_MISMATCH")
          .direction(egress ? "egress" : "ingress")
          .component(component(eni.id))
          .securityGroups(eni.groupIds.stream().map(PathAnalysis::component).toList())
          .subnet(component(eni.subnetId))
          .vpc(component(eni.vpcId))
          .build();
    }

    private boolean portMatches(SgRule r) {
      return r.fromPort() == -1 || port == null || (port >= r.fromPort() && port <= r.toPort());
    }

    private boolean allows(SgRule r, End peer) {
      if (r.cidrIpv4() != null) {
        return holds(r.cidrIpv4(), peer.ip);
      }
      if (r.groupId() != null) {
        return peer.eni != null && peer.eni.groupIds.contains(r.groupId());
      }
      if (r.prefixListId() != null) {
        PrefixListRecord pl = st.prefixLists.get(r.prefixListId());
        return pl != null && pl.entries().stream().anyMatch(e -> holds(e.cidr(), peer.ip));
      }
      return false;
    }

    private Explanation explain(String code, String componentId, String vpcId) {
      return Explanation.builder()
          .explanationCode(code)
          .component(component(componentId))
          .vpc(vpcId == null ? null : component(vpcId))
          .build();
    }
  }

  static AnalysisComponent component(String id) {
    return id == null ? null : AnalysisComponent.builder().id(id).build();
  }
}
