package dev.ec2double.ec2.clientvpn;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ApplySecurityGroupsToClientVpnTargetNetworkRequest;
import software.amazon.awssdk.services.ec2.model.ApplySecurityGroupsToClientVpnTargetNetworkResponse;
import software.amazon.awssdk.services.ec2.model.AssociateClientVpnTargetNetworkRequest;
import software.amazon.awssdk.services.ec2.model.AssociateClientVpnTargetNetworkResponse;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnTargetNetworksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnTargetNetworksResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateClientVpnTargetNetworkRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateClientVpnTargetNetworkResponse;
import software.amazon.awssdk.services.ec2.model.TargetNetwork;

/**
 * Target networks of Client VPN endpoints: one subnet per Availability Zone, all of one VPC, which
 * becomes the endpoint's VPC (its default security group unless the endpoint names groups). Each
 * association adds the route to the VPC's CIDR through its subnet (origin {@code associate}), and
 * disassociating takes away the routes through that subnet; with the last one gone the endpoint is
 * {@code pending-associate} again. An endpoint on a transit gateway associates zones instead.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateClientVpnTargetNetwork.html
 */
public final class TargetNetworksService {
  private static final FilterSpec<TargetNetwork> FILTERS =
      FilterSpec.<TargetNetwork>of()
          .field("association-id", TargetNetwork::associationId)
          .field("target-network-id", TargetNetwork::targetNetworkId)
          .field("vpc-id", TargetNetwork::vpcId);

