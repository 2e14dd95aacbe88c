package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Ids;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.PrivateIpAddressSpecification;

/**
 * A launch's NetworkInterfaces: the primary one (device index 0, new or existing) and the others,
 * checked against the records before anything is made, then made or attached for each instance as
 * AttachNetworkInterface attaches. Only the primary is the machine's address on the engine; the
 * others are records (a container has one address per Docker network, and all subnets of a VPC are
 * one network).
 */
final class LaunchInterfaces {
  private LaunchInterfaces() {}

  /**
   * What the interfaces of a launch are.
   *
   * @param primary the specification at device index 0, or null when the launch names none
   * @param extras the others, by device index
   */
  record Plan(
      InstanceNetworkInterfaceSpecification primary,
      List<InstanceNetworkInterfaceSpecification> extras) {
    static final Plan NONE = new Plan(null, List.of());
  }

  /** The interfaces by role; the request's checks made sure exactly one is at device index 0. */
  static Plan plan(List<InstanceNetworkInterfaceSpecification> specs) {
    InstanceNetworkInterfaceSpecification primary = null;
    List<InstanceNetworkInterfaceSpecification> extras = new ArrayList<>();
    for (InstanceNetworkInterfaceSpecification ni : specs) {
      if (ni.deviceIndex() != null && ni.deviceIndex() == 0) {
        primary = ni;
      } else {
        extras.add(ni);
      }
    }
    extras.sort(java.util.Comparator.comparing(InstanceNetworkInterfaceSpecification::deviceIndex));
    return new Plan(primary, List.copyOf(extras));
  }

  /** An existing interface to attach: known, free, not a service's. Caller holds st's lock. */
  static NetworkInterfaceRecord free(VpcState st, String eniId) {
    NetworkInterfaceRecord n = st.networkInterface(eniId);
    if (n.instanceId != null || n.requesterId != null) {
      throw new AwsException("InvalidNetworkInterface.InUse", "Interface: [" + n.id + "] in use.");
    }
    return n;
  }

  /**
   * The other interfaces fit the primary's place: each existing one free, each new one's subnet and
   * groups known; all in the instance's zone and VPC (AttachNetworkInterface's rule). Caller holds
   * st's lock.
   */
  static void checkExtras(
      VpcState st, SubnetRecord primary, List<InstanceNetworkInterfaceSpecification> extras) {
    for (InstanceNetworkInterfaceSpecification ni : extras) {
      String zone;
      String vpcId;
      if (ni.networkInterfaceId() != null) {
        NetworkInterfaceRecord n = free(st, ni.networkInterfaceId());
        zone = n.zone;
        vpcId = n.vpcId;
      } else {
        SubnetRecord s = ni.subnetId() == null ? primary : st.subnet(ni.subnetId());
        zone = s.zone;
        vpcId = s.vpcId;
        if (vpcId.equals(primary.vpcId)) {
          NetworkInterfacesService.checkGroups(st, groups(st, ni, s), vpcId);
        }
      }
      if (!zone.equals(primary.zone) || !vpcId.equals(primary.vpcId)) {
        throw AwsException.invalidParameterCombination(
            "You may not attach a network interface to an instance if they are not in the same"
                + " availability zone");
      }
    }
  }

  /**
   * Makes or attaches one instance's interfaces, primary first; on a failure what this call made is
   * deleted and what it attached detached again. Caller holds st's lock.
   *
   * @param privateIp the primary address asked for, or null for any
   * @param avoid addresses the engine has taken that the new primary must not have
   */
  static NetworkInterfaceRecord attach(
      VpcState st,
      Plan plan,
      SubnetRecord subnet,
      List<String> groupIds,
      String instanceId,
      String privateIp,
      Set<String> avoid) {
    List<NetworkInterfaceRecord> made = new ArrayList<>();
    List<NetworkInterfaceRecord> attached = new ArrayList<>();
    try {
      InstanceNetworkInterfaceSpecification p = plan.primary();
      NetworkInterfaceRecord primary;
      if (p != null && p.networkInterfaceId() != null) {
        primary = existing(st, p, instanceId, 0);
        attached.add(primary);
      } else {
        primary = made(st, p, subnet, groupIds, instanceId, 0, privateIp, avoid);
        made.add(primary);
      }
      for (InstanceNetworkInterfaceSpecification ni : plan.extras()) {
        if (ni.networkInterfaceId() != null) {
          attached.add(existing(st, ni, instanceId, ni.deviceIndex()));
        } else {
          SubnetRecord s = ni.subnetId() == null ? subnet : st.subnet(ni.subnetId());
          made.add(made(st, ni, s, null, instanceId, ni.deviceIndex(), null, Set.of()));
        }
      }
      return primary;
    } catch (RuntimeException e) {
      made.forEach(n -> NetworkInterfacesService.delete(st, n));
      attached.forEach(LaunchInterfaces::detached);
      throw e;
    }
  }

