package dev.ec2double.ec2.vpc;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.SubnetAcl;
import dev.ec2double.core.RegionState;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the network ACLs of a region's subnets into {@link SubnetAcl}s the backend enforces, after
 * every change of ACLs, their entries or associations, or of subnets. The rules depend on subnets,
 * not on instances, so launches never call this. The default VPC's subnets are left out: its
 * network on the engine is shared by every server (docs/networking.md), and one server's ACL must
 * not filter another's instances.
 */
public final class NetworkAclEnforcer {
  private final ComputeBackend backend;
  private final boolean enabled;

  /**
   * @param enabled whether the backend filters traffic (with the security groups' setting)
   */
  public NetworkAclEnforcer(ComputeBackend backend, boolean enabled) {
    this.backend = backend;
    this.enabled = enabled;
  }

  /**
   * Reads the region's ACLs and applies them, one refresh at a time: a refresh that reads later
   * state also applies later, so two changes made at once never leave the older rules in place.
   */
  public synchronized void refresh(RegionState state) {
    backend.applyNetworkAcls(
        state.account() + "/" + state.region(), acls(VpcState.of(state)), enabled);
  }

  /** The subnets of the VPCs of one's own with the IPv4 entries of their ACLs. */
  static List<SubnetAcl> acls(VpcState st) {
    List<SubnetAcl> out = new ArrayList<>();
    synchronized (st) {
      for (SubnetRecord s : st.subnets.values()) {
        VpcRecord vpc = st.vpcs.get(s.vpcId);
        NetworkAclRecord acl = NetworkAcls.of(st, s.id);
        if (vpc == null || vpc.isDefault || acl == null) {
          continue;
        }
        out.add(
            new SubnetAcl(
                vpc.networkName(), s.cidr.toString(), rules(acl, false), rules(acl, true)));
      }
    }
    return out;
  }

  /** One direction's IPv4 entries in rule-number order (the {@code *} rule among them, last). */
  static List<SubnetAcl.Rule> rules(NetworkAclRecord acl, boolean egress) {
    List<SubnetAcl.Rule> out = new ArrayList<>();
    for (NetworkAclEntryRecord e : acl.direction(egress)) {
      if (e.cidr() == null) {
        continue;
      }
      int from = -1;
      int to = -1;
      if (e.fromPort() != null) {
        from = e.fromPort();
        to = e.toPort();
      } else if (e.icmpType() != null) {
        from = e.icmpType();
        to = e.icmpCode();
      }
      out.add(new SubnetAcl.Rule(e.protocol(), from, to, e.cidr(), e.allow()));
    }
    return out;
  }
}
