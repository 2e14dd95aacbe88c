package dev.ec2double.ec2.vpcencryption;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateVpcEncryptionControlRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcEncryptionControlResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEncryptionControlRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEncryptionControlResponse;
import software.amazon.awssdk.services.ec2.model.DescribeAccountVpcEncryptionControlRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAccountVpcEncryptionControlResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEncryptionControlsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEncryptionControlsResponse;
import software.amazon.awssdk.services.ec2.model.GetVpcResourcesBlockingEncryptionEnforcementRequest;
import software.amazon.awssdk.services.ec2.model.GetVpcResourcesBlockingEncryptionEnforcementResponse;
import software.amazon.awssdk.services.ec2.model.ModifyAccountVpcEncryptionControlRequest;
import software.amazon.awssdk.services.ec2.model.ModifyAccountVpcEncryptionControlResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEncryptionControlRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEncryptionControlResponse;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionControl;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionNonCompliantResource;

/**
 * VPC encryption controls
 * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-encryption-controls.html): one per VPC, in
 * {@code monitor} or {@code enforce} mode, with exclusions per kind of gateway; and the account's
 * setting for new VPCs. Records: containers on one engine exchange plain traffic. What is checked
 * is what AWS checks: {@code enforce} needs every gateway or connection of the VPC that leaves it
 * unencrypted excluded, and GetVpcResourcesBlockingEncryptionEnforcement names the ones that are
 * not (attached internet, egress-only and virtual private gateways, live NAT gateways, active
 * peering connections); otherwise the control is {@code enforce-failed}.
 */
public final class VpcEncryptionService {
  private static final Set<String> MODES = Set.of("monitor", "enforce");
  private static final Set<String> ACCOUNT_MODES =
      Set.of("unmanaged", "attempt-monitor", "attempt-enforce");

  static final ResourceKind<EncryptionState.Control, VpcEncryptionControl> KIND =
      ResourceKind.<EncryptionState.Control, VpcEncryptionControl>of(
              "vpcec", "vpc-encryption-control")
          .errors(
              "InvalidVpcEncryptionControlId.NotFound",
              "vpcEncryptionControl",
              "InvalidVpcEncryptionControlId.Malformed")
          .storedIn(EncryptionState::of, st -> st.controls)
          .id(c -> c.id)
          .view(EncryptionViews::control, VpcEncryptionControl::tags)
          .filter("vpc-encryption-control-id", VpcEncryptionControl::vpcEncryptionControlId)
          .filter("vpc-id", VpcEncryptionControl::vpcId)
          .filter("mode", VpcEncryptionControl::modeAsString)
          .filter("state", VpcEncryptionControl::stateAsString)
          .build();

  public VpcEncryptionService(Resources resources) {
    KIND.registerTaggable(resources);
  }

  public CreateVpcEncryptionControlResponse createVpcEncryptionControl(
      RequestContext ctx, CreateVpcEncryptionControlRequest req) {
    var tags = KIND.tags(req.tagSpecifications());
    String vpcId = req.vpcId();
    if (vpcId == null) {
      throw AwsException.missingParameter("VpcId");
    }
    if (!VpcLookups.vpcExists(ctx.state(), vpcId)) {
      throw new AwsException("InvalidVpcID.NotFound", "The vpc ID '" + vpcId + "' does not exist");
    }
    EncryptionState st = EncryptionState.of(ctx.state());
    EncryptionState.Control made =
        KIND.create(
            ctx,
            tags,
            id -> {
              if (st.controls.values().stream().anyMatch(c -> c.live() && c.vpcId.equals(vpcId))) {
                throw new AwsException(
                    "VpcEncryptionControl.AlreadyExists",
                    "The VPC " + vpcId + " already has an encryption control.");
              }
              return new EncryptionState.Control(id, vpcId);
            });
    return CreateVpcEncryptionControlResponse.builder()
        .vpcEncryptionControl(KIND.view(ctx, made).toBuilder().state("creating").build())
        .build();
  }

  public ModifyVpcEncryptionControlResponse modifyVpcEncryptionControl(
      RequestContext ctx, ModifyVpcEncryptionControlRequest req) {
    if (req.vpcEncryptionControlId() == null) {
      throw AwsException.missingParameter("VpcEncryptionControlId");
    }
    String mode = req.modeAsString();
    if (mode != null && !MODES.contains(mode)) {
      throw AwsException.invalidParameterValue(
          "Value (" + mode + ") for parameter mode is invalid.");
    }
    Map<String, String> asked = EncryptionState.asked(req, "Exclusion");
    String[] answered = new String[1];
    EncryptionState.Control c =
        KIND.modify(
            ctx,
            req.vpcEncryptionControlId(),
            x -> {
              live(x);
              exclude(x.excluded, asked);
              String target = mode == null ? x.mode : mode;
              answered[0] =
                  target.equals("enforce") ? "enforce-in-progress" : "monitor-in-progress";
              List<String> blocking =
                  blocking(ctx, x).stream().map(VpcEncryptionNonCompliantResource::id).toList();
              if (target.equals("enforce") && !blocking.isEmpty()) {
                x.state = "enforce-failed";
                x.stateMessage =
                    "Resources block encryption enforcement: " + String.join(", ", blocking);
              } else {
                x.mode = target;
                x.state = "available";
                x.stateMessage = null;
              }
              return x;
            });
    return ModifyVpcEncryptionControlResponse.builder()
        .vpcEncryptionControl(KIND.view(ctx, c).toBuilder().state(answered[0]).build())
        .build();
  }

