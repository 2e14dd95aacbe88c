package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceAssociation;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceAttachment;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.InstancePrivateIpAddress;

/**
 * What RunInstances, TerminateInstances and DescribeInstances ask of the VPC feature: where an
 * instance goes, its primary interface, and how that interface looks in the instance's view.
 */
public final class InstanceNetworking {
  /**
   * Where the instances of one RunInstances call go: the primary interface's VPC, subnet and
   * groups, and the interfaces the launch names (none when it names only a subnet and groups).
   */
  public record Placement(
      VpcRecord vpc, SubnetRecord subnet, List<String> groupIds, LaunchInterfaces.Plan interfaces) {
    public Placement(VpcRecord vpc, SubnetRecord subnet, List<String> groupIds) {
      this(vpc, subnet, groupIds, LaunchInterfaces.Plan.NONE);
    }
  }

  /**
   * What an instance of a VPC gets from the VPC's DHCP options set and DNS attributes, now.
   *
   * @param dnsSupport whether the VPC's resolver answers the instances' private DNS names
   *     (enableDnsSupport)
   * @param resolvConf the text of the instance's {@code /etc/resolv.conf}
   */
  public record Resolver(boolean dnsSupport, String resolvConf) {}

  /** The resolver the instances of a VPC get at their next boot. */
  public Resolver resolver(RegionState state, String vpcId) {
    return ResolvConf.of(state, vpcId);
  }

  private final VpcNetworks networks;
  private final SecurityGroupEnforcer enforcer;

  public InstanceNetworking(VpcNetworks networks, SecurityGroupEnforcer enforcer) {
    this.networks = networks;
    this.enforcer = enforcer;
  }

