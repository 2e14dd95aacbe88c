package dev.ec2double.ec2.clientvpn;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.model.ModifyClientVpnEndpointRequest;

/**
 * What one ModifyClientVpnEndpoint call changes, every value checked before any is applied, so a
 * refused call leaves the endpoint as it was. Values not given stay; a new VPC (allowed only while
 * no target network is associated) brings its default security group unless groups are given.
 */
final class EndpointChanges {
  private final List<Consumer<ClientVpnStore.Endpoint>> steps = new ArrayList<>();

  private EndpointChanges() {}

  void apply(ClientVpnStore.Endpoint e) {
    steps.forEach(s -> s.accept(e));
  }

  static EndpointChanges of(
      RequestContext ctx, ClientVpnStore.Endpoint e, ModifyClientVpnEndpointRequest req) {
    EndpointChanges c = new EndpointChanges();
    if (req.serverCertificateArn() != null) {
      String arn =
          EndpointInputs.certificateArn(ctx, req.serverCertificateArn(), "ServerCertificateArn");
      c.steps.add(x -> x.serverCertificateArn = arn);
    }
    var log = req.connectionLogOptions();
    if (log != null) {
      EndpointInputs.logGroup(log.enabled(), log.cloudwatchLogGroup());
      boolean on = log.enabled();
      String stream =
          log.cloudwatchLogStream() != null
              ? log.cloudwatchLogStream()
              : on && log.cloudwatchLogGroup().equals(e.logGroup) ? e.logStream : null;
      c.steps.add(
          x -> {
            x.logEnabled = on;
            x.logGroup = on ? log.cloudwatchLogGroup() : null;
            x.logStream = on ? (stream != null ? stream : x.id + "-" + ctx.region()) : null;
            x.logPolicyContext = log.includeAuthorizationPolicyContext();
          });
    }
    var dns = req.dnsServers();
    if (dns != null) {
      boolean on = Boolean.TRUE.equals(dns.enabled());
      List<String> servers = on ? EndpointInputs.dnsServers(dns.customDnsServers()) : List.of();
      c.steps.add(x -> x.dnsServers = servers);
    }
    if (req.vpnPort() != null) {
      int port = EndpointInputs.port(req.vpnPort());
      c.steps.add(x -> x.port = port);
    }
    if (req.description() != null) {
      c.steps.add(x -> x.description = req.description());
    }
    if (req.splitTunnel() != null) {
      c.steps.add(x -> x.splitTunnel = req.splitTunnel());
    }
    network(ctx, e, req, c);
    if (req.selfServicePortalAsString() != null) {
      String portal =
          EndpointInputs.enabledOrDisabled(
              req.selfServicePortalAsString(), "SelfServicePortal", null);
      EndpointInputs.portal(portal, e.authentication);
      c.steps.add(x -> x.selfServicePortal = portal);
    }
    var connect = req.clientConnectOptions();
    if (connect != null) {
      boolean on = Boolean.TRUE.equals(connect.enabled());
      String lambda = EndpointInputs.lambda(on, connect.lambdaFunctionArn());
      c.steps.add(
          x -> {
            x.connectEnabled = on;
            x.connectLambdaArn = lambda;
          });
    }
    if (req.sessionTimeoutHours() != null) {
      int hours = EndpointInputs.sessionTimeout(req.sessionTimeoutHours());
      c.steps.add(x -> x.sessionTimeoutHours = hours);
    }
    var banner = req.clientLoginBannerOptions();
    if (banner != null) {
      boolean on = Boolean.TRUE.equals(banner.enabled());
      String text = EndpointInputs.banner(on, banner.bannerText());
      c.steps.add(
          x -> {
            x.bannerEnabled = on;
            x.bannerText = text;
          });
    }
    if (req.clientRouteEnforcementOptions() != null) {
      boolean on = Boolean.TRUE.equals(req.clientRouteEnforcementOptions().enforced());
      c.steps.add(x -> x.routeEnforced = on);
    }
    if (req.disconnectOnSessionTimeout() != null) {
      c.steps.add(x -> x.disconnectOnSessionTimeout = req.disconnectOnSessionTimeout());
    }
    var tgw = req.transitGatewayConfiguration();
    if (tgw != null
        && tgw.transitGatewayId() != null
        && !tgw.transitGatewayId().equals(e.transitGatewayId)) {
      throw AwsException.invalidParameterValue(
          "The transit gateway of "
              + e.id
              + " cannot be changed; create an endpoint on "
              + tgw.transitGatewayId()
              + " instead.");
    }
    return c;
  }

  /** The VPC and its security groups, applied to the endpoint and its target networks. */
  private static void network(
      RequestContext ctx,
      ClientVpnStore.Endpoint e,
      ModifyClientVpnEndpointRequest req,
      EndpointChanges c) {
    String vpc = req.vpcId() != null ? req.vpcId() : e.vpcId;
    boolean newVpc = req.vpcId() != null && !req.vpcId().equals(e.vpcId);
    if (newVpc) {
      if (!e.associations.isEmpty()) {
        throw AwsException.invalidParameterValue(
            "The VPC of "
                + e.id
                + " cannot change while target networks are associated: disassociate them first.");
      }
      EndpointInputs.vpc(ctx, vpc, e.clientCidr);
    }
    if (!newVpc && req.securityGroupIds().isEmpty()) {
      return;
    }
    List<String> groups = EndpointInputs.securityGroups(ctx, vpc, req.securityGroupIds());
    c.steps.add(
        x -> {
          x.vpcId = vpc;
          x.securityGroups = groups;
          x.associations.values().forEach(a -> a.securityGroups = groups);
        });
  }
}
