package dev.ec2double.ec2.clientvpn;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.ec2.vpc.TransitGatewayLookups;
import dev.ec2double.errors.AwsException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateClientVpnEndpointRequest;
import software.amazon.awssdk.services.ec2.model.CreateClientVpnEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DeleteClientVpnEndpointRequest;
import software.amazon.awssdk.services.ec2.model.DeleteClientVpnEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyClientVpnEndpointRequest;
import software.amazon.awssdk.services.ec2.model.ModifyClientVpnEndpointResponse;

/**
 * Client VPN endpoints: created {@code pending-associate}, {@code available} while a target network
 * is associated ({@link TargetNetworksService}), deleted only without associations, as AWS refuses
 * it. An endpoint on a transit gateway gets a {@code client-vpn} attachment that waits for
 * AcceptTransitGatewayClientVpnAttachment. Records: no VPN server runs (docs/networking.md).
 * https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/cvpn-working-endpoints.html
 */
public final class ClientVpnEndpointsService {

  public ClientVpnEndpointsService(Resources resources) {
    ClientVpnEndpoints.KIND.registerTaggable(resources);
  }

  public CreateClientVpnEndpointResponse createClientVpnEndpoint(
      RequestContext ctx, CreateClientVpnEndpointRequest req) {
    var tags = ClientVpnEndpoints.KIND.tags(req.tagSpecifications());
    String cidr = EndpointInputs.clientCidr(req.clientCidrBlock()).toString();
    String server =
        EndpointInputs.certificateArn(ctx, req.serverCertificateArn(), "ServerCertificateArn");
    var auth = EndpointInputs.authentication(ctx, req.authenticationOptions());
    var log = req.connectionLogOptions();
    if (log == null) {
      throw AwsException.missingParameter("ConnectionLogOptions");
    }
    EndpointInputs.logGroup(log.enabled(), log.cloudwatchLogGroup());
    String transport = EndpointInputs.transport(req.transportProtocolAsString());
    int port = req.vpnPort() == null ? 443 : EndpointInputs.port(req.vpnPort());
    var dns = EndpointInputs.dnsServers(req.dnsServers());
    int hours =
        req.sessionTimeoutHours() == null
            ? 24
            : EndpointInputs.sessionTimeout(req.sessionTimeoutHours());
    String portal =
        EndpointInputs.enabledOrDisabled(
            req.selfServicePortalAsString(), "SelfServicePortal", "disabled");
    EndpointInputs.portal(portal, auth);
    var connect = req.clientConnectOptions();
    boolean connectOn = connect != null && Boolean.TRUE.equals(connect.enabled());
    String lambda =
        EndpointInputs.lambda(connectOn, connect == null ? null : connect.lambdaFunctionArn());
    var banner = req.clientLoginBannerOptions();
    boolean bannerOn = banner != null && Boolean.TRUE.equals(banner.enabled());
    String bannerText =
        EndpointInputs.banner(bannerOn, banner == null ? null : banner.bannerText());
    String endpointIp =
        EndpointInputs.ipType(req.endpointIpAddressTypeAsString(), "EndpointIpAddressType");
    String trafficIp =
        EndpointInputs.ipType(req.trafficIpAddressTypeAsString(), "TrafficIpAddressType");
    String vpc = req.vpcId() == null ? null : EndpointInputs.vpc(ctx, req.vpcId(), cidr);
    List<String> groups = EndpointInputs.securityGroups(ctx, vpc, req.securityGroupIds());
    var tgw = req.transitGatewayConfiguration();
    String tgwId =
        tgw == null ? null : TransitGatewayLookups.gateway(ctx, tgw.transitGatewayId()).id();
    List<String> zones = tgw == null ? List.of() : zones(ctx, tgw.availabilityZones());

    ClientVpnStore.Endpoint e =
        ClientVpnEndpoints.KIND.create(
            ctx,
            tags,
            id -> {
              String attachment =
                  tgwId == null
                      ? null
                      : TransitGatewayLookups.createAttachment(
                          ctx, List.of(), tgwId, "client-vpn", id, "pendingAcceptance", false);
              var made =
                  new ClientVpnStore.Endpoint(
                      id, cidr, transport, auth, endpointIp, trafficIp, tgwId, attachment, zones);
              made.description = req.description();
              made.serverCertificateArn = server;
              made.logEnabled = log.enabled();
              made.logGroup = log.enabled() ? log.cloudwatchLogGroup() : null;
              made.logStream = log.enabled() ? stream(ctx, id, log.cloudwatchLogStream()) : null;
              made.logPolicyContext = log.includeAuthorizationPolicyContext();
              made.dnsServers = dns;
              made.port = port;
              made.splitTunnel = Boolean.TRUE.equals(req.splitTunnel());
              made.vpcId = vpc;
              made.securityGroups = groups;
              made.selfServicePortal = portal;
              made.connectEnabled = connectOn;
              made.connectLambdaArn = lambda;
              made.sessionTimeoutHours = hours;
              made.bannerEnabled = bannerOn;
              made.bannerText = bannerText;
              made.routeEnforced =
                  req.clientRouteEnforcementOptions() != null
                      && Boolean.TRUE.equals(req.clientRouteEnforcementOptions().enforced());
              made.disconnectOnSessionTimeout =
                  !Boolean.FALSE.equals(req.disconnectOnSessionTimeout());
              return made;
            });
    return CreateClientVpnEndpointResponse.builder()
        .clientVpnEndpointId(e.id)
        .status(s -> s.code("pending-associate"))
        .dnsName(ClientVpnEndpoints.dnsName(ctx, e))
        .build();
  }

