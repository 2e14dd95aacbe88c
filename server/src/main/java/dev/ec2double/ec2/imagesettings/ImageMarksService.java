package dev.ec2double.ec2.imagesettings;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.AttachImageWatermarkRequest;
import software.amazon.awssdk.services.ec2.model.AttachImageWatermarkResponse;
import software.amazon.awssdk.services.ec2.model.DetachImageWatermarkRequest;
import software.amazon.awssdk.services.ec2.model.DetachImageWatermarkResponse;
import software.amazon.awssdk.services.ec2.model.GetImageFindingsRequest;
import software.amazon.awssdk.services.ec2.model.GetImageFindingsResponse;
import software.amazon.awssdk.services.ec2.model.ImageFinding;
import software.amazon.awssdk.services.ec2.model.InstanceTypeSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceImageInstanceTypeSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceImageInstanceTypeSpecificationResponse;

/**
 * What an AMI's owner marks on it: watermarks (real: CopyImage and CreateImage carry them to the
 * new AMI, DescribeImages shows them, Allowed AMIs criteria match them) and the instance type
 * specification (real: RunInstances refuses a type it excludes). GetImageFindings answers Amazon
 * Inspector's findings, of which there are none here: no scanner runs.
 */
public final class ImageMarksService {
  private static final Pattern WATERMARK_NAME =
      Pattern.compile("[A-Za-z0-9()\\[\\] ./\\-'@_]{3,128}");
  private static final Pattern WATERMARK_KEY = Pattern.compile("\\d{12}:.+");
  private static final Pattern TYPE_ENTRY = Pattern.compile("[A-Za-z0-9_.*-]{1,24}");
  private static final int MAX_TYPES = 100;

  private final ImagesService images;

  public ImageMarksService(ImagesService images) {
    this.images = images;
  }

  public GetImageFindingsResponse getImageFindings(
      RequestContext ctx, GetImageFindingsRequest req) {
    images.require(ctx.state(), req.imageId());
    var page = Pages.page(ctx.action(), List.<ImageFinding>of(), req.maxResults(), req.nextToken());
    return GetImageFindingsResponse.builder()
        .imageFindings(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public AttachImageWatermarkResponse attachImageWatermark(
      RequestContext ctx, AttachImageWatermarkRequest req) {
    ImageRecord image = owned(ctx, req.imageId());
    String name = req.watermarkName();
    if (name == null) {
      throw AwsException.missingParameter("WatermarkName");
    }
    if (!WATERMARK_NAME.matcher(name).matches()) {
      throw AwsException.invalidParameterValue(
          "Watermark names must be between 3 and 128 characters long, and may contain letters,"
              + " numbers, '(', ')', '[', ']', ' ', '.', '/', '-', ''', '@' and '_'.");
    }
    String key = ctx.account() + ":" + name;
    synchronized (image) {
      if (image.isPublic()) {
        throw AwsException.invalidParameterValue(
            "Watermarks cannot be added to public AMIs: " + image.imageId() + " is public.");
      }
      if (image.watermarks().stream().noneMatch(w -> w.key().equals(key))) {
        image
            .watermarks()
            .add(
                new ImageRecord.Watermark(
                    key, image.imageId(), ctx.region(), image.created(), Instant.now()));
      }
    }
    ctx.state().changed();
    return AttachImageWatermarkResponse.builder().watermarkKey(key).build();
  }

  /** Idempotent: a key the AMI does not carry is not an error. */
  public DetachImageWatermarkResponse detachImageWatermark(
      RequestContext ctx, DetachImageWatermarkRequest req) {
    ImageRecord image = owned(ctx, req.imageId());
    String key = req.watermarkKey();
    if (key == null) {
      throw AwsException.missingParameter("WatermarkKey");
    }
    if (!WATERMARK_KEY.matcher(key).matches()) {
      throw AwsException.invalidParameterValue(
          "The watermark key '" + key + "' is not in the format accountId:watermarkName.");
    }
    synchronized (image) {
      image.watermarks().removeIf(w -> w.key().equals(key));
    }
    ctx.state().changed();
    return DetachImageWatermarkResponse.builder().returnValue(true).build();
  }

  /** Without InstanceTypeSpecification, the AMI's specification is removed. */
  public ReplaceImageInstanceTypeSpecificationResponse replaceImageInstanceTypeSpecification(
      RequestContext ctx, ReplaceImageInstanceTypeSpecificationRequest req) {
    ImageRecord image = owned(ctx, req.imageId());
    InstanceTypeSpecificationRequest spec = req.instanceTypeSpecification();
    if (spec == null) {
      image.instanceTypes(null, null);
    } else {
      Set<String> seen = new HashSet<>();
      types(spec.supportedInstanceTypes(), seen);
      types(spec.unsupportedInstanceTypes(), seen);
      image.instanceTypes(spec.supportedInstanceTypes(), spec.unsupportedInstanceTypes());
    }
    ctx.state().changed();
    return ReplaceImageInstanceTypeSpecificationResponse.builder().returnValue(true).build();
  }

  /** AWS's rules for each list: 100 entries, each 1-24 of A-Za-z0-9_.*- without "**", unique. */
  private static void types(List<String> types, Set<String> seen) {
    if (types.size() > MAX_TYPES) {
      throw AwsException.invalidParameterValue(
          "You can specify up to " + MAX_TYPES + " instance types in each list.");
    }
    for (String t : types) {
      if (t == null || !TYPE_ENTRY.matcher(t).matches() || t.contains("**")) {
        throw AwsException.invalidParameterValue(
            "The instance type entry '" + t + "' is not valid.");
      }
      if (!seen.add(t)) {
        throw AwsException.invalidParameterValue(
            "The instance type entry '" + t + "' is given more than once.");
      }
    }
  }

  private ImageRecord owned(RequestContext ctx, String id) {
    return images.requireOwned(ctx, id);
  }
}
