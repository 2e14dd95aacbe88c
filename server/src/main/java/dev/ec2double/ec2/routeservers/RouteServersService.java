package dev.ec2double.ec2.routeservers;

import static dev.ec2double.ec2.routeservers.RouteServerInputs.required;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AssociateRouteServerRequest;
import software.amazon.awssdk.services.ec2.model.AssociateRouteServerResponse;
import software.amazon.awssdk.services.ec2.model.CreateRouteServerRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteServerResponse;
import software.amazon.awssdk.services.ec2.model.DeleteRouteServerRequest;
import software.amazon.awssdk.services.ec2.model.DeleteRouteServerResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteServersRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteServersResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateRouteServerRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateRouteServerResponse;
import software.amazon.awssdk.services.ec2.model.GetRouteServerAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.GetRouteServerAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyRouteServerRequest;
import software.amazon.awssdk.services.ec2.model.ModifyRouteServerResponse;
import software.amazon.awssdk.services.ec2.model.RouteServerAssociation;

/**
 * VPC Route Server: route servers and their VPC association, as records (no BGP speaker runs). A
 * route server is associated with one VPC at a time, and a VPC has one route server; it is deleted
 * only once disassociated, and disassociated only without endpoints and propagations.
 * https://docs.aws.amazon.com/vpc/latest/userguide/dynamic-routing-route-server.html
 */
public final class RouteServersService {
  public RouteServersService(Resources resources) {
    RouteServerKinds.SERVERS.registerTaggable(resources);
    RouteServerKinds.ENDPOINTS.registerTaggable(resources);
    RouteServerKinds.PEERS.registerTaggable(resources);
  }

  public CreateRouteServerResponse createRouteServer(
      RequestContext ctx, CreateRouteServerRequest req) {
    var tags = RouteServerKinds.SERVERS.tags(req.tagSpecifications());
    long asn = RouteServerInputs.asn(req.amazonSideAsn(), "AmazonSideAsn");
    String action = req.persistRoutesAsString() == null ? "disable" : req.persistRoutesAsString();
    if (action.equals("reset")) {
      throw AwsException.invalidParameterValue(
          "Value (reset) for parameter PersistRoutes is invalid. Use enable or disable.");
    }
    Long duration = persistDuration(action, req.persistRoutesDuration());
    boolean sns = Boolean.TRUE.equals(req.snsNotificationsEnabled());
    var made =
        RouteServerKinds.SERVERS.create(
            ctx,
            tags,
            id -> {
              var s = new RouteServerState.Server(id, asn);
              s.persistRoutes = action.equals("enable") ? "enabled" : "disabled";
              s.persistDuration = duration;
              s.sns = sns;
              return s;
            });
    return CreateRouteServerResponse.builder()
        .routeServer(RouteServerKinds.SERVERS.view(ctx, made).toBuilder().state("pending").build())
        .build();
  }

