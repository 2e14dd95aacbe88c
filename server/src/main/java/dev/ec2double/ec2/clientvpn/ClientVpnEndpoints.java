package dev.ec2double.ec2.clientvpn;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.errors.AwsException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.AssociatedTargetNetwork;
import software.amazon.awssdk.services.ec2.model.ClientVpnAuthentication;
import software.amazon.awssdk.services.ec2.model.ClientVpnEndpoint;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Client VPN endpoints as a resource kind, with DescribeClientVpnEndpoints' filters ({@code
 * endpoint-id}, {@code transport-protocol}, and tags), and how an endpoint looks to a client.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeClientVpnEndpoints.html
 */
final class ClientVpnEndpoints {
  private ClientVpnEndpoints() {}

  /** AWS shows an endpoint's creation time without zone or fraction: 2019-01-21T10:39:26. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  static final ResourceKind<ClientVpnStore.Endpoint, ClientVpnEndpoint> KIND =
      ResourceKind.<ClientVpnStore.Endpoint, ClientVpnEndpoint>of(
              "cvpn-endpoint", "client-vpn-endpoint")
          .errors("InvalidClientVpnEndpointId.NotFound", "clientVpnEndpoint", null)
          .storedIn(ClientVpnStore::of, s -> s.endpoints)
          .id(e -> e.id)
          .view(ClientVpnEndpoints::view, ClientVpnEndpoint::tags)
          .filter("endpoint-id", ClientVpnEndpoint::clientVpnEndpointId)
          .filter("transport-protocol", ClientVpnEndpoint::transportProtocolAsString)
          .build();

  /** An endpoint of the caller's region, or InvalidClientVpnEndpointId.NotFound. */
  static ClientVpnStore.Endpoint get(RequestContext ctx, String id) {
    if (id == null || id.isEmpty()) {
      throw AwsException.missingParameter("ClientVpnEndpointId");
    }
    return KIND.get(ctx.state(), id);
  }

  /**
   * One page of what an endpoint holds (its target networks, rules, routes), as views that pass the
   * filters: the Describe calls of one endpoint's lists.
   */
  static <V> Pages.Page<V> page(
      RequestContext ctx,
      String endpointId,
      FilterSpec<V> spec,
      List<Filter> filters,
      Integer maxResults,
      String nextToken,
      Function<ClientVpnStore.Endpoint, Stream<V>> views) {
    var filter = spec.compile(filters);
    List<V> out;
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      out = views.apply(get(ctx, endpointId)).filter(filter).toList();
    }
    return Pages.page(ctx.action(), out, maxResults, nextToken);
  }

  /** The name clients connect to; the endpoint's DNS name is this under a wildcard. */
  static String host(RequestContext ctx, ClientVpnStore.Endpoint e) {
    return e.id + ".prod.clientvpn." + ctx.region() + ".amazonaws.com";
  }

  static String dnsName(RequestContext ctx, ClientVpnStore.Endpoint e) {
    return "*." + host(ctx, e);
  }

  private static ClientVpnEndpoint view(RequestContext ctx, ClientVpnStore.Endpoint e) {
    var b =
        ClientVpnEndpoint.builder()
            .clientVpnEndpointId(e.id)
            .description(e.description)
            .status(s -> s.code(e.status()))
            .creationTime(TIME.format(e.created))
            .dnsName(dnsName(ctx, e))
            .clientCidrBlock(e.clientCidr)
            .dnsServers(e.dnsServers.isEmpty() ? null : e.dnsServers)
            .splitTunnel(e.splitTunnel)
            .vpnProtocol("openvpn")
            .transportProtocol(e.transport)
            .vpnPort(e.port)
            .associatedTargetNetworks(
                e.associations.values().stream()
                    .filter(a -> a.subnetId != null)
                    .map(
                        a ->
                            AssociatedTargetNetwork.builder()
                                .networkId(a.subnetId)
                                .networkType("vpc")
                                .build())
                    .toList())
            .serverCertificateArn(e.serverCertificateArn)
            .authenticationOptions(e.authentication.stream().map(a -> view(a)).toList())
            .connectionLogOptions(
                l ->
                    l.enabled(e.logEnabled)
                        .cloudwatchLogGroup(e.logGroup)
                        .cloudwatchLogStream(e.logStream)
                        .includeAuthorizationPolicyContext(e.logPolicyContext))
            .tags(ctx.tags().sdkTags(e.id))
            .securityGroupIds(e.securityGroups)
            .vpcId(e.vpcId)
            .selfServicePortalUrl(
                e.selfServicePortal.equals("enabled")
                    ? "https://self-service.clientvpn.amazonaws.com/endpoints/" + e.id
                    : null)
            .clientConnectOptions(
                c ->
                    c.enabled(e.connectEnabled)
                        .lambdaFunctionArn(e.connectLambdaArn)
                        .status(s -> s.code("applied")))
            .sessionTimeoutHours(e.sessionTimeoutHours)
            .clientLoginBannerOptions(
                c -> c.enabled(e.bannerEnabled).bannerText(e.bannerEnabled ? e.bannerText : null))
            .clientRouteEnforcementOptions(c -> c.enforced(e.routeEnforced))
            .disconnectOnSessionTimeout(e.disconnectOnSessionTimeout)
            .endpointIpAddressType(e.endpointIpType)
            .trafficIpAddressType(e.trafficIpType);
    if (e.transitGatewayId != null) {
      b.transitGatewayConfiguration(
          t ->
              t.transitGatewayId(e.transitGatewayId)
                  .transitGatewayAttachmentId(e.transitGatewayAttachmentId)
                  .availabilityZones(e.transitGatewayZones));
    }
    return b.build();
  }

  private static ClientVpnAuthentication view(ClientVpnStore.Authentication a) {
    var b = ClientVpnAuthentication.builder().type(a.type());
    switch (a.type()) {
      case "certificate-authentication" ->
          b.mutualAuthentication(m -> m.clientRootCertificateChain(a.rootCertificateChainArn()));
      case "directory-service-authentication" ->
          b.activeDirectory(d -> d.directoryId(a.directoryId()));
      default ->
          b.federatedAuthentication(
              f ->
                  f.samlProviderArn(a.samlProviderArn())
                      .selfServiceSamlProviderArn(a.selfServiceSamlProviderArn()));
    }
    return b.build();
  }
}
