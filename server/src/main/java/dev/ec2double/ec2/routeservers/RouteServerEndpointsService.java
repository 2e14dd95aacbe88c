package dev.ec2double.ec2.routeservers;

import static dev.ec2double.ec2.routeservers.RouteServerInputs.required;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.ManagedInterfaces;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.CreateRouteServerEndpointRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteServerEndpointResponse;
import software.amazon.awssdk.services.ec2.model.CreateRouteServerPeerRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteServerPeerResponse;
import software.amazon.awssdk.services.ec2.model.DeleteRouteServerEndpointRequest;
import software.amazon.awssdk.services.ec2.model.DeleteRouteServerEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DeleteRouteServerPeerRequest;
import software.amazon.awssdk.services.ec2.model.DeleteRouteServerPeerResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteServerEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteServerEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteServerPeersRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteServerPeersResponse;
import software.amazon.awssdk.services.ec2.model.RouteServerBgpOptionsRequest;

/**
 * Route server endpoints and peers. An endpoint is a requester-managed network interface in a
 * subnet of the route server's VPC, whose address the subnet really gives up (it shows in
 * DescribeNetworkInterfaces, and comes back when the endpoint is deleted). A peer is the BGP
 * device's address in that subnet and its ASN; no BGP speaker listens on the endpoint, so its
 * session stays {@code down}.
 */
public final class RouteServerEndpointsService {

  public CreateRouteServerEndpointResponse createRouteServerEndpoint(
      RequestContext ctx, CreateRouteServerEndpointRequest req) {
    var tags = RouteServerKinds.ENDPOINTS.tags(req.tagSpecifications());
    String subnetId = required(req.subnetId(), "SubnetId");
    RouteServerState st = RouteServerState.of(ctx.state());
    RouteServerState.Endpoint made;
    synchronized (st) {
      RouteServerState.Server s = RouteServerInputs.server(ctx.state(), req.routeServerId());
      String vpcId = VpcLookups.vpcOfSubnet(ctx.state(), subnetId);
      if (vpcId == null) {
        throw new AwsException(
            "InvalidSubnetID.NotFound", "The subnet ID '" + subnetId + "' does not exist");
      }
      if (!vpcId.equals(s.vpcId)) {
        throw RouteServerInputs.notAssociated(s.id, vpcId);
      }
      made =
          RouteServerKinds.ENDPOINTS.create(
              ctx,
              tags,
              id -> {
                var eni =
                    ManagedInterfaces.create(
                        ctx, subnetId, "Route Server Endpoint " + id, "route-server");
                return new RouteServerState.Endpoint(
                    id, s.id, vpcId, subnetId, eni.eniId(), eni.address());
              });
    }
    return CreateRouteServerEndpointResponse.builder()
        .routeServerEndpoint(
            RouteServerKinds.ENDPOINTS.view(ctx, made).toBuilder().state("pending").build())
        .build();
  }

  public DescribeRouteServerEndpointsResponse describeRouteServerEndpoints(
      RequestContext ctx, DescribeRouteServerEndpointsRequest req) {
    var page =
        RouteServerKinds.ENDPOINTS.describe(
            ctx, req.routeServerEndpointIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeRouteServerEndpointsResponse.builder()
        .routeServerEndpoints(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Only without live peers; its interface goes and the subnet gets the address back. */
  public DeleteRouteServerEndpointResponse deleteRouteServerEndpoint(
      RequestContext ctx, DeleteRouteServerEndpointRequest req) {
    RouteServerState st = RouteServerState.of(ctx.state());
    RouteServerState.Endpoint e;
    synchronized (st) {
      e = RouteServerInputs.endpoint(ctx.state(), req.routeServerEndpointId());
      if (st.peers.values().stream().anyMatch(p -> p.live() && p.endpoint.id.equals(e.id))) {
        throw RouteServerInputs.dependencies("routeServerEndpoint", e.id);
      }
      e.state = "deleted";
      ManagedInterfaces.delete(ctx, e.eniId);
    }
    return DeleteRouteServerEndpointResponse.builder()
        .routeServerEndpoint(
            RouteServerKinds.ENDPOINTS.view(ctx, e).toBuilder().state("deleting").build())
        .build();
  }

  public CreateRouteServerPeerResponse createRouteServerPeer(
      RequestContext ctx, CreateRouteServerPeerRequest req) {
    var tags = RouteServerKinds.PEERS.tags(req.tagSpecifications());
    String address = required(req.peerAddress(), "PeerAddress");
    RouteServerBgpOptionsRequest bgp = required(req.bgpOptions(), "BgpOptions");
    long asn = RouteServerInputs.asn(bgp.peerAsn(), "BgpOptions.PeerAsn");
    String liveness =
        bgp.peerLivenessDetectionAsString() == null
            ? "bgp-keepalive"
            : bgp.peerLivenessDetectionAsString();
    if (!liveness.equals("bgp-keepalive") && !liveness.equals("bfd")) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + liveness
              + ") for parameter BgpOptions.PeerLivenessDetection is invalid. Use bfd or"
              + " bgp-keepalive.");
    }
    if (Cidr.ip(address) < 0) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + address
              + ") for parameter PeerAddress is invalid. It is not an IPv4 address.");
    }
    RouteServerState st = RouteServerState.of(ctx.state());
    RouteServerState.Peer made;
    synchronized (st) {
      RouteServerState.Endpoint e =
          RouteServerInputs.endpoint(ctx.state(), req.routeServerEndpointId());
      if (!ManagedInterfaces.inSubnet(ctx.state(), e.subnetId, address)) {
        throw AwsException.invalidParameterValue(
            "The peer address " + address + " is not in the endpoint's subnet " + e.subnetId + ".");
      }
      if (address.equals(e.eniAddress)) {
        throw AwsException.invalidParameterValue(
            "The peer address " + address + " is the endpoint's own address.");
      }
      for (RouteServerState.Peer other : st.peers.values()) {
        if (other.live() && other.endpoint == e && other.peerAddress.equals(address)) {
          throw new AwsException(
              "InvalidParameterValue",
              "The endpoint '"
                  + e.id
                  + "' already has the peer "
                  + address
                  + " ("
                  + other.id
                  + ").");
        }
      }
      made =
          RouteServerKinds.PEERS.create(
              ctx, tags, id -> new RouteServerState.Peer(id, e, address, asn, liveness));
    }
    return CreateRouteServerPeerResponse.builder()
        .routeServerPeer(
            RouteServerKinds.PEERS.view(ctx, made).toBuilder().state("pending").build())
        .build();
  }

  public DescribeRouteServerPeersResponse describeRouteServerPeers(
      RequestContext ctx, DescribeRouteServerPeersRequest req) {
    var page =
        RouteServerKinds.PEERS.describe(
            ctx, req.routeServerPeerIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeRouteServerPeersResponse.builder()
        .routeServerPeers(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DeleteRouteServerPeerResponse deleteRouteServerPeer(
      RequestContext ctx, DeleteRouteServerPeerRequest req) {
    RouteServerState st = RouteServerState.of(ctx.state());
    RouteServerState.Peer p;
    synchronized (st) {
      p = RouteServerInputs.peer(ctx.state(), req.routeServerPeerId());
      p.state = "deleted";
    }
    return DeleteRouteServerPeerResponse.builder()
        .routeServerPeer(RouteServerKinds.PEERS.view(ctx, p).toBuilder().state("deleting").build())
        .build();
  }
}
