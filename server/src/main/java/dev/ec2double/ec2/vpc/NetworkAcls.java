package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.IcmpTypeCode;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclAssociation;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.PortRange;

/**
 * Network ACLs as a resource kind: records in the region's VPC state, in use while a subnet is
 * associated with one. The filters are DescribeNetworkAcls'.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkAcls.html
 */
final class NetworkAcls {
  private NetworkAcls() {}

  static final ResourceKind<NetworkAclRecord, NetworkAcl> KIND =
      ResourceKind.<NetworkAclRecord, NetworkAcl>of("acl", "network-acl")
          .errors("InvalidNetworkAclID.NotFound", "networkAcl", "InvalidNetworkAclId.Malformed")
          .storedIn(VpcState::of, st -> st.networkAcls)
          .id(a -> a.id)
          .view(NetworkAcls::view, NetworkAcl::tags)
          .filter("network-acl-id", NetworkAcl::networkAclId)
          .filter("vpc-id", NetworkAcl::vpcId)
          .filter("owner-id", NetworkAcl::ownerId)
          .filter("default", NetworkAcl::isDefault)
          .filterMany(
              "association.association-id",
              associations(NetworkAclAssociation::networkAclAssociationId))
          .filterMany(
              "association.network-acl-id", associations(NetworkAclAssociation::networkAclId))
          .filterMany("association.subnet-id", associations(NetworkAclAssociation::subnetId))
          .filterMany("entry.cidr", entries(NetworkAclEntry::cidrBlock))
          .filterMany("entry.ipv6-cidr", entries(NetworkAclEntry::ipv6CidrBlock))
          .filterMany("entry.egress", entries(NetworkAclEntry::egress))
          .filterMany("entry.protocol", entries(NetworkAclEntry::protocol))
          .filterMany("entry.rule-action", entries(NetworkAclEntry::ruleActionAsString))
          .filterMany("entry.rule-number", entries(NetworkAclEntry::ruleNumber))
          .filterMany("entry.icmp.code", entries(e -> icmp(e, IcmpTypeCode::code)))
          .filterMany("entry.icmp.type", entries(e -> icmp(e, IcmpTypeCode::type)))
          .filterMany("entry.port-range.from", entries(e -> ports(e, PortRange::from)))
          .filterMany("entry.port-range.to", entries(e -> ports(e, PortRange::to)))
          .inUseWhen((region, a) -> !a.associations.isEmpty())
          .build();

  /** The default ACL a new VPC gets (its id is the VPC's {@code defaultNetworkAclId}). */
  static void createDefault(VpcState st, VpcRecord vpc) {
    NetworkAclRecord acl = new NetworkAclRecord(vpc.defaultNetworkAclId, vpc.id, true);
    st.networkAcls.put(acl.id, acl);
  }

  /** A new subnet is associated with its VPC's default ACL (caller holds the state's lock). */
  static void associateDefault(VpcState st, SubnetRecord subnet) {
    VpcRecord vpc = st.vpcs.get(subnet.vpcId);
    NetworkAclRecord acl = vpc == null ? null : st.networkAcls.get(vpc.defaultNetworkAclId);
    if (acl != null) {
      acl.associations.put(subnet.id, Ids.next("aclassoc"));
    }
  }

  /** A deleted subnet's association goes with it (caller holds the state's lock). */
  static void dropAssociation(VpcState st, String subnetId) {
    st.networkAcls.values().forEach(a -> a.associations.remove(subnetId));
  }

  /** The ACL a subnet is associated with, or null (caller holds the state's lock). */
  static NetworkAclRecord of(VpcState st, String subnetId) {
    for (NetworkAclRecord a : st.networkAcls.values()) {
      if (a.associations.containsKey(subnetId)) {
        return a;
      }
    }
    return null;
  }

  private static NetworkAcl view(RequestContext ctx, NetworkAclRecord r) {
    List<NetworkAclEntry> entries =
        r.entries.stream()
            .sorted(
                Comparator.comparing((NetworkAclEntryRecord e) -> !e.egress())
                    .thenComparingInt(NetworkAclEntryRecord::ruleNumber))
            .map(NetworkAcls::entry)
            .toList();
    List<NetworkAclAssociation> associations =
        r.associations.entrySet().stream()
            .map(
                (Map.Entry<String, String> e) ->
                    NetworkAclAssociation.builder()
                        .networkAclAssociationId(e.getValue())
                        .networkAclId(r.id)
                        .subnetId(e.getKey())
                        .build())
            .toList();
    return NetworkAcl.builder()
        .networkAclId(r.id)
        .vpcId(r.vpcId)
        .isDefault(r.isDefault)
        .ownerId(ctx.account())
        .entries(entries)
        .associations(associations)
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }

  private static NetworkAclEntry entry(NetworkAclEntryRecord e) {
    NetworkAclEntry.Builder b =
        NetworkAclEntry.builder()
            .ruleNumber(e.ruleNumber())
            .egress(e.egress())
            .protocol(e.protocol())
            .ruleAction(e.allow() ? "allow" : "deny")
            .cidrBlock(e.cidr())
            .ipv6CidrBlock(e.ipv6Cidr());
    if (e.fromPort() != null) {
      b.portRange(p -> p.from(e.fromPort()).to(e.toPort()));
    }
    if (e.icmpType() != null) {
      b.icmpTypeCode(i -> i.type(e.icmpType()).code(e.icmpCode()));
    }
    return b.build();
  }

  private static Function<NetworkAcl, java.util.Collection<String>> associations(
      Function<NetworkAclAssociation, String> field) {
    return a -> a.associations().stream().map(field).filter(Objects::nonNull).toList();
  }

  private static Function<NetworkAcl, java.util.Collection<String>> entries(
      Function<NetworkAclEntry, Object> field) {
    return a ->
        a.entries().stream().map(field).filter(Objects::nonNull).map(String::valueOf).toList();
  }

  private static Object icmp(NetworkAclEntry e, Function<IcmpTypeCode, Integer> field) {
    return e.icmpTypeCode() == null ? null : field.apply(e.icmpTypeCode());
  }

  private static Object ports(NetworkAclEntry e, Function<PortRange, Integer> field) {
    return e.portRange() == null ? null : field.apply(e.portRange());
  }
}
