package dev.ec2double.ec2.blockpublicaccess;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateVpcBlockPublicAccessExclusionRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcBlockPublicAccessExclusionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcBlockPublicAccessExclusionRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcBlockPublicAccessExclusionResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcBlockPublicAccessExclusionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcBlockPublicAccessExclusionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcBlockPublicAccessOptionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcBlockPublicAccessOptionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcBlockPublicAccessExclusionRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcBlockPublicAccessExclusionResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcBlockPublicAccessOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcBlockPublicAccessOptionsResponse;
import software.amazon.awssdk.services.ec2.model.VpcBlockPublicAccessExclusion;
import software.amazon.awssdk.services.ec2.model.VpcBlockPublicAccessOptions;

/**
 * VPC Block Public Access (https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html):
 * the account's mode in the region and its exclusions, one per VPC or subnet. Records: ec2-double
 * carries no traffic through internet gateways (every VPC reaches out through the host's
 * masquerade), so there is nothing for the mode to block. The answers show the changes in progress
 * ({@code update-in-progress}, {@code create-in-progress}, {@code delete-in-progress}), Describe
 * calls the completed state.
 */
public final class BlockPublicAccessService {
  private static final Set<String> MODES = Set.of("off", "block-bidirectional", "block-ingress");
  private static final Set<String> EXCLUSION_MODES = Set.of("allow-bidirectional", "allow-egress");

  /** AWS's quota of exclusions per account and region. */
  static final int MAX_EXCLUSIONS = 50;

  static final ResourceKind<BlockPublicAccessState.Exclusion, VpcBlockPublicAccessExclusion> KIND =
      ResourceKind.<BlockPublicAccessState.Exclusion, VpcBlockPublicAccessExclusion>of(
              "exclusion", "vpc-block-public-access-exclusion")
          .errors(
              "InvalidVpcBlockPublicAccessExclusionId.NotFound",
              "vpcBlockPublicAccessExclusion",
              "InvalidVpcBlockPublicAccessExclusionId.Malformed")
          .storedIn(BlockPublicAccessState::of, st -> st.exclusions)
          .id(e -> e.id)
          .view(BlockPublicAccessService::view, VpcBlockPublicAccessExclusion::tags)
          .filter("resource-arn", VpcBlockPublicAccessExclusion::resourceArn)
          .filter(
              "internet-gateway-exclusion-mode",
              VpcBlockPublicAccessExclusion::internetGatewayExclusionModeAsString)
          .filter("state", VpcBlockPublicAccessExclusion::stateAsString)
          .build();

  public BlockPublicAccessService(Resources resources) {
    KIND.registerTaggable(resources);
  }

  private static VpcBlockPublicAccessExclusion view(
      RequestContext ctx, BlockPublicAccessState.Exclusion e) {
    return VpcBlockPublicAccessExclusion.builder()
        .exclusionId(e.id)
        .internetGatewayExclusionMode(e.mode)
        .resourceArn(e.resourceArn)
        .state(e.state)
        .creationTimestamp(e.created)
        .lastUpdateTimestamp(e.updated)
        .deletionTimestamp(e.deleted)
        .tags(ctx.tags().sdkTags(e.id))
        .build();
  }

  private static VpcBlockPublicAccessOptions options(
      RequestContext ctx, BlockPublicAccessState st, String state) {
    return VpcBlockPublicAccessOptions.builder()
        .awsAccountId(ctx.account())
        .awsRegion(ctx.region())
        .state(state)
        .internetGatewayBlockMode(st.mode)
        .lastUpdateTimestamp(st.lastUpdate)
        .managedBy("account")
        .exclusionsAllowed("allowed")
        .build();
  }

  public DescribeVpcBlockPublicAccessOptionsResponse describeVpcBlockPublicAccessOptions(
      RequestContext ctx, DescribeVpcBlockPublicAccessOptionsRequest req) {
    BlockPublicAccessState st = BlockPublicAccessState.of(ctx.state());
    synchronized (st) {
      String state = st.lastUpdate == null ? "default-state" : "update-complete";
      return DescribeVpcBlockPublicAccessOptionsResponse.builder()
          .vpcBlockPublicAccessOptions(options(ctx, st, state))
          .build();
    }
  }

  public ModifyVpcBlockPublicAccessOptionsResponse modifyVpcBlockPublicAccessOptions(
      RequestContext ctx, ModifyVpcBlockPublicAccessOptionsRequest req) {
    String mode = oneOf(req.internetGatewayBlockModeAsString(), MODES, "InternetGatewayBlockMode");
    BlockPublicAccessState st = BlockPublicAccessState.of(ctx.state());
    synchronized (st) {
      st.mode = mode;
      st.lastUpdate = Instant.now();
      return ModifyVpcBlockPublicAccessOptionsResponse.builder()
          .vpcBlockPublicAccessOptions(options(ctx, st, "update-in-progress"))
          .build();
    }
  }

  private static String oneOf(String value, Set<String> allowed, String name) {
    if (value == null) {
      throw AwsException.missingParameter(name);
    }
    if (!allowed.contains(value)) {
      throw AwsException.invalidParameterValue(
          "Value (" + value + ") for parameter " + name + " is invalid.");
    }
    return value;
  }

