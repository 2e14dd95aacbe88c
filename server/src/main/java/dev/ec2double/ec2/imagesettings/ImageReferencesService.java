package dev.ec2double.ec2.imagesettings;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.DescribeImageReferencesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImageReferencesResponse;
import software.amazon.awssdk.services.ec2.model.GetImageAncestryRequest;
import software.amazon.awssdk.services.ec2.model.GetImageAncestryResponse;
import software.amazon.awssdk.services.ec2.model.ImageAncestryEntry;
import software.amazon.awssdk.services.ec2.model.ImageReference;
import software.amazon.awssdk.services.ec2.model.ResourceTypeRequest;

/**
 * DescribeImageReferences (the caller's instances and launch templates that use the AMIs, from the
 * server's real state; Systems Manager parameters and Image Builder recipes do not exist here, so
 * those types list nothing) and GetImageAncestry (the chain of CopyImage and CreateImage sources,
 * across regions, back to the first AMI).
 */
public final class ImageReferencesService {
  private static final int MAX_IMAGES = 10;
  private static final Set<String> TYPES =
      Set.of(
          ImageUses.INSTANCE,
          ImageUses.TEMPLATE,
          "ssm:Parameter",
          "imagebuilder:ImageRecipe",
          "imagebuilder:ContainerRecipe");

  private final ImagesService images;
  private final ImageUses uses;

  public ImageReferencesService(ImagesService images, TemplateImages templates) {
    this.images = images;
    this.uses = new ImageUses(templates);
  }

  public DescribeImageReferencesResponse describeImageReferences(
      RequestContext ctx, DescribeImageReferencesRequest req) {
    if (req.imageIds().isEmpty()) {
      throw AwsException.missingParameter("ImageId");
    }
    if (req.imageIds().size() > MAX_IMAGES) {
      throw AwsException.invalidParameterValue(
          "You can specify up to " + MAX_IMAGES + " image IDs.");
    }
    boolean all = Boolean.TRUE.equals(req.includeAllResourceTypes());
    if (all == !req.resourceTypes().isEmpty()) {
      throw AwsException.invalidParameterCombination(
          "Specify either ResourceTypes or IncludeAllResourceTypes, but not both.");
    }
    req.imageIds().forEach(ImagesService::checkId);
    List<ImageUses.Scope> scopes = new ArrayList<>();
    if (all) {
      TYPES.stream().sorted().forEach(t -> scopes.add(ImageUses.scope(t, Map.of(), TYPES)));
    }
    for (ResourceTypeRequest t : req.resourceTypes()) {
      Map<String, List<String>> options = new LinkedHashMap<>();
      t.resourceTypeOptions().forEach(o -> options.put(o.optionNameAsString(), o.optionValues()));
      scopes.add(ImageUses.scope(t.resourceTypeAsString(), options, TYPES));
    }
    List<ImageReference> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String imageId : req.imageIds()) {
      for (ImageUses.Scope s : scopes) {
        for (ImageUses.Use u : uses.of(ctx.state(), imageId, s)) {
          if (seen.add(imageId + " " + u.arn())) {
            out.add(
                ImageReference.builder()
                    .imageId(imageId)
                    .resourceType(u.type())
                    .arn(u.arn())
                    .build());
          }
        }
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeImageReferencesResponse.builder()
        .imageReferences(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetImageAncestryResponse getImageAncestry(
      RequestContext ctx, GetImageAncestryRequest req) {
    ImageRecord image = images.require(ctx.state(), req.imageId());
    String region = ctx.region();
    List<ImageAncestryEntry> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (image != null && seen.add(image.imageId())) {
      out.add(
          ImageAncestryEntry.builder()
              .creationDate(image.created())
              .imageId(image.imageId())
              .imageOwnerAlias(image.ownerAlias())
              .sourceImageId(image.sourceImageId())
              .sourceImageRegion(image.sourceImageRegion())
              .build());
      if (image.sourceImageId() == null) {
        break;
      }
      // the source as the caller sees it; a source since deregistered ends the chain
      region = image.sourceImageRegion() != null ? image.sourceImageRegion() : region;
      image = images.findIn(ctx.account(), region, image.sourceImageId());
    }
    return GetImageAncestryResponse.builder().imageAncestryEntries(out).build();
  }
}
