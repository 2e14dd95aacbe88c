package dev.ec2double.ec2.routeservers;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import software.amazon.awssdk.services.ec2.model.RouteServer;
import software.amazon.awssdk.services.ec2.model.RouteServerBfdStatus;
import software.amazon.awssdk.services.ec2.model.RouteServerBgpOptions;
import software.amazon.awssdk.services.ec2.model.RouteServerBgpStatus;
import software.amazon.awssdk.services.ec2.model.RouteServerEndpoint;
import software.amazon.awssdk.services.ec2.model.RouteServerPeer;

/**
 * Route servers, their endpoints and peers as resource kinds (ids {@code rs-}, {@code rse-}, {@code
 * rsp-}; MaxResults 5-1000). The API reference lists no filter names for their Describe calls;
 * these take one filter per member of the view, named as EC2 names its filters.
 */
final class RouteServerKinds {
  private RouteServerKinds() {}

  static final ResourceKind<RouteServerState.Server, RouteServer> SERVERS =
      ResourceKind.<RouteServerState.Server, RouteServer>of("rs", "route-server")
          .errors("InvalidRouteServerId.NotFound", "routeServer", "InvalidRouteServerId.Malformed")
          .storedIn(RouteServerState::of, st -> st.servers)
          .id(s -> s.id)
          .view(RouteServerKinds::server, RouteServer::tags)
          .filter("route-server-id", RouteServer::routeServerId)
          .filter("amazon-side-asn", RouteServer::amazonSideAsn)
          .filter("state", RouteServer::stateAsString)
          .filter("persist-routes-state", RouteServer::persistRoutesStateAsString)
          .filter("persist-routes-duration", RouteServer::persistRoutesDuration)
          .filter("sns-notifications-enabled", RouteServer::snsNotificationsEnabled)
          .filter("sns-topic-arn", RouteServer::snsTopicArn)
          .build();

  static final ResourceKind<RouteServerState.Endpoint, RouteServerEndpoint> ENDPOINTS =
      ResourceKind.<RouteServerState.Endpoint, RouteServerEndpoint>of(
              "rse", "route-server-endpoint")
          .errors(
              "InvalidRouteServerEndpointId.NotFound",
              "routeServerEndpoint",
              "InvalidRouteServerEndpointId.Malformed")
          .storedIn(RouteServerState::of, st -> st.endpoints)
          .id(e -> e.id)
          .view(RouteServerKinds::endpoint, RouteServerEndpoint::tags)
          .filter("route-server-endpoint-id", RouteServerEndpoint::routeServerEndpointId)
          .filter("route-server-id", RouteServerEndpoint::routeServerId)
          .filter("vpc-id", RouteServerEndpoint::vpcId)
          .filter("subnet-id", RouteServerEndpoint::subnetId)
          .filter("eni-id", RouteServerEndpoint::eniId)
          .filter("eni-address", RouteServerEndpoint::eniAddress)
          .filter("state", RouteServerEndpoint::stateAsString)
          .build();

  static final ResourceKind<RouteServerState.Peer, RouteServerPeer> PEERS =
      ResourceKind.<RouteServerState.Peer, RouteServerPeer>of("rsp", "route-server-peer")
          .errors(
              "InvalidRouteServerPeerId.NotFound",
              "routeServerPeer",
              "InvalidRouteServerPeerId.Malformed")
          .storedIn(RouteServerState::of, st -> st.peers)
          .id(p -> p.id)
          .view(RouteServerKinds::peer, RouteServerPeer::tags)
          .filter("route-server-peer-id", RouteServerPeer::routeServerPeerId)
          .filter("route-server-endpoint-id", RouteServerPeer::routeServerEndpointId)
          .filter("route-server-id", RouteServerPeer::routeServerId)
          .filter("vpc-id", RouteServerPeer::vpcId)
          .filter("subnet-id", RouteServerPeer::subnetId)
          .filter("endpoint-eni-id", RouteServerPeer::endpointEniId)
          .filter("endpoint-eni-address", RouteServerPeer::endpointEniAddress)
          .filter("peer-address", RouteServerPeer::peerAddress)
          .filter("peer-asn", p -> p.bgpOptions().peerAsn())
          .filter("peer-liveness-detection", p -> p.bgpOptions().peerLivenessDetectionAsString())
          .filter("bgp-status", p -> p.bgpStatus().statusAsString())
          .filter("state", RouteServerPeer::stateAsString)
          .build();

  static RouteServer server(RequestContext ctx, RouteServerState.Server s) {
    return RouteServer.builder()
        .routeServerId(s.id)
        .amazonSideAsn(s.asn)
        .state(s.state)
        .persistRoutesState(s.persistRoutes)
        .persistRoutesDuration(s.persistDuration)
        .snsNotificationsEnabled(s.sns)
        .snsTopicArn(
            s.sns
                ? "arn:aws:sns:" + ctx.region() + ":" + ctx.account() + ":route-server-" + s.id
                : null)
        .tags(ctx.tags().sdkTags(s.id))
        .build();
  }

  static RouteServerEndpoint endpoint(RequestContext ctx, RouteServerState.Endpoint e) {
    return RouteServerEndpoint.builder()
        .routeServerEndpointId(e.id)
        .routeServerId(e.serverId)
        .vpcId(e.vpcId)
        .subnetId(e.subnetId)
        .eniId(e.eniId)
        .eniAddress(e.eniAddress)
        .state(e.state)
        .tags(ctx.tags().sdkTags(e.id))
        .build();
  }

  /** No BGP speaker runs in ec2-double: every session is down, and says so. */
  static RouteServerPeer peer(RequestContext ctx, RouteServerState.Peer p) {
    RouteServerState.Endpoint e = p.endpoint;
    return RouteServerPeer.builder()
        .routeServerPeerId(p.id)
        .routeServerEndpointId(e.id)
        .routeServerId(e.serverId)
        .vpcId(e.vpcId)
        .subnetId(e.subnetId)
        .endpointEniId(e.eniId)
        .endpointEniAddress(e.eniAddress)
        .peerAddress(p.peerAddress)
        .state(p.state)
        .bgpOptions(
            RouteServerBgpOptions.builder()
                .peerAsn(p.peerAsn)
                .peerLivenessDetection(p.liveness)
                .build())
        .bgpStatus(RouteServerBgpStatus.builder().status("down").build())
        .bfdStatus(
            p.liveness.equals("bfd") ? RouteServerBfdStatus.builder().status("down").build() : null)
        .tags(ctx.tags().sdkTags(p.id))
        .build();
  }
}
