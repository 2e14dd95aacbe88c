package dev.ec2double.ec2.images;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
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
    if (!"launchPermission".equals(req.attributeAsString())) {
      throw AwsException.invalidParameterValue(
          "Value (" + req.attributeAsString() + ") for parameter attribute is invalid.");
    }
    image.launchPermissions().clear();
    image.isPublic(false);
    return ResetImageAttributeResponse.builder().build();
  }

  private ImageRecord owned(RequestContext ctx, String id) {
    ImageRecord image = images.require(ctx.state(), id);
    if (!image.ownerId().equals(ctx.account())) {
      throw new AwsException("AuthFailure", "Not authorized for image:" + id);
    }
    return image;
  }

  private static void check(LaunchPermission p) {
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
  }

  private static List<LaunchPermission> permissions(ImageRecord image) {
    List<LaunchPermission> out = new ArrayList<>();
    if (image.isPublic()) {
      out.add(LaunchPermission.builder().group("all").build());
    }
    image.launchPermissions().stream()
        .sorted()
        .forEach(u -> out.add(LaunchPermission.builder().userId(u).build()));
    return out;
  }
}
