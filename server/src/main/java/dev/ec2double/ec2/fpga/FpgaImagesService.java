package dev.ec2double.ec2.fpga;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.model.CopyFpgaImageRequest;
import software.amazon.awssdk.services.ec2.model.CopyFpgaImageResponse;
import software.amazon.awssdk.services.ec2.model.CreateFpgaImageRequest;
import software.amazon.awssdk.services.ec2.model.CreateFpgaImageResponse;
import software.amazon.awssdk.services.ec2.model.DeleteFpgaImageRequest;
import software.amazon.awssdk.services.ec2.model.DeleteFpgaImageResponse;
import software.amazon.awssdk.services.ec2.model.DescribeFpgaImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFpgaImagesResponse;
import software.amazon.awssdk.services.ec2.model.FpgaImage;
import software.amazon.awssdk.services.ec2.model.StorageLocation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Amazon FPGA images (records: no FPGA is here): CreateFpgaImage from a design checkpoint in S3
 * ({@code pending}, then {@code available}), DescribeFpgaImages of the caller's and the ones shared
 * with it, CopyFpgaImage from another region (the same global AGFI id), DeleteFpgaImage by its
 * owner. The attributes are {@link FpgaAttributesService}'s.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateFpgaImage.html
 */
public final class FpgaImagesService {
  private final Supplier<Collection<RegionState>> states;

  public FpgaImagesService(Supplier<Collection<RegionState>> states, Resources resources) {
    this.states = states;
    FpgaImages.KIND.registerTaggable(resources);
  }

  public CreateFpgaImageResponse createFpgaImage(RequestContext ctx, CreateFpgaImageRequest req) {
    List<Tag> tags = FpgaImages.KIND.tags(req.tagSpecifications());
    StorageLocation in = req.inputStorageLocation();
    if (in == null) {
      throw AwsException.missingParameter("InputStorageLocation");
    }
    location(in, "InputStorageLocation");
    StorageLocation logs = req.logsStorageLocation();
    if (logs != null) {
      location(logs, "LogsStorageLocation");
    }
    FpgaImageRecord r =
        FpgaImages.KIND.create(
            ctx,
            tags,
            id -> {
              FpgaImageRecord x =
                  new FpgaImageRecord(
                      id,
                      dev.ec2double.core.Ids.next("agfi"),
                      ctx.account(),
                      in.bucket(),
                      in.key(),
                      logs == null ? null : logs.bucket(),
                      logs == null ? null : logs.key());
              x.name = req.name();
              x.description = req.description();
              return x;
            });
    return CreateFpgaImageResponse.builder()
        .fpgaImageId(r.id)
        .fpgaImageGlobalId(r.globalId)
        .build();
  }

  private static void location(StorageLocation l, String name) {
    if (l.bucket() == null || l.bucket().isEmpty()) {
      throw AwsException.missingParameter(name + ".Bucket");
    }
    if (l.key() == null || l.key().isEmpty()) {
      throw AwsException.missingParameter(name + ".Key");
    }
  }

