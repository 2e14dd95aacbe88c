package dev.ec2double.ec2.endpoints;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.ConsumerEndpoints;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AcceptVpcEndpointConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.AcceptVpcEndpointConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointPayerResponsibilityRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointPayerResponsibilityResponse;
import software.amazon.awssdk.services.ec2.model.PayerResponsibilityEntry;
import software.amazon.awssdk.services.ec2.model.PayerResponsibilityScope;
import software.amazon.awssdk.services.ec2.model.PayerResponsibilityType;
import software.amazon.awssdk.services.ec2.model.RejectVpcEndpointConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.RejectVpcEndpointConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.VpcEndpointAssociation;
import software.amazon.awssdk.services.ec2.model.VpcEndpointConnection;

/**
 * The provider's view of the endpoints connected to its services: DescribeVpcEndpointConnections,
 * Accept and Reject (the consumer's endpoint goes from {@code pendingAcceptance} to {@code
 * available} or {@code rejected}), who pays for a connection, and DescribeVpcEndpointAssociations
 * (service-network and resource endpoints, which ec2-double does not make: always empty).
 */
public final class EndpointConnectionsService {
  private static final FilterSpec<VpcEndpointConnection> FILTERS =
      FilterSpec.<VpcEndpointConnection>of()
          .field("ip-address-type", VpcEndpointConnection::ipAddressTypeAsString)
          .field("service-id", VpcEndpointConnection::serviceId)
          .field("vpc-endpoint-owner", VpcEndpointConnection::vpcEndpointOwner)
          .field("vpc-endpoint-region", VpcEndpointConnection::vpcEndpointRegion)
          .field("vpc-endpoint-state", VpcEndpointConnection::vpcEndpointStateAsString)
          .field("vpc-endpoint-id", VpcEndpointConnection::vpcEndpointId);

  private static final FilterSpec<VpcEndpointAssociation> ASSOCIATION_FILTERS =
      FilterSpec.<VpcEndpointAssociation>of()
          .field("vpc-endpoint-id", VpcEndpointAssociation::vpcEndpointId)
          .field(
              "associated-resource-accessibility",
              VpcEndpointAssociation::associatedResourceAccessibility)
          .field("association-id", VpcEndpointAssociation::id)
          .field("associated-resource-id", VpcEndpointAssociation::associatedResourceArn)
          .field("service-network-name", VpcEndpointAssociation::serviceNetworkName)
          .field("service-network-arn", VpcEndpointAssociation::serviceNetworkArn)
          .field(
              "resource-configuration-group-arn",
              VpcEndpointAssociation::resourceConfigurationGroupArn);

  private final PrivateServiceDirectory directory;

  public EndpointConnectionsService(PrivateServiceDirectory directory) {
    this.directory = directory;
  }

