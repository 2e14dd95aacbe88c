package dev.ec2double.ec2.images;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DisableImageBlockPublicAccessRequest;
import software.amazon.awssdk.services.ec2.model.DisableImageBlockPublicAccessResponse;
import software.amazon.awssdk.services.ec2.model.DisableImageDeprecationRequest;
import software.amazon.awssdk.services.ec2.model.DisableImageDeprecationResponse;
import software.amazon.awssdk.services.ec2.model.DisableImageDeregistrationProtectionRequest;
import software.amazon.awssdk.services.ec2.model.DisableImageDeregistrationProtectionResponse;
import software.amazon.awssdk.services.ec2.model.DisableImageRequest;
import software.amazon.awssdk.services.ec2.model.DisableImageResponse;
import software.amazon.awssdk.services.ec2.model.EnableImageBlockPublicAccessRequest;
import software.amazon.awssdk.services.ec2.model.EnableImageBlockPublicAccessResponse;
import software.amazon.awssdk.services.ec2.model.EnableImageDeprecationRequest;
import software.amazon.awssdk.services.ec2.model.EnableImageDeprecationResponse;
import software.amazon.awssdk.services.ec2.model.EnableImageDeregistrationProtectionRequest;
import software.amazon.awssdk.services.ec2.model.EnableImageDeregistrationProtectionResponse;
import software.amazon.awssdk.services.ec2.model.EnableImageRequest;
import software.amazon.awssdk.services.ec2.model.EnableImageResponse;
import software.amazon.awssdk.services.ec2.model.GetImageBlockPublicAccessStateRequest;
import software.amazon.awssdk.services.ec2.model.GetImageBlockPublicAccessStateResponse;
import software.amazon.awssdk.services.ec2.model.ImageRecycleBinInfo;
import software.amazon.awssdk.services.ec2.model.ListImagesInRecycleBinRequest;
import software.amazon.awssdk.services.ec2.model.ListImagesInRecycleBinResponse;

/**
 * What happens to an AMI after it is made: deprecation, disabling (a disabled AMI is not launched
 * and is listed to its owner only), deregistration protection, and the account's block public
 * access for AMIs. Deregistered AMIs do not go to a Recycle Bin (ec2-double has no retention
 * rules), so ListImagesInRecycleBin answers empty after checking its input.
 */
public final class ImageLifecycleService {
  /** AWS's limit on how far ahead an AMI may be deprecated. */
  private static final Duration MAX_DEPRECATION = Duration.ofDays(365 * 10);

  private final ImagesService images;

  public ImageLifecycleService(ImagesService images) {
    this.images = images;
  }

  public EnableImageDeprecationResponse enableImageDeprecation(
      RequestContext ctx, EnableImageDeprecationRequest req) {
    ImageRecord image = owned(ctx, req.imageId());
    if (req.deprecateAt() == null) {
      throw AwsException.missingParameter("DeprecateAt");
    }
    // AWS rounds the seconds to the minute
    Instant at = req.deprecateAt().plusSeconds(30).truncatedTo(ChronoUnit.MINUTES);
    if (at.isAfter(Instant.now().plus(MAX_DEPRECATION))) {
      throw AwsException.invalidParameterValue(
          "The deprecation time cannot be more than 10 years from now.");
    }
    image.deprecationTime(at);
    return EnableImageDeprecationResponse.builder().returnValue(true).build();
  }

  public DisableImageDeprecationResponse disableImageDeprecation(
      RequestContext ctx, DisableImageDeprecationRequest req) {
    owned(ctx, req.imageId()).deprecationTime(null);
    return DisableImageDeprecationResponse.builder().returnValue(true).build();
  }