  public AssociateClientVpnTargetNetworkResponse associateClientVpnTargetNetwork(
      RequestContext ctx, AssociateClientVpnTargetNetworkRequest req) {
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      ClientVpnStore.Endpoint e = ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
      ClientVpnStore.Association a =
          e.transitGatewayId != null ? zone(ctx, e, req) : subnet(ctx, e, req.subnetId(), req);
      e.associations.put(a.id, a);
      return AssociateClientVpnTargetNetworkResponse.builder()
          .associationId(a.id)
          .status(st -> st.code("associating"))
          .build();
    }
  }

  private static ClientVpnStore.Association subnet(
      RequestContext ctx,
      ClientVpnStore.Endpoint e,
      String subnetId,
      AssociateClientVpnTargetNetworkRequest req) {
    if (req.availabilityZone() != null || req.availabilityZoneId() != null) {
      throw AwsException.invalidParameterCombination(
          "AvailabilityZone and AvailabilityZoneId are only for an endpoint on a transit gateway.");
    }
    if (subnetId == null) {
      throw AwsException.missingParameter("SubnetId");
    }
    VpcLookups.Subnet sn = VpcLookups.subnet(ctx.state(), subnetId);
    if (e.vpcId != null && !e.vpcId.equals(sn.vpcId())) {
      throw new AwsException(
          "InvalidClientVpnSubnetId.NotFound",
          "The subnet "
              + subnetId
              + " is not in "
              + e.vpcId
              + ", the VPC of "
              + e.id
              + ": change the endpoint's VPC first (ModifyClientVpnEndpoint).");
    }
    for (ClientVpnStore.Association other : e.associations.values()) {
      if (subnetId.equals(other.subnetId)) {
        throw new AwsException(
            "InvalidClientVpnDuplicateAssociationException",
            "The subnet " + subnetId + " is already associated with " + e.id + ".");
      }
      if (sn.zone().equals(other.zone)) {
        throw new AwsException(
            "InvalidClientVpnSubnetId.DuplicateAz",
            "A subnet of " + sn.zone() + " (" + other.subnetId + ") is already associated.");
      }
    }
    Cidr clients = Cidr.parseOrNull(e.clientCidr);
    List<String> vpcCidrs = VpcLookups.vpcCidrs(ctx.state(), sn.vpcId());
    for (String block : concat(List.of(sn.cidr()), vpcCidrs)) {
      if (Cidr.parseOrNull(block).overlaps(clients)) {
        throw new AwsException(
            "InvalidClientVpnSubnetId.OverlappingCidr",
            "The CIDR " + block + " overlaps the client CIDR " + e.clientCidr + ".");
      }
    }
    List<String> groups =
        sn.vpcId().equals(e.vpcId) && !e.securityGroups.isEmpty()
            ? e.securityGroups
            : List.of(VpcLookups.defaultSecurityGroup(ctx.state(), sn.vpcId()));
    e.vpcId = sn.vpcId();
    e.securityGroups = groups;
    for (String block : vpcCidrs) {
      e.routes.add(
          new ClientVpnStore.Route(block, subnetId, null, "Nat", "associate", "Default Route"));
    }
    return new ClientVpnStore.Association(
        Ids.next("cvpn-assoc"), subnetId, sn.vpcId(), sn.zone(), sn.zoneId(), groups);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  /** An endpoint on a transit gateway is associated with zones of its configuration. */
  private static ClientVpnStore.Association zone(
      RequestContext ctx, ClientVpnStore.Endpoint e, AssociateClientVpnTargetNetworkRequest req) {
    if (req.subnetId() != null) {
      throw AwsException.invalidParameterCombination(
          "An endpoint on a transit gateway is associated with an AvailabilityZone, not a subnet.");
    }
    if (req.availabilityZone() == null && req.availabilityZoneId() == null) {
      throw AwsException.missingParameter("AvailabilityZone");
    }
    RegionCatalog.Zone z =
        RegionCatalog.zoneOrNull(ctx.region(), req.availabilityZone(), req.availabilityZoneId());
    if (z == null) {
      throw AwsException.invalidParameterValue(
          "The Availability Zone "
              + (req.availabilityZone() != null ? req.availabilityZone() : req.availabilityZoneId())
              + " is not a zone of "
              + ctx.region()
              + ".");
    }
    if (e.associations.values().stream().anyMatch(a -> z.name().equals(a.zone))) {
      throw new AwsException(
          "InvalidClientVpnSubnetId.DuplicateAz", z.name() + " is already associated.");
    }
    return new ClientVpnStore.Association(
        Ids.next("cvpn-assoc"), null, null, z.name(), z.zoneId(), e.securityGroups);
  }

  public DisassociateClientVpnTargetNetworkResponse disassociateClientVpnTargetNetwork(
      RequestContext ctx, DisassociateClientVpnTargetNetworkRequest req) {
    if (req.associationId() == null) {
      throw AwsException.missingParameter("AssociationId");
    }
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      ClientVpnStore.Endpoint e = ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
      ClientVpnStore.Association a = e.associations.remove(req.associationId());
      if (a == null) {
        throw new AwsException(
            "InvalidClientVpnAssociationIdNotFound",
            "The association " + req.associationId() + " of " + e.id + " cannot be found.");
      }
      if (a.subnetId != null) {
        e.routes.removeIf(r -> a.subnetId.equals(r.targetSubnet()));
      }
      return DisassociateClientVpnTargetNetworkResponse.builder()
          .associationId(a.id)
          .status(st -> st.code("disassociating"))
          .build();
    }
  }

  /** Replaces the security groups of the endpoint's target networks in its VPC. */
  public ApplySecurityGroupsToClientVpnTargetNetworkResponse
      applySecurityGroupsToClientVpnTargetNetwork(
          RequestContext ctx, ApplySecurityGroupsToClientVpnTargetNetworkRequest req) {
    if (req.vpcId() == null) {
      throw AwsException.missingParameter("VpcId");
    }
    if (req.securityGroupIds().isEmpty()) {
      throw AwsException.missingParameter("SecurityGroupIds");
    }
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      ClientVpnStore.Endpoint e = ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
      if (!req.vpcId().equals(e.vpcId)) {
        throw AwsException.invalidParameterValue(
            "The VPC " + req.vpcId() + " is not the VPC of " + e.id + " (" + e.vpcId + ").");
      }
      List<String> groups = EndpointInputs.securityGroups(ctx, e.vpcId, req.securityGroupIds());
      e.securityGroups = groups;
      e.associations.values().forEach(a -> a.securityGroups = groups);
      return ApplySecurityGroupsToClientVpnTargetNetworkResponse.builder()
          .securityGroupIds(groups)
          .build();
    }
  }

  public DescribeClientVpnTargetNetworksResponse describeClientVpnTargetNetworks(
      RequestContext ctx, DescribeClientVpnTargetNetworksRequest req) {
    var page =
        ClientVpnEndpoints.page(
            ctx,
            req.clientVpnEndpointId(),
            FILTERS,
            req.filters(),
            req.maxResults(),
            req.nextToken(),
            e ->
                e.associations.values().stream()
                    .filter(
                        a -> req.associationIds().isEmpty() || req.associationIds().contains(a.id))
                    .map(a -> view(e, a)));
    return DescribeClientVpnTargetNetworksResponse.builder()
        .clientVpnTargetNetworks(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static TargetNetwork view(ClientVpnStore.Endpoint e, ClientVpnStore.Association a) {
    var b =
        TargetNetwork.builder()
            .associationId(a.id)
            .vpcId(a.vpcId)
            .targetNetworkId(a.subnetId != null ? a.subnetId : e.transitGatewayId)
            .clientVpnEndpointId(e.id)
            .status(st -> st.code("associated"))
            .securityGroups(a.securityGroups);
    if (a.subnetId == null) {
      b.availabilityZones(a.zone).availabilityZoneIds(a.zoneId);
    }
    return b.build();
  }
}