  private static NetworkInterfaceRecord existing(
      VpcState st, InstanceNetworkInterfaceSpecification ni, String instanceId, int index) {
    NetworkInterfaceRecord n = free(st, ni.networkInterfaceId());
    attached(n, instanceId, index);
    // AWS deletes an existing interface with the instance only when asked to
    n.deleteOnTermination = Boolean.TRUE.equals(ni.deleteOnTermination());
    return n;
  }

  /**
   * A new interface: the specification's subnet (or the primary's), groups (or the given ones, or
   * the VPC's default), address and secondary addresses, deleted with the instance unless asked
   * otherwise.
   */
  private static NetworkInterfaceRecord made(
      VpcState st,
      InstanceNetworkInterfaceSpecification ni,
      SubnetRecord s,
      List<String> groupIds,
      String instanceId,
      int index,
      String privateIp,
      Set<String> avoid) {
    List<String> groups = groupIds != null ? groupIds : groups(st, ni, s);
    String ip = privateIp != null ? privateIp : primaryIp(ni);
    String description = ni == null || ni.description() == null ? "" : ni.description();
    NetworkInterfaceRecord n =
        NetworkInterfacesService.create(st, s, groups, ip, description, avoid);
    try {
      if (ni != null) {
        secondaries(st, n, ni);
      }
    } catch (RuntimeException e) {
      NetworkInterfacesService.delete(st, n);
      throw e;
    }
    attached(n, instanceId, index);
    n.deleteOnTermination = ni == null || !Boolean.FALSE.equals(ni.deleteOnTermination());
    return n;
  }

  private static List<String> groups(
      VpcState st, InstanceNetworkInterfaceSpecification ni, SubnetRecord s) {
    return ni == null || ni.groups().isEmpty()
        ? List.of(st.vpc(s.vpcId).defaultSecurityGroupId)
        : List.copyOf(ni.groups());
  }

  /** The address a specification names as primary, or null for any. */
  private static String primaryIp(InstanceNetworkInterfaceSpecification ni) {
    if (ni == null) {
      return null;
    }
    if (ni.privateIpAddress() != null) {
      return ni.privateIpAddress();
    }
    return ni.privateIpAddresses().stream()
        .filter(a -> Boolean.TRUE.equals(a.primary()))
        .map(PrivateIpAddressSpecification::privateIpAddress)
        .findFirst()
        .orElse(null);
  }

  /** PrivateIpAddresses not marked primary, or SecondaryPrivateIpAddressCount free addresses. */
  private static void secondaries(
      VpcState st, NetworkInterfaceRecord n, InstanceNetworkInterfaceSpecification ni) {
    AddressPool pool = st.subnets.get(n.subnetId).pool;
    List<String> asked = new ArrayList<>();
    for (PrivateIpAddressSpecification a : ni.privateIpAddresses()) {
      if (!Boolean.TRUE.equals(a.primary())
          && a.privateIpAddress() != null
          && !a.privateIpAddress().equals(n.privateIp)) {
        asked.add(a.privateIpAddress());
      }
    }
    int count =
        ni.secondaryPrivateIpAddressCount() == null ? 0 : ni.secondaryPrivateIpAddressCount();
    if (1 + asked.size() + count > SecondaryAddressesService.MAX_ADDRESSES) {
      throw new AwsException(
          "PrivateIpAddressLimitExceeded",
          "Number of private addresses will exceed limit for " + n.id + ".");
    }
    for (String ip : asked) {
      n.secondaryIps.add(pool.claim(ip));
    }
    for (int i = 0; i < count; i++) {
      n.secondaryIps.add(pool.allocate());
    }
  }

  private static void attached(NetworkInterfaceRecord n, String instanceId, int index) {
    n.instanceId = instanceId;
    n.deviceIndex = index;
    n.attachmentId = Ids.next("eni-attach");
    n.attachTime = Instant.now();
  }

  private static void detached(NetworkInterfaceRecord n) {
    n.instanceId = null;
    n.attachmentId = null;
    n.attachTime = null;
  }
}
