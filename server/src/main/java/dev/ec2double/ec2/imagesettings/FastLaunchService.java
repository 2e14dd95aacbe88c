package dev.ec2double.ec2.imagesettings;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.DescribeFastLaunchImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFastLaunchImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeFastLaunchImagesSuccessItem;
import software.amazon.awssdk.services.ec2.model.DisableFastLaunchRequest;
import software.amazon.awssdk.services.ec2.model.DisableFastLaunchResponse;
import software.amazon.awssdk.services.ec2.model.EnableFastLaunchRequest;
import software.amazon.awssdk.services.ec2.model.EnableFastLaunchResponse;

/**
 * Windows fast launch (a record: no pre-provisioned snapshots are made, and launches are as fast as
 * ever). Only Windows AMIs ({@link ImageRecord#windows}) the caller owns or that are shared with
 * it; EnableFastLaunch answers {@code enabling} and the AMI is {@code enabled} from then on;
 * DisableFastLaunch answers {@code disabling} and the AMI is no longer listed.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableFastLaunch.html
 */
public final class FastLaunchService {
  /** AWS's minimum, and the default, of MaxParallelLaunches. */
  static final int MIN_PARALLEL = 6;

  /** The number of pre-provisioned snapshots when SnapshotConfiguration gives none. */
  static final int DEFAULT_SNAPSHOTS = 5;

  private final ImagesService images;
  private final TemplateImages templates;

  public FastLaunchService(ImagesService images, TemplateImages templates) {
    this.images = images;
    this.templates = templates;
  }

  public EnableFastLaunchResponse enableFastLaunch(
      RequestContext ctx, EnableFastLaunchRequest req) {
    ImageRecord image = windowsImage(ctx, req.imageId());
    if (req.resourceType() != null && !req.resourceType().equals("snapshot")) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + req.resourceType()
              + ") for parameter ResourceType is invalid. Valid"
              + " value: snapshot.");
    }
    int parallel = req.maxParallelLaunches() == null ? MIN_PARALLEL : req.maxParallelLaunches();
    if (parallel < MIN_PARALLEL) {
      throw AwsException.invalidParameterValue(
          "MaxParallelLaunches must be at least " + MIN_PARALLEL + ".");
    }
    Integer target =
        req.snapshotConfiguration() == null
            ? null
            : req.snapshotConfiguration().targetResourceCount();
    if (target != null && target < 1) {
      throw AwsException.invalidParameterValue(
          "Value (" + target + ") for parameter TargetResourceCount is invalid.");
    }
    TemplateImages.Resolved template = null;
    String version = null;
    if (req.launchTemplate() != null) {
      version = req.launchTemplate().version();
      if (version == null) {
        throw AwsException.missingParameter("LaunchTemplate.Version");
      }
      template =
          templates.resolve(
              ctx.state(),
              req.launchTemplate().launchTemplateId(),
              req.launchTemplate().launchTemplateName(),
              version);
    }
    FastLaunches.Config config =
        new FastLaunches.Config(
            image.imageId(),
            image.ownerId(),
            target == null ? DEFAULT_SNAPSHOTS : target,
            parallel,
            template == null ? null : template.id(),
            template == null ? null : template.name(),
            version,
            "enabled",
            "Fast launch is enabled.",
            java.time.Instant.now());
    ImageSettingsState st = ImageSettingsState.of(ctx.state());
    synchronized (st) {
      st.fastLaunch.put(image.imageId(), config);
    }
    ctx.state().changed();
    return FastLaunches.answer(
        config.in("enabling", "Fast launch is being enabled."), EnableFastLaunchResponse.builder());
  }

  public DisableFastLaunchResponse disableFastLaunch(
      RequestContext ctx, DisableFastLaunchRequest req) {
    ImageRecord image = windowsImage(ctx, req.imageId());
    ImageSettingsState st = ImageSettingsState.of(ctx.state());
    FastLaunches.Config was;
    synchronized (st) {
      was = st.fastLaunch.remove(image.imageId());
    }
    if (was == null) {
      throw AwsException.invalidParameterValue(
          "Fast launch is not enabled for image " + image.imageId() + ".");
    }
    ctx.state().changed();
    return FastLaunches.answer(
        was.in("disabling", "Fast launch is being disabled."), DisableFastLaunchResponse.builder());
  }

  public DescribeFastLaunchImagesResponse describeFastLaunchImages(
      RequestContext ctx, DescribeFastLaunchImagesRequest req) {
    Predicate<DescribeFastLaunchImagesSuccessItem> filter =
        FastLaunches.FILTERS.compile(req.filters());
    for (String id : req.imageIds()) {
      images.require(ctx.state(), id);
    }
    Set<String> ids = Set.copyOf(req.imageIds());
    List<DescribeFastLaunchImagesSuccessItem> out = new ArrayList<>();
    ImageSettingsState st = ImageSettingsState.of(ctx.state());
    synchronized (st) {
      // an AMI deregistered since takes its settings with it
      st.fastLaunch.values().removeIf(c -> images.find(ctx.state(), c.imageId()) == null);
      for (FastLaunches.Config c : st.fastLaunch.values()) {
        var v = FastLaunches.view(c);
        if ((ids.isEmpty() || ids.contains(c.imageId())) && filter.test(v)) {
          out.add(v);
        }
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeFastLaunchImagesResponse.builder()
        .fastLaunchImages(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The AMI, which must be a Windows AMI (AWS refuses fast launch for any other). */
  private ImageRecord windowsImage(RequestContext ctx, String id) {
    ImageRecord image = images.require(ctx.state(), id);
    if (!image.windows()) {
      throw AwsException.invalidParameterValue(
          "The image "
              + image.imageId()
              + " is not a Windows AMI. Windows fast launch is available for Windows AMIs"
              + " only.");
    }
    return image;
  }
}