  public DescribeFpgaImagesResponse describeFpgaImages(
      RequestContext ctx, DescribeFpgaImagesRequest req) {
    Predicate<FpgaImage> filter = FpgaImages.FILTERS.compile(req.filters());
    List<FpgaImageRecord> visible = visible(ctx, ctx.region());
    for (String id : req.fpgaImageIds()) {
      if (visible.stream().noneMatch(r -> r.id.equals(id))) {
        FpgaImages.KIND.get(ctx.state(), id); // the malformed or not-found error
      }
    }
    List<FpgaImage> views = new ArrayList<>();
    for (FpgaImageRecord r : visible) {
      if (!req.fpgaImageIds().isEmpty() && !req.fpgaImageIds().contains(r.id)) {
        continue;
      }
      if (!req.owners().isEmpty() && req.owners().stream().noneMatch(o -> ownedBy(ctx, r, o))) {
        continue;
      }
      FpgaImage v = FpgaImages.KIND.view(ctx, r);
      if (filter.test(v)) {
        views.add(v);
      }
    }
    views.sort(Comparator.comparing(FpgaImage::fpgaImageId));
    Pages.Page<FpgaImage> page = Pages.page(ctx.action(), views, req.maxResults(), req.nextToken());
    return DescribeFpgaImagesResponse.builder()
        .fpgaImages(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static boolean ownedBy(RequestContext ctx, FpgaImageRecord r, String owner) {
    return switch (owner) {
      case "self" -> r.ownerId.equals(ctx.account());
      case "amazon", "aws-marketplace" -> false; // no AFI here is Amazon's or the Marketplace's
      default -> r.ownerId.equals(owner);
    };
  }

  /** The AFIs the caller sees in a region: its own, and the others' shared with it. */
  private List<FpgaImageRecord> visible(RequestContext ctx, String region) {
    List<FpgaImageRecord> out = new ArrayList<>();
    for (RegionState r : states.get()) {
      if (!r.region().equals(region)) {
        continue;
      }
      FpgaStore s = r.existingPart(FpgaStore.class);
      if (s == null) {
        continue;
      }
      synchronized (s) {
        for (FpgaImageRecord i : s.images.values()) {
          if (i.visibleTo(ctx.account())) {
            out.add(i);
          }
        }
      }
    }
    return out;
  }

  public CopyFpgaImageResponse copyFpgaImage(RequestContext ctx, CopyFpgaImageRequest req) {
    if (req.sourceFpgaImageId() == null) {
      throw AwsException.missingParameter("SourceFpgaImageId");
    }
    if (req.sourceRegion() == null) {
      throw AwsException.missingParameter("SourceRegion");
    }
    if (!RegionCatalog.isRegion(req.sourceRegion())) {
      throw AwsException.invalidParameterValue(
          "Value (" + req.sourceRegion() + ") for parameter SourceRegion is invalid.");
    }
    String sourceId = req.sourceFpgaImageId();
    FpgaImageRecord from =
        visible(ctx, req.sourceRegion()).stream()
            .filter(r -> r.id.equals(sourceId))
            .findFirst()
            .orElse(null);
    if (from == null) {
      FpgaImages.KIND.get(ctx.state(), sourceId); // malformed, else not found here
      throw new AwsException(
          "InvalidFpgaImageID.NotFound",
          "The fpga image ID '" + sourceId + "' does not exist in " + req.sourceRegion());
    }
    if (!from.state(java.time.Instant.now()).equals("available")) {
      throw new AwsException(
          "InvalidFpgaImageID.Unavailable",
          "The fpga image " + sourceId + " is not available: it is still pending.");
    }
    FpgaImageRecord copy =
        FpgaImages.KIND.create(
            ctx,
            List.of(),
            id -> {
              FpgaImageRecord x =
                  new FpgaImageRecord(
                      id,
                      from.globalId,
                      ctx.account(),
                      from.bucket,
                      from.key,
                      from.logsBucket,
                      from.logsKey);
              x.name = req.name() != null ? req.name() : from.name;
              x.description = req.description() != null ? req.description() : from.description;
              return x;
            });
    return CopyFpgaImageResponse.builder().fpgaImageId(copy.id).build();
  }

  public DeleteFpgaImageResponse deleteFpgaImage(RequestContext ctx, DeleteFpgaImageRequest req) {
    owned(ctx, req.fpgaImageId());
    FpgaImages.KIND.delete(ctx, req.fpgaImageId());
    return DeleteFpgaImageResponse.builder().returnValue(true).build();
  }

  /**
   * The caller's own AFI: another account's one it sees (shared) is AWS's authorization error, one
   * it does not see is not found.
   */
  FpgaImageRecord owned(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("FpgaImageId");
    }
    if (!FpgaImages.KIND.exists(ctx.state(), id)
        && visible(ctx, ctx.region()).stream().anyMatch(r -> r.id.equals(id))) {
      throw new AwsException("AuthFailure", "Not authorized for fpga image " + id, 400);
    }
    return FpgaImages.KIND.get(ctx.state(), id);
  }
}