  private static void live(EncryptionState.Control x) {
    if (!x.live()) {
      throw new AwsException(
          "InvalidVpcEncryptionControlId.NotFound",
          "The vpcEncryptionControl ID '" + x.id + "' does not exist");
    }
  }

  /** Applies enable/disable values to a set of excluded kinds; null leaves a kind as it is. */
  private static void exclude(Set<String> excluded, Map<String, String> asked) {
    asked.forEach(
        (kind, v) -> {
          if (v == null) {
            return;
          }
          switch (v) {
            case "enable" -> excluded.add(kind);
            case "disable" -> excluded.remove(kind);
            default ->
                throw AwsException.invalidParameterValue(
                    "Value (" + v + ") for the " + kind + " exclusion is invalid.");
          }
        });
  }

  /** The VPC's gateways and connections that its control does not exclude. */
  private static List<VpcEncryptionNonCompliantResource> blocking(
      RequestContext ctx, EncryptionState.Control c) {
    List<VpcEncryptionNonCompliantResource> out = new ArrayList<>();
    for (VpcLookups.VpcGateway g : VpcLookups.gateways(ctx.state(), c.vpcId)) {
      if (!c.excluded.contains(g.type())) {
        out.add(
            VpcEncryptionNonCompliantResource.builder()
                .id(g.id())
                .type(g.type())
                .description("A " + g.type() + " carries the VPC's traffic unencrypted.")
                .isExcludable(true)
                .build());
      }
    }
    return out;
  }

  public DeleteVpcEncryptionControlResponse deleteVpcEncryptionControl(
      RequestContext ctx, DeleteVpcEncryptionControlRequest req) {
    if (req.vpcEncryptionControlId() == null) {
      throw AwsException.missingParameter("VpcEncryptionControlId");
    }
    EncryptionState.Control c =
        KIND.modify(
            ctx,
            req.vpcEncryptionControlId(),
            x -> {
              live(x);
              x.state = "deleted";
              return x;
            });
    return DeleteVpcEncryptionControlResponse.builder()
        .vpcEncryptionControl(KIND.view(ctx, c).toBuilder().state("deleting").build())
        .build();
  }

  public DescribeVpcEncryptionControlsResponse describeVpcEncryptionControls(
      RequestContext ctx, DescribeVpcEncryptionControlsRequest req) {
    KIND.checkFilters(req.filters());
    for (String id : req.vpcEncryptionControlIds()) {
      KIND.get(ctx.state(), id);
    }
    List<VpcEncryptionControl> views =
        KIND.select(
            ctx,
            c ->
                (req.vpcEncryptionControlIds().isEmpty()
                        || req.vpcEncryptionControlIds().contains(c.id))
                    && (req.vpcIds().isEmpty() || req.vpcIds().contains(c.vpcId)),
            req.filters());
    var page =
        Pages.page("DescribeVpcEncryptionControls", views, req.maxResults(), req.nextToken());
    return DescribeVpcEncryptionControlsResponse.builder()
        .vpcEncryptionControls(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetVpcResourcesBlockingEncryptionEnforcementResponse
      getVpcResourcesBlockingEncryptionEnforcement(
          RequestContext ctx, GetVpcResourcesBlockingEncryptionEnforcementRequest req) {
    if (req.vpcId() == null) {
      throw AwsException.missingParameter("VpcId");
    }
    if (!VpcLookups.vpcExists(ctx.state(), req.vpcId())) {
      throw new AwsException(
          "InvalidVpcID.NotFound", "The vpc ID '" + req.vpcId() + "' does not exist");
    }
    EncryptionState st = EncryptionState.of(ctx.state());
    EncryptionState.Control c;
    synchronized (st) {
      c =
          st.controls.values().stream()
              .filter(x -> x.live() && x.vpcId.equals(req.vpcId()))
              .findFirst()
              .orElse(new EncryptionState.Control(null, req.vpcId()));
    }
    var page =
        Pages.page(
            "GetVpcResourcesBlockingEncryptionEnforcement",
            blocking(ctx, c),
            req.maxResults(),
            req.nextToken());
    return GetVpcResourcesBlockingEncryptionEnforcementResponse.builder()
        .nonCompliantResources(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeAccountVpcEncryptionControlResponse describeAccountVpcEncryptionControl(
      RequestContext ctx, DescribeAccountVpcEncryptionControlRequest req) {
    EncryptionState st = EncryptionState.of(ctx.state());
    synchronized (st) {
      String state = st.accountUpdated == null ? "default-state" : "transitions-successful";
      return DescribeAccountVpcEncryptionControlResponse.builder()
          .accountVpcEncryptionControl(EncryptionViews.account(st, state))
          .build();
    }
  }

  public ModifyAccountVpcEncryptionControlResponse modifyAccountVpcEncryptionControl(
      RequestContext ctx, ModifyAccountVpcEncryptionControlRequest req) {
    String mode = req.modeAsString();
    if (mode != null && !ACCOUNT_MODES.contains(mode)) {
      throw AwsException.invalidParameterValue(
          "Value (" + mode + ") for parameter mode is invalid.");
    }
    Map<String, String> asked = EncryptionState.asked(req, "");
    EncryptionState st = EncryptionState.of(ctx.state());
    synchronized (st) {
      exclude(st.accountExcluded, asked);
      if (mode != null) {
        st.accountMode = mode;
      }
      st.accountUpdated = Instant.now();
      return ModifyAccountVpcEncryptionControlResponse.builder()
          .accountVpcEncryptionControl(EncryptionViews.account(st, "transitions-in-progress"))
          .build();
    }
  }
}
