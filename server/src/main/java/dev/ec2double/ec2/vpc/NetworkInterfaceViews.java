package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAssociation;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttachment;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceIpv6Address;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;

/** Network interfaces as DescribeNetworkInterfaces shows them. */
final class NetworkInterfaceViews {
  private NetworkInterfaceViews() {}

  static NetworkInterface eni(RequestContext ctx, VpcState st, NetworkInterfaceRecord n) {
    String dns = privateDnsName(st.region, n.privateIp);
    ElasticIpRecord eip = st.addressOfEni(n.id);
    NetworkInterfaceAssociation assoc =
        eip == null
            ? null
            : NetworkInterfaceAssociation.builder()
                .allocationId(eip.allocationId)
                .associationId(eip.associationId)
                .ipOwnerId(st.account)
                .publicIp(eip.publicIp)
                .publicDnsName("")
                .build();
    NetworkInterface.Builder b =
        NetworkInterface.builder()
            .networkInterfaceId(n.id)
            .subnetId(n.subnetId)
            .vpcId(n.vpcId)
            .availabilityZone(n.zone)
            .description(n.description)
            .ownerId(st.account)
            .requesterId(
                n.requesterId != null
                    ? n.requesterId
                    : n.instanceId != null && n.deviceIndex == 0 ? "AIDAEC2DOUBLE" : null)
            .requesterManaged(n.requesterId != null)
            .status(n.instanceId == null && n.requesterId == null ? "available" : "in-use")
            .macAddress(n.mac)
            .privateIpAddress(n.privateIp)
            .privateDnsName(dns)
            .sourceDestCheck(n.sourceDestCheck)
            .interfaceType(n.interfaceType)
            .groups(groups(st, n.groupIds))
            .association(assoc)
            .ipv6Addresses(
                n.ipv6Addresses.stream()
                    .map(a -> NetworkInterfaceIpv6Address.builder().ipv6Address(a).build())
                    .toList())
            .privateIpAddresses(privateIps(st, n, dns, assoc))
            .tagSet(ctx.tags().sdkTags(n.id));
    if (n.instanceId != null) {
      b.attachment(
          NetworkInterfaceAttachment.builder()
              .attachmentId(n.attachmentId)
              .instanceId(n.instanceId)
              .instanceOwnerId(st.account)
              .deviceIndex(n.deviceIndex)
              .networkCardIndex(0)
              .status("attached")
              .attachTime(n.attachTime)
              .deleteOnTermination(n.deleteOnTermination)
              .build());
    }
    return b.build();
  }

  /** The primary address, then the secondary ones, as the interface's PrivateIpAddresses. */
  private static List<NetworkInterfacePrivateIpAddress> privateIps(
      VpcState st, NetworkInterfaceRecord n, String dns, NetworkInterfaceAssociation assoc) {
    List<NetworkInterfacePrivateIpAddress> out = new java.util.ArrayList<>();
    out.add(
        NetworkInterfacePrivateIpAddress.builder()
            .primary(true)
            .privateIpAddress(n.privateIp)
            .privateDnsName(dns)
            .association(assoc)
            .build());
    for (String ip : n.secondaryIps) {
      out.add(
          NetworkInterfacePrivateIpAddress.builder()
              .primary(false)
              .privateIpAddress(ip)
              .privateDnsName(privateDnsName(st.region, ip))
              .build());
    }
    return out;
  }

  static List<GroupIdentifier> groups(VpcState st, List<String> ids) {
    return ids.stream()
        .map(
            id -> {
              SecurityGroupRecord g = st.groups.get(id);
              return GroupIdentifier.builder()
                  .groupId(id)
                  .groupName(g == null ? null : g.name)
                  .build();
            })
        .toList();
  }

  /**
   * {@code ip-10-0-1-5.ec2.internal} in us-east-1, {@code ip-....REGION.compute.internal}
   * elsewhere.
   */
  public static String privateDnsName(String region, String ip) {
    String host = "ip-" + ip.replace('.', '-');
    return region.equals("us-east-1")
        ? host + ".ec2.internal"
        : host + "." + region + ".compute.internal";
  }
}
