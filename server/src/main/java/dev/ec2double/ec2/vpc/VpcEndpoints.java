package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.SecurityGroupIdentifier;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

/**
 * VPC endpoints as a resource kind, with the filters of
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpoints.html.
 */
final class VpcEndpoints {
  private VpcEndpoints() {}

  static final String DEFAULT_POLICY =
      "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
          + "\"Action\":\"*\",\"Resource\":\"*\"}]}";

  static final ResourceKind<VpcEndpointRecord, VpcEndpoint> KIND =
      ResourceKind.<VpcEndpointRecord, VpcEndpoint>of("vpce", "vpc-endpoint")
          .errors("InvalidVpcEndpointId.NotFound", "vpcEndpoint", "InvalidVpcEndpointId.Malformed")
          .storedIn(VpcState::of, st -> st.endpoints)
          .id(e -> e.id)
          .view(VpcEndpoints::view, VpcEndpoint::tags)
          .filter("ip-address-type", VpcEndpoint::ipAddressTypeAsString)
          .filter("service-name", VpcEndpoint::serviceName)
          .filter("service-region", e -> e.serviceName().split("\\.")[2])
          .filter("vpc-id", VpcEndpoint::vpcId)
          .filter("vpc-endpoint-id", VpcEndpoint::vpcEndpointId)
          .filter("vpc-endpoint-state", e -> e.stateAsString().toLowerCase(java.util.Locale.ROOT))
          .filter("vpc-endpoint-type", VpcEndpoint::vpcEndpointTypeAsString)
          .build();

  private static VpcEndpoint view(RequestContext ctx, VpcEndpointRecord r) {
    VpcState st = VpcState.of(ctx.state());
    List<DnsEntry> dns = new ArrayList<>();
    List<SecurityGroupIdentifier> groups = new ArrayList<>();
    if (r.type.equals("Interface")) {
      String service =
          r.serviceName.substring(
              r.serviceName.lastIndexOf(ctx.region()) + ctx.region().length() + 1);
      dns.add(
          DnsEntry.builder()
              .dnsName(r.id + "." + service + "." + ctx.region() + ".vpce.amazonaws.com")
              .hostedZoneId("Z7HUB22UULQXV")
              .build());
      for (String g : r.groupIds) {
        SecurityGroupRecord sg = st.groups.get(g);
        groups.add(
            SecurityGroupIdentifier.builder()
                .groupId(g)
                .groupName(sg == null ? null : sg.name)
                .build());
      }
    }
    return VpcEndpoint.builder()
        .vpcEndpointId(r.id)
        .vpcEndpointType(r.type)
        .vpcId(r.vpcId)
        .serviceName(r.serviceName)
        .serviceRegion(ctx.region())
        .state(r.state)
        .policyDocument(r.policy)
        .routeTableIds(List.copyOf(r.routeTableIds))
        .subnetIds(List.copyOf(r.subnets.keySet()))
        .networkInterfaceIds(List.copyOf(r.subnets.values()))
        .groups(groups)
        .dnsEntries(dns)
        .privateDnsEnabled(r.privateDns)
        .requesterManaged(false)
        .ipAddressType(r.type.equals("Interface") ? "ipv4" : null)
        .creationTimestamp(r.created)
        .ownerId(ctx.account())
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }
}