  public CreateVpcBlockPublicAccessExclusionResponse createVpcBlockPublicAccessExclusion(
      RequestContext ctx, CreateVpcBlockPublicAccessExclusionRequest req) {
    var tags = KIND.tags(req.tagSpecifications());
    String mode =
        oneOf(
            req.internetGatewayExclusionModeAsString(),
            EXCLUSION_MODES,
            "InternetGatewayExclusionMode");
    if ((req.vpcId() == null) == (req.subnetId() == null)) {
      throw AwsException.invalidParameterCombination("Specify exactly one of VpcId and SubnetId.");
    }
    String arn = resourceArn(ctx, req.vpcId(), req.subnetId());
    BlockPublicAccessState st = BlockPublicAccessState.of(ctx.state());
    BlockPublicAccessState.Exclusion made =
        KIND.create(
            ctx,
            tags,
            id -> {
              long live = st.exclusions.values().stream().filter(x -> x.live()).count();
              if (live >= MAX_EXCLUSIONS) {
                throw new AwsException(
                    "VpcBlockPublicAccessExclusionLimitExceeded",
                    "An account has at most " + MAX_EXCLUSIONS + " exclusions per region.");
              }
              if (st.exclusions.values().stream()
                  .anyMatch(x -> x.live() && x.resourceArn.equals(arn))) {
                throw new AwsException(
                    "VpcBlockPublicAccessExclusion.Duplicate",
                    "An exclusion for " + arn + " exists already.");
              }
              return new BlockPublicAccessState.Exclusion(id, arn, mode);
            });
    return CreateVpcBlockPublicAccessExclusionResponse.builder()
        .vpcBlockPublicAccessExclusion(
            KIND.view(ctx, made).toBuilder().state("create-in-progress").build())
        .build();
  }

  private static String resourceArn(RequestContext ctx, String vpcId, String subnetId) {
    String prefix = "arn:aws:ec2:" + ctx.region() + ":" + ctx.account() + ":";
    if (vpcId != null) {
      if (!VpcLookups.vpcExists(ctx.state(), vpcId)) {
        throw new AwsException(
            "InvalidVpcID.NotFound", "The vpc ID '" + vpcId + "' does not exist");
      }
      return prefix + "vpc/" + vpcId;
    }
    if (VpcLookups.vpcOfSubnet(ctx.state(), subnetId) == null) {
      throw new AwsException(
          "InvalidSubnetID.NotFound", "The subnet ID '" + subnetId + "' does not exist");
    }
    return prefix + "subnet/" + subnetId;
  }

  public ModifyVpcBlockPublicAccessExclusionResponse modifyVpcBlockPublicAccessExclusion(
      RequestContext ctx, ModifyVpcBlockPublicAccessExclusionRequest req) {
    if (req.exclusionId() == null) {
      throw AwsException.missingParameter("ExclusionId");
    }
    String mode =
        oneOf(
            req.internetGatewayExclusionModeAsString(),
            EXCLUSION_MODES,
            "InternetGatewayExclusionMode");
    BlockPublicAccessState.Exclusion e =
        change(
            ctx,
            req.exclusionId(),
            x -> {
              x.mode = mode;
              x.state = "update-complete";
            });
    return ModifyVpcBlockPublicAccessExclusionResponse.builder()
        .vpcBlockPublicAccessExclusion(
            KIND.view(ctx, e).toBuilder().state("update-in-progress").build())
        .build();
  }

  /** A change to a live exclusion (a deleted one is not found), stamped with its time. */
  private static BlockPublicAccessState.Exclusion change(
      RequestContext ctx,
      String id,
      java.util.function.Consumer<BlockPublicAccessState.Exclusion> c) {
    return KIND.modify(
        ctx,
        id,
        x -> {
          if (!x.live()) {
            throw new AwsException(
                "InvalidVpcBlockPublicAccessExclusionId.NotFound",
                "The vpcBlockPublicAccessExclusion ID '" + x.id + "' does not exist");
          }
          x.updated = Instant.now();
          c.accept(x);
          return x;
        });
  }

  public DeleteVpcBlockPublicAccessExclusionResponse deleteVpcBlockPublicAccessExclusion(
      RequestContext ctx, DeleteVpcBlockPublicAccessExclusionRequest req) {
    if (req.exclusionId() == null) {
      throw AwsException.missingParameter("ExclusionId");
    }
    BlockPublicAccessState.Exclusion e =
        change(
            ctx,
            req.exclusionId(),
            x -> {
              x.state = "delete-complete";
              x.deleted = x.updated;
            });
    return DeleteVpcBlockPublicAccessExclusionResponse.builder()
        .vpcBlockPublicAccessExclusion(
            KIND.view(ctx, e).toBuilder().state("delete-in-progress").build())
        .build();
  }

  public DescribeVpcBlockPublicAccessExclusionsResponse describeVpcBlockPublicAccessExclusions(
      RequestContext ctx, DescribeVpcBlockPublicAccessExclusionsRequest req) {
    var page =
        KIND.describe(ctx, req.exclusionIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeVpcBlockPublicAccessExclusionsResponse.builder()
        .vpcBlockPublicAccessExclusions(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