  public DescribeVpcEndpointConnectionsResponse describeVpcEndpointConnections(
      RequestContext ctx, DescribeVpcEndpointConnectionsRequest req) {
    var filter = FILTERS.compile(req.filters());
    EndpointServiceStore store = EndpointServiceStore.of(ctx.state());
    List<VpcEndpointConnection> all = new ArrayList<>();
    synchronized (store) {
      for (EndpointServiceStore.Service s : store.services.values()) {
        for (EndpointServiceStore.Connection c : s.connections.values()) {
          all.add(view(ctx, s, c));
        }
      }
    }
    var page =
        Pages.page(
            ctx.action(), all.stream().filter(filter).toList(), req.maxResults(), req.nextToken());
    return DescribeVpcEndpointConnectionsResponse.builder()
        .vpcEndpointConnections(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static VpcEndpointConnection view(
      RequestContext ctx, EndpointServiceStore.Service s, EndpointServiceStore.Connection c) {
    boolean iface = s.type.equals("Interface");
    return VpcEndpointConnection.builder()
        .serviceId(s.id)
        .vpcEndpointId(c.endpointId)
        .vpcEndpointOwner(c.owner)
        .vpcEndpointState(c.state)
        .vpcEndpointRegion(c.region)
        .vpcEndpointConnectionId(c.connectionId)
        .creationTimestamp(c.created)
        .dnsEntries(
            iface
                ? List.of(
                    DnsEntry.builder()
                        .dnsName(
                            c.endpointId
                                + "."
                                + EndpointServiceConfigs.baseDnsName(ctx.region(), s.id))
                        .hostedZoneId("Z7HUB22UULQXV")
                        .build())
                : List.of())
        .networkLoadBalancerArns(List.copyOf(s.networkLoadBalancerArns))
        .gatewayLoadBalancerArns(List.copyOf(s.gatewayLoadBalancerArns))
        .ipAddressType("ipv4")
        .payerResponsibilities(
            c.payer == null
                ? List.of()
                : List.of(
                    PayerResponsibilityEntry.builder()
                        .scope(PayerResponsibilityScope.VPC_ENDPOINT_CHARGES)
                        .payerResponsibilityType(c.payer)
                        .build()))
        .build();
  }

  public AcceptVpcEndpointConnectionsResponse acceptVpcEndpointConnections(
      RequestContext ctx, AcceptVpcEndpointConnectionsRequest req) {
    return AcceptVpcEndpointConnectionsResponse.builder()
        .unsuccessful(decide(ctx, req.serviceId(), req.vpcEndpointIds(), "available"))
        .build();
  }

  public RejectVpcEndpointConnectionsResponse rejectVpcEndpointConnections(
      RequestContext ctx, RejectVpcEndpointConnectionsRequest req) {
    return RejectVpcEndpointConnectionsResponse.builder()
        .unsuccessful(decide(ctx, req.serviceId(), req.vpcEndpointIds(), "rejected"))
        .build();
  }

  /**
   * Accepts a pending connection, or rejects a pending or available one; an endpoint that is not
   * connected, or not in a state that allows it, is an unsuccessful item.
   */
  private List<UnsuccessfulItem> decide(
      RequestContext ctx, String serviceId, List<String> endpointIds, String to) {
    if (serviceId == null) {
      throw AwsException.missingParameter("ServiceId");
    }
    if (endpointIds.isEmpty()) {
      throw AwsException.missingParameter("VpcEndpointId");
    }
    List<UnsuccessfulItem> failed = new ArrayList<>();
    List<EndpointServiceStore.Connection> changed = new ArrayList<>();
    EndpointServiceConfigs.KIND.modify(
        ctx,
        serviceId,
        s -> {
          for (String id : endpointIds) {
            EndpointServiceStore.Connection c = s.connections.get(id);
            if (c == null || c.state.equals("deleted")) {
              failed.add(
                  EndpointServicesService.unsuccessful(
                      id,
                      "InvalidVpcEndpoint.NotFound",
                      "The Vpc Endpoint Id '" + id + "' does not exist"));
            } else if (!c.state.equals("pendingAcceptance")
                && !(to.equals("rejected") && c.state.equals("available"))) {
              failed.add(
                  EndpointServicesService.unsuccessful(
                      id,
                      "InvalidVpcEndpointState",
                      "Endpoint " + id + " is " + c.state + ", not pendingAcceptance"));
            } else {
              c.state = to;
              changed.add(c);
            }
          }
          return s;
        });
    changed.forEach(c -> directory.tell(c, to));
    return failed;
  }

  /** Who pays for the endpoint charges of one connection of the caller's service. */
  public ModifyVpcEndpointPayerResponsibilityResponse modifyVpcEndpointPayerResponsibility(
      RequestContext ctx, ModifyVpcEndpointPayerResponsibilityRequest req) {
    if (req.serviceId() == null) {
      throw AwsException.missingParameter("ServiceId");
    }
    if (req.vpcEndpointId() == null) {
      throw AwsException.missingParameter("VpcEndpointId");
    }
    if (req.payerResponsibility() == null) {
      throw AwsException.missingParameter("PayerResponsibility");
    }
    if (req.payerResponsibility() == PayerResponsibilityType.UNKNOWN_TO_SDK_VERSION) {
      throw AwsException.invalidParameterValue(
          "Invalid value '"
              + req.payerResponsibilityAsString()
              + "' for PayerResponsibility: one of "
              + PayerResponsibilityType.knownValues());
    }
    if (req.scope() == PayerResponsibilityScope.UNKNOWN_TO_SDK_VERSION) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + req.scopeAsString() + "' for Scope");
    }
    String payer = req.payerResponsibilityAsString();
    EndpointServiceConfigs.KIND.modify(
        ctx,
        req.serviceId(),
        s -> {
          EndpointServiceStore.Connection c = s.connections.get(req.vpcEndpointId());
          if (c == null || c.state.equals("deleted")) {
            throw new AwsException(
                "InvalidVpcEndpointId.NotFound",
                "The Vpc Endpoint Id '" + req.vpcEndpointId() + "' is not connected to " + s.id);
          }
          c.payer = payer;
          return s;
        });
    return ModifyVpcEndpointPayerResponsibilityResponse.builder()
        .vpcEndpointId(req.vpcEndpointId())
        .payerResponsibilities(
            PayerResponsibilityEntry.builder()
                .scope(
                    req.scopeAsString() == null
                        ? PayerResponsibilityScope.VPC_ENDPOINT_CHARGES.toString()
                        : req.scopeAsString())
                .payerResponsibilityType(payer)
                .build())
        .build();
  }

  public DescribeVpcEndpointAssociationsResponse describeVpcEndpointAssociations(
      RequestContext ctx, DescribeVpcEndpointAssociationsRequest req) {
    ASSOCIATION_FILTERS.compile(req.filters());
    for (String id : req.vpcEndpointIds()) {
      if (!ConsumerEndpoints.exists(ctx.state(), id)) {
        throw new AwsException(
            "InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id '" + id + "' does not exist");
      }
    }
    Pages.page(ctx.action(), List.of(), req.maxResults(), req.nextToken());
    return DescribeVpcEndpointAssociationsResponse.builder()
        .vpcEndpointAssociations(List.of())
        .build();
  }
}