  /** The log stream AWS makes when none is named: the endpoint, region, day and a random part. */
  private static String stream(RequestContext ctx, String id, String given) {
    if (given != null && !given.isEmpty()) {
      return given;
    }
    String day = LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/');
    return id + "-" + ctx.region() + "-" + day + "-" + Ids.next("x").substring(2, 14);
  }

  private static List<String> zones(RequestContext ctx, List<String> names) {
    for (String z : names) {
      if (RegionCatalog.zoneOrNull(ctx.region(), z, null) == null) {
        throw AwsException.invalidParameterValue(
            "The Availability Zone " + z + " is not a zone of " + ctx.region() + ".");
      }
    }
    return List.copyOf(names);
  }

  public DescribeClientVpnEndpointsResponse describeClientVpnEndpoints(
      RequestContext ctx, DescribeClientVpnEndpointsRequest req) {
    var page =
        ClientVpnEndpoints.KIND.describe(
            ctx, req.clientVpnEndpointIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeClientVpnEndpointsResponse.builder()
        .clientVpnEndpoints(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Refused while target networks are associated: AWS's ClientVpnEndpointAssociationExists. */
  public DeleteClientVpnEndpointResponse deleteClientVpnEndpoint(
      RequestContext ctx, DeleteClientVpnEndpointRequest req) {
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      ClientVpnStore.Endpoint e = ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
      if (!e.associations.isEmpty()) {
        throw new AwsException(
            "ClientVpnEndpointAssociationExists",
            "The endpoint that you're trying to delete has associations "
                + String.join(", ", e.associations.keySet()));
      }
      ClientVpnEndpoints.KIND.delete(ctx, e.id);
      if (e.transitGatewayAttachmentId != null) {
        TransitGatewayLookups.delete(ctx.state(), e.transitGatewayAttachmentId);
      }
    }
    return DeleteClientVpnEndpointResponse.builder().status(st -> st.code("deleting")).build();
  }

  public ModifyClientVpnEndpointResponse modifyClientVpnEndpoint(
      RequestContext ctx, ModifyClientVpnEndpointRequest req) {
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      ClientVpnStore.Endpoint e = ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
      EndpointChanges.of(ctx, e, req).apply(e);
    }
    return ModifyClientVpnEndpointResponse.builder().returnValue(true).build();
  }
}
