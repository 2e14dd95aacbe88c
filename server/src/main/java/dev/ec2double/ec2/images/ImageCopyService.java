package dev.ec2double.ec2.images;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CopyImageRequest;
import software.amazon.awssdk.services.ec2.model.CopyImageResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * CopyImage, within a region or from another: the copy is a new AMI of the caller's that launches
 * the same engine image, and every snapshot in the source's mappings is copied (a real copy of its
 * files) into the caller's account and region. The source may be the caller's own, Amazon's, or one
 * shared with the caller.
 */
public final class ImageCopyService {
  private final ImagesService images;

  public ImageCopyService(ImagesService images) {
    this.images = images;
  }

  public CopyImageResponse copyImage(RequestContext ctx, CopyImageRequest req) {
    if (req.name() == null) {
      throw AwsException.missingParameter("Name");
    }
    if (req.sourceRegion() == null) {
      throw AwsException.missingParameter("SourceRegion");
    }
    if (req.sourceImageId() == null) {
      throw AwsException.missingParameter("SourceImageId");
    }
    if (!RegionCatalog.isRegion(req.sourceRegion())) {
      throw AwsException.invalidParameterValue(
          "Value (" + req.sourceRegion() + ") for parameter SourceRegion is invalid.");
    }
    boolean encrypted = Boolean.TRUE.equals(req.encrypted());
    if (req.kmsKeyId() != null && !encrypted) {
      throw AwsException.invalidParameterCombination(
          "KmsKeyId may only be given with Encrypted set to true.");
    }
    images.validateName(ctx, req.name());
    RegionState sourceState =
        req.sourceRegion().equals(ctx.region())
            ? ctx.state()
            : images.region(ctx.account(), req.sourceRegion());
    ImageRecord from = images.require(sourceState, req.sourceImageId());
    if (!from.state().equals("available")) {
      throw new AwsException(
          "InvalidAMIID.Unavailable",
          "The image " + from.imageId() + " is in the '" + from.state() + "' state.");
    }
    for (TagSpecification s : req.tagSpecifications()) {
      if (s.resourceTypeAsString() != null && !s.resourceTypeAsString().equals("image")) {
        throw AwsException.invalidParameterValue(
            "'"
                + s.resourceTypeAsString()
                + "' is not a valid taggable resource type for this operation.");
      }
    }
    String id = Ids.next("ami");
    ImageRecord copy =
        new ImageRecord(
            id,
            req.name(),
            req.description() != null ? req.description() : from.description(),
            from.imageRef(),
            ctx.account(),
            null,
            from.architecture(),
            Instant.now(),
            "available",
            false,
            // the same engine image: removed with the last AMI that launches it
            from.managed());
    copy.derivedFrom(from, req.sourceRegion());
    RegionState sourceOwner =
        from.ownerId().equals(ctx.account())
            ? sourceState
            : images.region(from.ownerId(), req.sourceRegion());
    copy.blockDeviceMappings(
        images
            .storage()
            .copy(ctx, sourceOwner, id, from.blockDeviceMappings(), encrypted, req.kmsKeyId()));
    List<TagSpecification> specs = new ArrayList<>(req.tagSpecifications());
    if (Boolean.TRUE.equals(req.copyImageTags()) && from.ownerId().equals(ctx.account())) {
      List<Tag> tags = sourceState.tags().sdkTags(from.imageId());
      if (!tags.isEmpty()) {
        specs.add(0, TagSpecification.builder().resourceType("image").tags(tags).build());
      }
    }
    images.add(ctx, copy, specs);
    return CopyImageResponse.builder().imageId(id).build();
  }
}