  public DisableImageResponse disableImage(RequestContext ctx, DisableImageRequest req) {
    ImageRecord image = owned(ctx, req.imageId());
    synchronized (image) {
      if (!image.state().equals("available") && !image.state().equals("disabled")) {
        throw new AwsException(
            "IncorrectState",
            "The image " + image.imageId() + " is in the '" + image.state() + "' state.");
      }
      image.state("disabled");
      // a disabled AMI is private: its launch permissions go
      image.isPublic(false);
      image.launchPermissions().clear();
      image.organizationArns().clear();
      image.organizationalUnitArns().clear();
    }
    return DisableImageResponse.builder().returnValue(true).build();
  }

  public EnableImageResponse enableImage(RequestContext ctx, EnableImageRequest req) {
    ImageRecord image = owned(ctx, req.imageId());
    synchronized (image) {
      if (!image.state().equals("disabled")) {
        throw new AwsException(
            "IncorrectState",
            "The image " + image.imageId() + " is not disabled; it is '" + image.state() + "'.");
      }
      image.state("available");
    }
    return EnableImageResponse.builder().returnValue(true).build();
  }

  public EnableImageDeregistrationProtectionResponse enableImageDeregistrationProtection(
      RequestContext ctx, EnableImageDeregistrationProtectionRequest req) {
    ImageRecord image = owned(ctx, req.imageId());
    image.deregistrationProtection(
        Boolean.TRUE.equals(req.withCooldown()) ? "enabled-with-cooldown" : "enabled");
    return EnableImageDeregistrationProtectionResponse.builder().returnValue("true").build();
  }

  public DisableImageDeregistrationProtectionResponse disableImageDeregistrationProtection(
      RequestContext ctx, DisableImageDeregistrationProtectionRequest req) {
    ImageRecord image = owned(ctx, req.imageId());
    // with cooldown, AWS keeps the AMI protected for 24 hours more; recorded as disabled at once
    image.deregistrationProtection("disabled");
    return DisableImageDeregistrationProtectionResponse.builder().returnValue("true").build();
  }

  public GetImageBlockPublicAccessStateResponse getImageBlockPublicAccessState(
      RequestContext ctx, GetImageBlockPublicAccessStateRequest req) {
    return GetImageBlockPublicAccessStateResponse.builder()
        .imageBlockPublicAccessState(ImageSettings.of(ctx.state()).blockPublicAccess)
        .managedBy("account")
        .build();
  }

  public EnableImageBlockPublicAccessResponse enableImageBlockPublicAccess(
      RequestContext ctx, EnableImageBlockPublicAccessRequest req) {
    String state = req.imageBlockPublicAccessStateAsString();
    if (state == null) {
      throw AwsException.missingParameter("ImageBlockPublicAccessState");
    }
    if (!state.equals("block-new-sharing")) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + state
              + ") for parameter ImageBlockPublicAccessState is invalid. Valid value:"
              + " block-new-sharing.");
    }
    ImageSettings.of(ctx.state()).blockPublicAccess = state;
    ctx.state().changed();
    return EnableImageBlockPublicAccessResponse.builder()
        .imageBlockPublicAccessState(state)
        .build();
  }

  public DisableImageBlockPublicAccessResponse disableImageBlockPublicAccess(
      RequestContext ctx, DisableImageBlockPublicAccessRequest req) {
    ImageSettings.of(ctx.state()).blockPublicAccess = "unblocked";
    ctx.state().changed();
    return DisableImageBlockPublicAccessResponse.builder()
        .imageBlockPublicAccessState("unblocked")
        .build();
  }

  public ListImagesInRecycleBinResponse listImagesInRecycleBin(
      RequestContext ctx, ListImagesInRecycleBinRequest req) {
    for (String id : req.imageIds()) {
      ImagesService.checkId(id);
    }
    Pages.Page<ImageRecycleBinInfo> page =
        Pages.page("ListImagesInRecycleBin", List.of(), req.maxResults(), req.nextToken());
    return ListImagesInRecycleBinResponse.builder()
        .images(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private ImageRecord owned(RequestContext ctx, String id) {
    return images.requireOwned(ctx, id);
  }
}
