package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateVpnConcentratorRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpnConcentratorResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConcentratorRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConcentratorResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpnConcentratorsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpnConcentratorsResponse;
import software.amazon.awssdk.services.ec2.model.VpnConcentrator;

/**
 * VPN concentrators: many Site-to-Site VPN connections behind one transit gateway attachment of
 * type {@code vpn-concentrator}. A concentrator with connections cannot be deleted; deleting it
 * deletes its attachment. Records.
 * https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-concentrator.html
 */
public final class VpnConcentratorsService {

  static final class Concentrator implements java.io.Serializable {
    final String id;
    final String transitGatewayId;
    String attachmentId;
    String state = "available";

    Concentrator(String id, String transitGatewayId) {
      this.id = id;
      this.transitGatewayId = transitGatewayId;
    }
  }

  static final ResourceKind<Concentrator, VpnConcentrator> KIND =
      ResourceKind.<Concentrator, VpnConcentrator>of("vcn", "vpn-concentrator")
          .errors(
              "InvalidVpnConcentratorID.NotFound",
              "vpnConcentrator",
              "InvalidVpnConcentratorID.Malformed")
          .storedIn(VpcState::of, st -> st.vpnConcentrators)
          .id(c -> c.id)
          .view(VpnConcentratorsService::view, VpnConcentrator::tags)
          .filter("state", VpnConcentrator::state)
          .filter("transit-gateway-attachment-id", VpnConcentrator::transitGatewayAttachmentId)
          .filter("transit-gateway-id", VpnConcentrator::transitGatewayId)
          .filter("type", VpnConcentrator::type)
          .filter("vpn-concentrator-id", VpnConcentrator::vpnConcentratorId)
          .inUseWhen(
              (state, c) ->
                  VpcState.of(state).vpnConnections.values().stream()
                      .anyMatch(v -> v.live() && c.id.equals(v.vpnConcentratorId)))
          .build();

  private static VpnConcentrator view(RequestContext ctx, Concentrator c) {
    return VpnConcentrator.builder()
        .vpnConcentratorId(c.id)
        .state(c.state)
        .transitGatewayId(c.transitGatewayId)
        .transitGatewayAttachmentId(c.attachmentId)
        .type("ipsec.1")
        .tags(ctx.tags().sdkTags(c.id))
        .build();
  }

  /** A live concentrator, for CreateVpnConnection's VpnConcentratorId. */
  static Concentrator live(RequestContext ctx, String id) {
    return KIND.getLive(ctx.state(), id, c -> !c.state.equals("deleted"));
  }

  public CreateVpnConcentratorResponse createVpnConcentrator(
      RequestContext ctx, CreateVpnConcentratorRequest req) {
    String type = req.typeAsString();
    if (type == null) {
      throw AwsException.missingParameter("Type");
    }
    if (!type.equals("ipsec.1")) {
      throw AwsException.invalidParameterValue(
          "The value '" + type + "' for parameter Type is invalid. Valid values: ipsec.1");
    }
    var tags = KIND.tags(req.tagSpecifications());
    VpcState st = VpcState.of(ctx.state());
    Concentrator c;
    synchronized (st) {
      TransitGatewayRecords.Gateway tgw = TransitGatewaysService.live(ctx, req.transitGatewayId());
      c = KIND.create(ctx, tags, id -> new Concentrator(id, tgw.id));
      String vcn = c.id;
      var a =
          TransitGateways.ATTACHMENTS.create(
              ctx,
              List.of(),
              id -> new TransitGatewayRecords.Attachment(id, tgw.id, "vpn-concentrator", vcn));
      TransitGatewayRoutesService.attachDefaults(st, tgw, a);
      c.attachmentId = a.id;
    }
    return CreateVpnConcentratorResponse.builder()
        .vpnConcentrator(KIND.view(ctx, c).toBuilder().state("pending").build())
        .build();
  }

  public DescribeVpnConcentratorsResponse describeVpnConcentrators(
      RequestContext ctx, DescribeVpnConcentratorsRequest req) {
    var page =
        KIND.describe(
            ctx, req.vpnConcentratorIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeVpnConcentratorsResponse.builder()
        .vpnConcentrators(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Its VPN connections must be gone (DependencyViolation); its attachment goes with it. */
  public DeleteVpnConcentratorResponse deleteVpnConcentrator(
      RequestContext ctx, DeleteVpnConcentratorRequest req) {
    if (req.vpnConcentratorId() == null) {
      throw AwsException.missingParameter("VpnConcentratorId");
    }
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      live(ctx, req.vpnConcentratorId());
      Concentrator c = KIND.delete(ctx, req.vpnConcentratorId());
      var a = st.transitGatewayAttachments.get(c.attachmentId);
      if (a != null && a.live()) {
        TransitGatewayRoutesService.detach(st, a);
        a.delete();
      }
    }
    return DeleteVpnConcentratorResponse.builder().returnValue(true).build();
  }
}