  /**
   * The subnet and groups of a launch: the subnet given (or the default VPC's subnet in the zone
   * asked for, or its first), the groups by id or name (or the VPC's default group).
   */
  public Placement place(
      RequestContext ctx,
      String subnetId,
      String zone,
      List<String> groupIds,
      List<String> groupNames) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      SubnetRecord subnet;
      if (subnetId != null) {
        subnet = st.subnet(subnetId);
        if (zone != null && !zone.equals(subnet.zone)) {
          throw AwsException.invalidParameterValue(
              "The specified availability zone "
                  + zone
                  + " does not match the subnet's zone "
                  + subnet.zone
                  + ".");
        }
      } else {
        VpcRecord d = st.defaultVpc();
        if (d == null) {
          throw new AwsException("VPCIdNotSpecified", "No default VPC for this user");
        }
        subnet =
            st.subnets.values().stream()
                .filter(s -> s.vpcId.equals(d.id) && s.defaultForAz)
                .filter(s -> zone == null || s.zone.equals(zone))
                .findFirst()
                .orElseThrow(
                    () ->
                        zone == null
                            ? new AwsException(
                                "MissingInput",
                                "No subnets found for the default VPC '"
                                    + d.id
                                    + "'. Please specify a subnet.")
                            : AwsException.invalidParameterValue(
                                "Invalid availability zone: [" + zone + "]"));
      }
      VpcRecord vpc = st.vpc(subnet.vpcId);
      primaryBlockOnly(vpc, subnet);
      List<String> groups = new ArrayList<>();
      for (String id : groupIds) {
        SecurityGroupRecord g = st.group(id);
        if (!g.usableIn(vpc.id)) {
          throw AwsException.invalidParameterValue(
              "Security group "
                  + id
                  + " and subnet "
                  + subnet.id
                  + " belong to different networks.");
        }
        groups.add(g.id);
      }
      for (String name : groupNames) {
        groups.add(st.groupByName(name, vpc.id).id);
      }
      if (groups.isEmpty()) {
        groups.add(vpc.defaultSecurityGroupId);
      }
      return new Placement(vpc, subnet, groups.stream().distinct().toList());
    }
  }

  /** A subnet the engine can launch into: in the VPC's primary block, its Docker network's. */
  private static void primaryBlockOnly(VpcRecord vpc, SubnetRecord subnet) {
    if (!vpc.cidr.contains(subnet.cidr)) {
      // a Docker bridge network has one IPv4 subnet ("bridge driver doesn't support multiple
      // subnets"), so the VPC's network is its primary block only
      throw new AwsException(
          "Unsupported",
          "ec2-double cannot launch into subnet "
              + subnet.id
              + " ("
              + subnet.cidr
              + "): it lies in a secondary CIDR block of "
              + vpc.id
              + ", and the VPC's Docker network can only have its primary block ("
              + vpc.cidr
              + ").");
    }
  }

  /**
   * The place of a launch that names its interfaces: the primary interface's (an existing one's
   * subnet and groups, or a new one's as {@link #place} finds them), the others checked to fit it.
   * Nothing is made or attached yet.
   */
  public Placement placeOnInterfaces(
      RequestContext ctx, String zone, List<InstanceNetworkInterfaceSpecification> specs) {
    LaunchInterfaces.Plan plan = LaunchInterfaces.plan(specs);
    InstanceNetworkInterfaceSpecification p = plan.primary();
    Placement base;
    VpcState st = VpcState.of(ctx.state());
    if (p.networkInterfaceId() == null) {
      base = place(ctx, p.subnetId(), zone, p.groups(), List.of());
    } else {
      synchronized (st) {
        NetworkInterfaceRecord n = LaunchInterfaces.free(st, p.networkInterfaceId());
        SubnetRecord subnet = st.subnet(n.subnetId);
        if (zone != null && !zone.equals(subnet.zone)) {
          throw AwsException.invalidParameterValue(
              "The specified availability zone "
                  + zone
                  + " does not match the network interface's zone "
                  + subnet.zone
                  + ".");
        }
        VpcRecord vpc = st.vpc(subnet.vpcId);
        primaryBlockOnly(vpc, subnet);
        base = new Placement(vpc, subnet, List.copyOf(n.groupIds));
      }
    }
    synchronized (st) {
      LaunchInterfaces.checkExtras(st, base.subnet(), plan.extras());
    }
    return new Placement(base.vpc(), base.subnet(), base.groupIds(), plan);
  }

  /**
   * Makes the VPC's network exist on the engine (before machines join it); returns the addresses
   * already taken there by machines this region does not know (other servers share the default
   * VPC's network), which launches must not use.
   */
  public java.util.Set<String> ensureNetwork(RequestContext ctx, Placement p) {
    networks.ensure(ctx, p.vpc());
    return networks.addressesInUse(p.vpc());
  }

  /**
   * The instance's interfaces, made or attached: the primary one (new, deleted with the instance
   * unless asked otherwise, or the existing one the launch names) at device 0, and the others the
   * launch names. Answers the primary.
   *
   * @param privateIp the primary address asked for, or null for any free one
   * @param avoid addresses the engine has taken that a new primary interface must not have
   */
  public NetworkInterfaceRecord attachPrimary(
      RequestContext ctx,
      Placement p,
      String instanceId,
      String privateIp,
      java.util.Set<String> avoid) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      return LaunchInterfaces.attach(
          st, p.interfaces(), p.subnet(), p.groupIds(), instanceId, privateIp, avoid);
    }
  }

  /** Applies the security groups of every instance in the region to the packet filter. */
  public void enforce(RegionState state) {
    enforcer.refresh(state);
  }

  /** {@link #enforce} soon, shared with other launches; wait for it before booting a machine. */
  public java.util.concurrent.CompletableFuture<Void> enforceSoon(RegionState state) {
    return enforcer.refreshSoon(state);
  }

  /**
   * A terminated instance's interfaces: those made with it are deleted (their addresses free
   * again), others detached; Elastic IPs on them are disassociated.
   */
  public void release(RegionState state, String instanceId) {
    VpcState st = VpcState.of(state);
    synchronized (st) {
      for (NetworkInterfaceRecord n : st.interfacesOf(instanceId)) {
        if (n.deleteOnTermination) {
          NetworkInterfacesService.delete(st, n);
          state.tags().drop(n.id);
        } else {
          n.instanceId = null;
          n.attachmentId = null;
          n.attachTime = null;
          ElasticIpRecord eip = st.addressOfEni(n.id);
          if (eip != null) {
            eip.instanceId = null;
          }
        }
      }
    }
    enforcer.refresh(state);
  }

  /** ModifyInstanceAttribute's groupSet: the primary interface's groups, enforced at once. */
  public void setGroups(RequestContext ctx, String instanceId, List<String> groupIds) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      List<NetworkInterfaceRecord> enis = st.interfacesOf(instanceId);
      if (enis.isEmpty()) {
        throw new AwsException(
            "IncorrectInstanceState", "The instance '" + instanceId + "' has no interface.");
      }
      NetworkInterfacesService.checkGroups(st, groupIds, enis.get(0).vpcId);
      enis.get(0).groupIds = List.copyOf(groupIds);
    }
    enforcer.refresh(ctx.state());
  }

  /** The instance's security groups (those of its primary interface), named. */
  public List<GroupIdentifier> groups(RegionState state, String instanceId) {
    VpcState st = VpcState.of(state);
    synchronized (st) {
      List<NetworkInterfaceRecord> enis = st.interfacesOf(instanceId);
      return enis.isEmpty() ? List.of() : NetworkInterfaceViews.groups(st, enis.get(0).groupIds);
    }
  }

  /** The primary interface's MAC, or null. */
  public String mac(RegionState state, String instanceId) {
    VpcState st = VpcState.of(state);
    synchronized (st) {
      List<NetworkInterfaceRecord> enis = st.interfacesOf(instanceId);
      return enis.isEmpty() ? null : enis.get(0).mac;
    }
  }

  /** An instance's networking as its DescribeInstances view shows it. */
  public record View(
      List<GroupIdentifier> groups, List<InstanceNetworkInterface> interfaces, String publicIp) {
    /** An instance with no interface (terminated). */
    public static final View NONE = new View(List.of(), List.of(), null);
  }

  /** The view of one instance. */
  public View view(RegionState state, String instanceId) {
    VpcState st = VpcState.of(state);
    synchronized (st) {
      return view(st, st.interfacesOf(instanceId), st.addressesByEni());
    }
  }

  /**
   * The views of every instance with an interface, from one pass over the region's interfaces and
   * addresses: a DescribeInstances of n instances must not look through every interface n times.
   */
  public Map<String, View> views(RegionState state) {
    VpcState st = VpcState.of(state);
    synchronized (st) {
      Map<String, ElasticIpRecord> eips = st.addressesByEni();
      Map<String, View> out = new HashMap<>();
      st.interfacesByInstance().forEach((id, enis) -> out.put(id, view(st, enis, eips)));
      return out;
    }
  }

  /** Caller holds st's lock; enis are the instance's, primary first. */
  private static View view(
      VpcState st, List<NetworkInterfaceRecord> enis, Map<String, ElasticIpRecord> eips) {
    if (enis.isEmpty()) {
      return View.NONE;
    }
    List<InstanceNetworkInterface> out = new ArrayList<>(enis.size());
    for (NetworkInterfaceRecord n : enis) {
      out.add(sdkInterface(st, n, eips.get(n.id)));
    }
    NetworkInterfaceRecord primary = enis.get(0);
    ElasticIpRecord primaryEip = eips.get(primary.id);
    return new View(
        NetworkInterfaceViews.groups(st, primary.groupIds),
        out,
        primaryEip == null ? null : primaryEip.publicIp);
  }

  /** An interface as DescribeInstances' networkInterfaceSet shows it. */
  private static InstanceNetworkInterface sdkInterface(
      VpcState st, NetworkInterfaceRecord n, ElasticIpRecord eip) {
    String dns = NetworkInterfaceViews.privateDnsName(st.region, n.privateIp);
    InstanceNetworkInterfaceAssociation assoc =
        eip == null
            ? null
            : InstanceNetworkInterfaceAssociation.builder()
                .publicIp(eip.publicIp)
                .publicDnsName("")
                .ipOwnerId(st.account)
                .build();
    return InstanceNetworkInterface.builder()
        .networkInterfaceId(n.id)
        .subnetId(n.subnetId)
        .vpcId(n.vpcId)
        .description(n.description)
        .ownerId(st.account)
        .status("in-use")
        .macAddress(n.mac)
        .privateIpAddress(n.privateIp)
        .privateDnsName(dns)
        .sourceDestCheck(n.sourceDestCheck)
        .interfaceType(n.interfaceType)
        .groups(NetworkInterfaceViews.groups(st, n.groupIds))
        .association(assoc)
        .ipv6Addresses(
            n.ipv6Addresses.stream()
                .map(
                    a ->
                        software.amazon.awssdk.services.ec2.model.InstanceIpv6Address.builder()
                            .ipv6Address(a)
                            .build())
                .toList())
        .attachment(
            InstanceNetworkInterfaceAttachment.builder()
                .attachmentId(n.attachmentId)
                .attachTime(n.attachTime)
                .deleteOnTermination(n.deleteOnTermination)
                .deviceIndex(n.deviceIndex)
                .networkCardIndex(0)
                .status("attached")
                .build())
        .privateIpAddresses(
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(
                        InstancePrivateIpAddress.builder()
                            .primary(true)
                            .privateIpAddress(n.privateIp)
                            .privateDnsName(dns)
                            .association(assoc)
                            .build()),
                    n.secondaryIps.stream()
                        .map(
                            ip ->
                                InstancePrivateIpAddress.builder()
                                    .primary(false)
                                    .privateIpAddress(ip)
                                    .build()))
                .toList())
        .build();
  }
}