  /**
   * PersistRoutesDuration: minutes (1 to 5) to keep persisted routes after BGP is back, required
   * when routes are persisted and refused otherwise.
   */
  private static Long persistDuration(String action, Long duration) {
    if (!action.equals("enable") && !action.equals("disable") && !action.equals("reset")) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + action
              + ") for parameter PersistRoutes is invalid. Use enable, disable or reset.");
    }
    if (duration != null && (duration < 1 || duration > 5)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + duration
              + ") for parameter PersistRoutesDuration is invalid. It must be 1 to 5 minutes.");
    }
    if (action.equals("enable") && duration == null) {
      throw AwsException.invalidParameterCombination(
          "PersistRoutesDuration is required when PersistRoutes is enable.");
    }
    if (action.equals("disable") && duration != null) {
      throw AwsException.invalidParameterCombination(
          "PersistRoutesDuration can only be given when PersistRoutes is enable.");
    }
    return duration;
  }

  public DescribeRouteServersResponse describeRouteServers(
      RequestContext ctx, DescribeRouteServersRequest req) {
    var page =
        RouteServerKinds.SERVERS.describe(
            ctx, req.routeServerIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeRouteServersResponse.builder()
        .routeServers(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /**
   * Persistence is enabled, disabled or reset (the persisted routes dropped: there are none here);
   * the answer shows the change under way, a Describe after it the result.
   */
  public ModifyRouteServerResponse modifyRouteServer(
      RequestContext ctx, ModifyRouteServerRequest req) {
    String action = req.persistRoutesAsString();
    RouteServerState.Server s = RouteServerInputs.server(ctx.state(), req.routeServerId());
    String shownPersist =
        RouteServerKinds.SERVERS.modify(
            ctx,
            s.id,
            r -> {
              String shown = r.persistRoutes;
              if (action != null) {
                Long duration = persistDuration(action, req.persistRoutesDuration());
                switch (action) {
                  case "enable" -> {
                    shown = r.persistRoutes.equals("enabled") ? "modifying" : "enabling";
                    r.persistRoutes = "enabled";
                    r.persistDuration = duration;
                  }
                  case "disable" -> {
                    shown = r.persistRoutes.equals("disabled") ? "disabled" : "disabling";
                    r.persistRoutes = "disabled";
                    r.persistDuration = null;
                  }
                  default -> {
                    if (!r.persistRoutes.equals("enabled")) {
                      throw new AwsException(
                          "IncorrectState",
                          "The route server '"
                              + r.id
                              + "' does not persist routes: nothing to reset.");
                    }
                    shown = "resetting";
                    if (duration != null) {
                      r.persistDuration = duration;
                    }
                  }
                }
              } else if (req.persistRoutesDuration() != null) {
                throw AwsException.invalidParameterCombination(
                    "PersistRoutesDuration can only be given with PersistRoutes.");
              }
              if (req.snsNotificationsEnabled() != null) {
                r.sns = req.snsNotificationsEnabled();
              }
              return shown;
            });
    return ModifyRouteServerResponse.builder()
        .routeServer(
            RouteServerKinds.SERVERS.view(ctx, s).toBuilder()
                .persistRoutesState(shownPersist)
                .build())
        .build();
  }

  public DeleteRouteServerResponse deleteRouteServer(
      RequestContext ctx, DeleteRouteServerRequest req) {
    RouteServerState st = RouteServerState.of(ctx.state());
    RouteServerState.Server s;
    synchronized (st) {
      s = RouteServerInputs.server(ctx.state(), req.routeServerId());
      if (s.vpcId != null || st.hasEndpoints(s.id)) {
        throw RouteServerInputs.dependencies("routeServer", s.id);
      }
      s.state = "deleted";
    }
    return DeleteRouteServerResponse.builder()
        .routeServer(RouteServerKinds.SERVERS.view(ctx, s).toBuilder().state("deleting").build())
        .build();
  }

  public AssociateRouteServerResponse associateRouteServer(
      RequestContext ctx, AssociateRouteServerRequest req) {
    String vpcId = required(req.vpcId(), "VpcId");
    RouteServerState st = RouteServerState.of(ctx.state());
    synchronized (st) {
      RouteServerState.Server s = RouteServerInputs.server(ctx.state(), req.routeServerId());
      if (!VpcLookups.vpcExists(ctx.state(), vpcId)) {
        throw new AwsException(
            "InvalidVpcID.NotFound", "The vpc ID '" + vpcId + "' does not exist");
      }
      if (s.vpcId != null) {
        throw new AwsException(
            "Resource.AlreadyAssociated",
            "The route server '"
                + s.id
                + "' is already associated with the VPC '"
                + s.vpcId
                + "'.");
      }
      for (RouteServerState.Server other : st.servers.values()) {
        if (other.live() && vpcId.equals(other.vpcId)) {
          throw new AwsException(
              "Resource.AlreadyAssociated",
              "The VPC '" + vpcId + "' already has the route server '" + other.id + "'.");
        }
      }
      s.vpcId = vpcId;
    }
    return AssociateRouteServerResponse.builder()
        .routeServerAssociation(association(req.routeServerId(), vpcId, "associating"))
        .build();
  }

  public DisassociateRouteServerResponse disassociateRouteServer(
      RequestContext ctx, DisassociateRouteServerRequest req) {
    String vpcId = required(req.vpcId(), "VpcId");
    RouteServerState st = RouteServerState.of(ctx.state());
    synchronized (st) {
      RouteServerState.Server s = RouteServerInputs.server(ctx.state(), req.routeServerId());
      if (!vpcId.equals(s.vpcId)) {
        throw RouteServerInputs.notAssociated(s.id, vpcId);
      }
      if (st.hasEndpoints(s.id) || !s.propagations.isEmpty()) {
        throw new AwsException(
            "DependencyViolation",
            "The route server '"
                + s.id
                + "' has endpoints or propagations in the VPC '"
                + vpcId
                + "': delete them before disassociating it.");
      }
      s.vpcId = null;
    }
    return DisassociateRouteServerResponse.builder()
        .routeServerAssociation(association(req.routeServerId(), vpcId, "disassociating"))
        .build();
  }

  public GetRouteServerAssociationsResponse getRouteServerAssociations(
      RequestContext ctx, GetRouteServerAssociationsRequest req) {
    RouteServerState st = RouteServerState.of(ctx.state());
    String vpcId;
    synchronized (st) {
      vpcId = RouteServerInputs.server(ctx.state(), req.routeServerId()).vpcId;
    }
    return GetRouteServerAssociationsResponse.builder()
        .routeServerAssociations(
            vpcId == null
                ? List.of()
                : List.of(association(req.routeServerId(), vpcId, "associated")))
        .build();
  }

  private static RouteServerAssociation association(String serverId, String vpcId, String state) {
    return RouteServerAssociation.builder()
        .routeServerId(serverId)
        .vpcId(vpcId)
        .state(state)
        .build();
  }
}
