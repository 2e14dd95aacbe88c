package dev.ec2double.ec2.images;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.CancelImageLaunchPermissionRequest;
import software.amazon.awssdk.services.ec2.model.CancelImageLaunchPermissionResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImageAttributeResponse;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.ModifyImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyImageAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ResetImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetImageAttributeResponse;

/**
 * DescribeImageAttribute, ModifyImageAttribute, ResetImageAttribute: the description and who may
 * launch an AMI (an account id, or the group {@code all} for a public AMI).
 */
public final class ImageAttributesService {
  private final ImagesService images;

  public ImageAttributesService(ImagesService images) {
    this.images = images;
  }

  public DescribeImageAttributeResponse describeImageAttribute(
      RequestContext ctx, DescribeImageAttributeRequest req) {
    ImageRecord image = images.require(ctx.state(), req.imageId());
    String attribute = req.attributeAsString();
    if (attribute == null) {
      throw AwsException.missingParameter("Attribute");
    }
    DescribeImageAttributeResponse.Builder b =
        DescribeImageAttributeResponse.builder().imageId(image.imageId());
    switch (attribute) {
      case "description" ->
          b.description(AttributeValue.builder().value(image.description()).build());
      case "launchPermission" -> b.launchPermissions(permissions(image));
      case "productCodes" -> b.productCodes(List.of());
      case "kernel" -> b.kernelId(AttributeValue.builder().build());
      case "ramdisk" -> b.ramdiskId(AttributeValue.builder().build());
      case "sriovNetSupport" -> b.sriovNetSupport(AttributeValue.builder().value("simple").build());
      case "bootMode" -> b.bootMode(AttributeValue.builder().value("uefi-preferred").build());
      case "deregistrationProtection" ->
          b.deregistrationProtection(
              AttributeValue.builder().value(image.deregistrationProtection()).build());
      case "imdsSupport" -> b.imdsSupport(AttributeValue.builder().build());
      case "tpmSupport" -> b.tpmSupport(AttributeValue.builder().build());
      case "uefiData" -> b.uefiData(AttributeValue.builder().build());
      case "lastLaunchedTime" -> b.lastLaunchedTime(AttributeValue.builder().build());
      case "blockDeviceMapping" ->
          b.blockDeviceMappings(ImagesService.toSdk(image, ctx.tags()).blockDeviceMappings());
      default ->
          throw AwsException.invalidParameterValue(
              "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
    }
    return b.build();
  }

  public ModifyImageAttributeResponse modifyImageAttribute(
      RequestContext ctx, ModifyImageAttributeRequest req) {
    ImageRecord image = owned(ctx, req.imageId());
    String description = req.description() != null ? req.description().value() : null;
    if ("description".equals(req.attribute()) && req.value() != null) {
      description = req.value();
    }
    List<LaunchPermission> add = new ArrayList<>();
    List<LaunchPermission> remove = new ArrayList<>();
    if (req.launchPermission() != null) {
      add.addAll(req.launchPermission().add());
      remove.addAll(req.launchPermission().remove());
    }
    if (req.operationTypeAsString() != null) {
      List<LaunchPermission> target = req.operationTypeAsString().equals("add") ? add : remove;
      req.userIds().forEach(u -> target.add(LaunchPermission.builder().userId(u).build()));
      req.userGroups().forEach(g -> target.add(LaunchPermission.builder().group(g).build()));
    }
    for (LaunchPermission p : add) {
      check(p);
      if ("all".equals(p.groupAsString()) && ImageSettings.of(ctx.state()).blocksPublicSharing()) {
        throw new AwsException(
            "OperationNotPermitted",
            "The image "
                + image.imageId()
                + " cannot be made public: block public access for AMIs is enabled in this"
                + " Region (DisableImageBlockPublicAccess).");
      }
    }
    for (LaunchPermission p : remove) {
      check(p);
    }
    if (description != null) {
      image.description(description);
    }
    add.forEach(p -> apply(image, p, true));
    remove.forEach(p -> apply(image, p, false));
    return ModifyImageAttributeResponse.builder().build();
  }

  public ResetImageAttributeResponse resetImageAttribute(
      RequestContext ctx, ResetImageAttributeRequest req) {
    ImageRecord image = owned(ctx, req.imageId());
    if (req.attributeAsString() == null) {
      throw AwsException.missingParameter("Attribute");
    }
    if (!"launchPermission".equals(req.attributeAsString())) {
      throw AwsException.invalidParameterValue(
          "Value (" + req.attributeAsString() + ") for parameter attribute is invalid.");
    }
    image.launchPermissions().clear();
    image.organizationArns().clear();
    image.organizationalUnitArns().clear();
    image.isPublic(false);
    return ResetImageAttributeResponse.builder().build();
  }

  /** Removes the caller's account from the launch permissions of an AMI shared with it. */
  public CancelImageLaunchPermissionResponse cancelImageLaunchPermission(
      RequestContext ctx, CancelImageLaunchPermissionRequest req) {
    ImageRecord image = images.require(ctx.state(), req.imageId());
    if (image.ownerId().equals(ctx.account())) {
      throw AwsException.invalidParameterValue(
          "The image " + image.imageId() + " is yours: only an AMI shared with you is cancelled.");
    }
    if (!image.launchPermissions().remove(ctx.account())) {
      throw AwsException.invalidParameterValue(
          "The image "
              + image.imageId()
              + " is not shared with your account by a launch permission.");
    }
    return CancelImageLaunchPermissionResponse.builder().returnValue(true).build();
  }

  private ImageRecord owned(RequestContext ctx, String id) {
    return images.requireOwned(ctx, id);
  }

  private static final java.util.regex.Pattern ORG_ARN =
      java.util.regex.Pattern.compile(
          "arn:aws[a-z-]*:organizations::\\d{12}:organization/o-[a-z0-9]{10,32}");
  private static final java.util.regex.Pattern OU_ARN =
      java.util.regex.Pattern.compile(
          "arn:aws[a-z-]*:organizations::\\d{12}:ou/o-[a-z0-9]{10,32}/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}");

  private static void check(LaunchPermission p) {
    if (p.organizationArn() != null && !ORG_ARN.matcher(p.organizationArn()).matches()) {
      throw AwsException.invalidParameterValue(
          "Invalid organization ARN '" + p.organizationArn() + "'.");
    }
    if (p.organizationalUnitArn() != null && !OU_ARN.matcher(p.organizationalUnitArn()).matches()) {
      throw AwsException.invalidParameterValue(
          "Invalid organizational unit ARN '" + p.organizationalUnitArn() + "'.");
    }
    if (p.userId() != null && !p.userId().matches("\\d{12}")) {
      throw AwsException.invalidParameterValue(
          "Invalid user id '" + p.userId() + "': an AWS account id has 12 digits.");
    }
    if (p.groupAsString() != null && !p.groupAsString().equals("all")) {
      throw AwsException.invalidParameterValue(
          "Invalid group '" + p.groupAsString() + "': the only group is 'all'.");
    }
  }

  private static void apply(ImageRecord image, LaunchPermission p, boolean add) {
    if (p.userId() != null) {
      if (add) {
        image.launchPermissions().add(p.userId());
      } else {
        image.launchPermissions().remove(p.userId());
      }
    }
    if ("all".equals(p.groupAsString())) {
      image.isPublic(add);
    }
    if (p.organizationArn() != null) {
      if (add) {
        image.organizationArns().add(p.organizationArn());
      } else {
        image.organizationArns().remove(p.organizationArn());
      }
    }
    if (p.organizationalUnitArn() != null) {
      if (add) {
        image.organizationalUnitArns().add(p.organizationalUnitArn());
      } else {
        image.organizationalUnitArns().remove(p.organizationalUnitArn());
      }
    }
  }

  private static List<LaunchPermission> permissions(ImageRecord image) {
    List<LaunchPermission> out = new ArrayList<>();
    if (image.isPublic()) {
      out.add(LaunchPermission.builder().group("all").build());
    }
    image.launchPermissions().stream()
        .sorted()
        .forEach(u -> out.add(LaunchPermission.builder().userId(u).build()));
    image.organizationArns().stream()
        .sorted()
        .forEach(a -> out.add(LaunchPermission.builder().organizationArn(a).build()));
    image.organizationalUnitArns().stream()
        .sorted()
        .forEach(a -> out.add(LaunchPermission.builder().organizationalUnitArn(a).build()));
    return out;
  }
}
