package dev.ec2double.ec2.vpc;

import java.util.ArrayList;
import java.util.List;

/**
 * Security group rules that name a group of another VPC, joined to the rule's own VPC by an active
 * peering connection of the same account and region (AWS allows this; the rule turns stale when the
 * peering goes, https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html).
 * Read under the VPC state's lock.
 */
final class SecurityGroupPeers {
  private SecurityGroupPeers() {}

  /** The id of an active peering joining two VPCs of this state, or null. */
  static String peering(VpcState st, String vpcA, String vpcB) {
    for (VpcPeeringRecord p : st.peerings.values()) {
      VpcPeeringRecord.Side mine = p.sideOf(st.account, st.region);
      if (mine == null || !p.active()) {
        continue;
      }
      VpcPeeringRecord.Side other = p.other(mine);
      boolean sameScope = other.account().equals(st.account) && other.region().equals(st.region);
      boolean joins =
          (p.requester.vpcId().equals(vpcA) && p.accepter.vpcId().equals(vpcB))
              || (p.requester.vpcId().equals(vpcB) && p.accepter.vpcId().equals(vpcA));
      if (sameScope && joins) {
        return p.id;
      }
    }
    return null;
  }

  /** The most recent peering (any state) joining two VPCs of this state, or null. */
  static VpcPeeringRecord lastPeering(VpcState st, String vpcA, String vpcB) {
    VpcPeeringRecord last = null;
    for (VpcPeeringRecord p : st.peerings.values()) {
      boolean joins =
          (p.requester.vpcId().equals(vpcA) && p.accepter.vpcId().equals(vpcB))
              || (p.requester.vpcId().equals(vpcB) && p.accepter.vpcId().equals(vpcA));
      if (joins) {
        last = p;
      }
    }
    return last;
  }

  /** A rule naming a group outside its own group's VPC; {@code peer} is null once that is gone. */
  record CrossVpc(SgRule rule, SecurityGroupRecord peer) {}

  static List<CrossVpc> crossVpcRules(VpcState st, SecurityGroupRecord g) {
    List<CrossVpc> out = new ArrayList<>();
    for (SgRule r : g.rules) {
      if (r.groupId() == null) {
        continue;
      }
      SecurityGroupRecord peer = st.groups.get(r.groupId());
      if (peer == null || !peer.vpcId.equals(g.vpcId)) {
        out.add(new CrossVpc(r, peer));
      }
    }
    return out;
  }
}
