package dev.ec2double.ec2.images;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.ImageInfo;
import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.StateStore;
import dev.ec2double.core.TagStore;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.DeregisterImageRequest;
import software.amazon.awssdk.services.ec2.model.DeregisterImageResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageWatermark;
import software.amazon.awssdk.services.ec2.model.InstanceTypeItem;
import software.amazon.awssdk.services.ec2.model.InstanceTypeSpecification;
import software.amazon.awssdk.services.ec2.model.RegisterImageRequest;
import software.amazon.awssdk.services.ec2.model.RegisterImageResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * DescribeImages, RegisterImage, DeregisterImage: AMIs are engine images. RegisterImage takes the
 * image reference in {@code ImageLocation} (on AWS an S3 manifest path), e.g. {@code
 * ImageLocation=ubuntu:24.04}.
 */
public final class ImagesService {
  private static final Pattern AMI_ID = Pattern.compile("ami-[0-9a-f]{8}([0-9a-f]{9})?");
  private static final Pattern AMI_NAME = Pattern.compile("[a-zA-Z0-9()\\[\\] ./'@_-]{3,128}");
  public static final String ROOT_DEVICE = "/dev/xvda";

  private final AmiCatalog catalog;
  private final ComputeBackend backend;
  private final ImageStorage storage;

  /** Every account's state: for AMIs other accounts share, and for copies between regions. */
  private volatile StateStore accounts = new StateStore();

  private volatile ImageAdmission admission = ImageAdmission.OPEN;

  public ImagesService(
      AmiCatalog catalog, ComputeBackend backend, ImageStorage storage, Resources resources) {
    this.catalog = catalog;
    this.backend = backend;
    this.storage = storage;
    resources.register(
        new Resources.Kind(
            "ami", "image", "InvalidAMIID.NotFound", (s, id) -> find(s, id) != null));
  }

  static ImageStore store(RegionState state) {
    return state.part(ImageStore.class, ImageStore::new);
  }

  /** The server's whole state, so that an AMI shared by another account can be found. */
  public void accounts(StateStore all) {
    this.accounts = all;
  }

  /** The Allowed AMIs settings DescribeImages and RunInstances apply. */
  public void admission(ImageAdmission admission) {
    this.admission = admission;
  }

  /**
   * What RunInstances asks of an AMI beyond its state: the account's Allowed AMIs criteria, when
   * enforced, and the AMI's instance type specification.
   */
  public void checkLaunch(RegionState state, ImageRecord image, String instanceType) {
    if (admission.enforced(state) && !admission.meets(state, image)) {
      throw new AwsException(
          "InvalidAMIID.NotFound",
          "The image id '["
              + image.imageId()
              + "]' does not exist or is not allowed by the account's Allowed AMIs settings");
    }
    if (instanceType != null && !image.launchesAs(instanceType)) {
      throw AwsException.invalidParameterCombination(
          "The instance type '"
              + instanceType
              + "' is not supported by the instance type specification of image "
              + image.imageId()
              + ".");
    }
  }

  /** Whether the AMI meets the account's Allowed AMIs criteria (the imageAllowed flag). */
  public boolean allowed(RegionState state, ImageRecord image) {
    return admission.meets(state, image);
  }

  /**
   * The AMI with this id in another account's or region's state as that account sees it (own,
   * Amazon's, or shared), or null: GetImageAncestry follows copies across regions.
   */
  public ImageRecord findIn(String account, String region, String id) {
    return find(accounts.region(account, region), id);
  }

  /** Every account's state in every region, for reports on who uses an AMI. */
  public java.util.Collection<RegionState> allRegions() {
    return accounts.all();
  }

  /** The caller's account's state in another region (CopyImage's source). */
  RegionState region(String account, String region) {
    return accounts.region(account, region);
  }

  /** The AMI with this id visible to the caller (own, Amazon's, or shared with it), or null. */
  public ImageRecord find(RegionState state, String id) {
    ImageRecord own = store(state).get(id);
    if (own != null) {
      return own;
    }
    ImageRecord amazon = catalog.find(id);
    if (amazon != null) {
      return amazon;
    }
    for (ImageRecord i : othersImages(state)) {
      if (i.imageId().equals(id) && i.sharedWith(state.account())) {
        return i;
      }
    }
    return null;
  }

  /** The AMIs of the other accounts in the state's region (whether shared or not). */
  private List<ImageRecord> othersImages(RegionState state) {
    List<ImageRecord> out = new ArrayList<>();
    for (RegionState r : accounts.all()) {
      if (r.region().equals(state.region()) && !r.account().equals(state.account())) {
        ImageStore other = r.existingPart(ImageStore.class);
        if (other != null) {
          out.addAll(other.all());
        }
      }
    }
    return out;
  }

  /** Whether another AMI (any account, any region) still launches this engine image. */
  private boolean engineImageInUse(ImageRecord gone) {
    for (RegionState r : accounts.all()) {
      ImageStore s = r.existingPart(ImageStore.class);
      if (s != null) {
        for (ImageRecord i : s.all()) {
          if (i != gone && i.imageRef().equals(gone.imageRef())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * The caller's registered AMI whose mappings name the snapshot, or null: AWS refuses to delete
   * such a snapshot until the AMI is deregistered.
   */
  public static String imageUsingSnapshot(RegionState state, String snapshotId) {
    for (ImageRecord i : store(state).all()) {
      for (BlockDeviceMapping m : i.blockDeviceMappings()) {
        if (m.ebs() != null && snapshotId.equals(m.ebs().snapshotId())) {
          return i.imageId();
        }
      }
    }
    return null;
  }

  /** Whether an AMI of this state's account names the snapshot and is shared with the account. */
  public static boolean sharesSnapshot(RegionState owner, String snapshotId, String account) {
    ImageStore s = owner.existingPart(ImageStore.class);
    if (s == null) {
      return false;
    }
    for (ImageRecord i : s.all()) {
      if (i.sharedWith(account)) {
        for (BlockDeviceMapping m : i.blockDeviceMappings()) {
          if (m.ebs() != null && snapshotId.equals(m.ebs().snapshotId())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The AMI or AWS's error for a malformed or unknown id. */
  public ImageRecord require(RegionState state, String id) {
    checkId(id);
    ImageRecord image = find(state, id);
    if (image == null || image.state().equals("deregistered")) {
      throw new AwsException("InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
    }
    return image;
  }

  /** The caller's own AMI, or AWS's error: not found, or not authorized for another's. */
  public ImageRecord requireOwned(RequestContext ctx, String id) {
    ImageRecord image = require(ctx.state(), id);
    if (!image.ownerId().equals(ctx.account())) {
      throw new AwsException("AuthFailure", "Not authorized for image:" + id);
    }
    return image;
  }

  /** AWS's errors for a missing or malformed AMI id. */
  public static void checkId(String id) {
    if (id == null) {
      throw AwsException.missingParameter("ImageId");
    }
    if (!AMI_ID.matcher(id).matches()) {
      throw new AwsException(
          "InvalidAMIID.Malformed", "Invalid id: \"" + id + "\" (expecting \"ami-...\")");
    }
  }

  public DescribeImagesResponse describeImages(RequestContext ctx, DescribeImagesRequest req) {
    String me = ctx.account();
    List<ImageRecord> all = new ArrayList<>(catalog.all());
    all.addAll(store(ctx.state()).all());
    othersImages(ctx.state()).stream().filter(i -> i.sharedWith(me)).forEach(all::add);
    all.removeIf(i -> i.state().equals("deregistered"));
    boolean byId = !req.imageIds().isEmpty();
    if (byId) {
      for (String id : req.imageIds()) {
        require(ctx.state(), id);
      }
      Set<String> ids = Set.copyOf(req.imageIds());
      all.removeIf(i -> !ids.contains(i.imageId()));
    }
    if (!req.owners().isEmpty()) {
      all.removeIf(i -> req.owners().stream().noneMatch(o -> ownedBy(ctx, i, o)));
    }
    if (!req.executableUsers().isEmpty()) {
      all.removeIf(i -> req.executableUsers().stream().noneMatch(u -> executableBy(me, i, u)));
    }
    Instant now = Instant.now();
    boolean withDeprecated = Boolean.TRUE.equals(req.includeDeprecated()) || byId;
    all.removeIf(i -> i.deprecated(now) && !withDeprecated && !i.ownerId().equals(me));
    boolean withDisabled = Boolean.TRUE.equals(req.includeDisabled());
    // a disabled AMI is its owner's only, listed when asked for (by IncludeDisabled or its id)
    all.removeIf(
        i -> i.state().equals("disabled") && !(i.ownerId().equals(me) && (withDisabled || byId)));
    TagStore tags = ctx.tags();
    Predicate<Image> filter = ImageFilters.IMAGES.compile(req.filters());
    // Allowed AMIs: when enabled, only the AMIs that meet the criteria are listed
    boolean enforced = admission.enforced(ctx.state());
    List<Image> images =
        all.stream()
            .sorted(Comparator.comparing(ImageRecord::imageId))
            .map(i -> toSdk(i, tags, admission.meets(ctx.state(), i)))
            .filter(i -> !enforced || i.imageAllowed())
            .filter(filter)
            .toList();
    Pages.Page<Image> page =
        Pages.page("DescribeImages", images, req.maxResults(), req.nextToken());
    return DescribeImagesResponse.builder()
        .images(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /**
   * ExecutableUsers: {@code all} for public AMIs, {@code self} or the caller's id for AMIs shared
   * with the caller, another id for the AMIs shared with that account.
   */
  private static boolean executableBy(String me, ImageRecord i, String user) {
    if (user.equals("all")) {
      return i.isPublic();
    }
    String account = user.equals("self") ? me : user;
    return i.launchPermissions().contains(account);
  }

  public RegisterImageResponse registerImage(RequestContext ctx, RegisterImageRequest req) {
    if (req.name() == null) {
      throw AwsException.missingParameter("Name");
    }
    validateName(ctx, req.name());
    String ref = req.imageLocation();
    if (ref == null || ref.isBlank()) {
      throw AwsException.missingParameter("ImageLocation");
    }
    ImageInfo info =
        backend
            .inspectImage(ref)
            .orElseThrow(
                () ->
                    AwsException.invalidParameterValue(
                        "ImageLocation '" + ref + "' is not an image the engine has."));
    String arch =
        req.architectureAsString() != null ? req.architectureAsString() : info.architecture();
    List<BlockDeviceMapping> mappings = storage.register(ctx, req.blockDeviceMappings());
    ImageRecord image =
        new ImageRecord(
            Ids.next("ami"),
            req.name(),
            req.description(),
            ref,
            ctx.account(),
            null,
            arch,
            Instant.now(),
            "available",
            false,
            false);
    image.blockDeviceMappings(mappings);
    applyTags(ctx, image.imageId(), req.tagSpecifications());
    store(ctx.state()).put(image);
    return RegisterImageResponse.builder().imageId(image.imageId()).build();
  }

  public DeregisterImageResponse deregisterImage(RequestContext ctx, DeregisterImageRequest req) {
    ImageRecord image = require(ctx.state(), req.imageId());
    if (!image.ownerId().equals(ctx.account())) {
      throw new AwsException("AuthFailure", "Not authorized for image:" + image.imageId(), 400);
    }
    if (!image.deregistrationProtection().equals("disabled")) {
      throw new AwsException(
          "InvalidParameterValue",
          "The image "
              + image.imageId()
              + " has deregistration protection enabled; disable it with"
              + " DisableImageDeregistrationProtection first.");
    }
    image.state("deregistered");
    store(ctx.state()).remove(image.imageId());
    ctx.tags().drop(image.imageId());
    if (image.managed() && !engineImageInUse(image)) {
      backend.removeImage(image.imageRef());
    }
    return DeregisterImageResponse.builder().returnValue(true).build();
  }

  /** Checks a new AMI name: AWS's characters and length, unique per account and region. */
  public void validateName(RequestContext ctx, String name) {
    if (!AMI_NAME.matcher(name).matches()) {
      throw new AwsException(
          "InvalidAMIName.Malformed",
          "AMI names must be between 3 and 128 characters long, and may contain letters, numbers,"
              + " '(', ')', '.', '-', '/', '_', '[', ']', ' ', ''' and '@'.");
    }
    for (ImageRecord i : store(ctx.state()).all()) {
      if (i.name().equals(name) && !i.state().equals("deregistered")) {
        throw new AwsException(
            "InvalidAMIName.Duplicate",
            "AMI name " + name + " is already in use by AMI " + i.imageId());
      }
    }
  }

  /** What EBS does for AMIs: their mappings checked and taken from instances. */
  public ImageStorage storage() {
    return storage;
  }

  /** Adds an AMI made from an instance (CreateImage). */
  public void add(RequestContext ctx, ImageRecord image, List<TagSpecification> specs) {
    applyTags(ctx, image.imageId(), specs);
    store(ctx.state()).put(image);
  }

  private static void applyTags(RequestContext ctx, String id, List<TagSpecification> specs) {
    List<Tag> tags = new ArrayList<>();
    for (TagSpecification s : specs) {
      if (s.resourceTypeAsString() == null || s.resourceTypeAsString().equals("image")) {
        tags.addAll(s.tags());
      }
    }
    if (!tags.isEmpty()) {
      ctx.tags().add(List.of(id), tags);
    }
  }

  private static boolean ownedBy(RequestContext ctx, ImageRecord i, String owner) {
    return switch (owner) {
      case "self" -> i.ownerId().equals(ctx.account());
      case "amazon" -> "amazon".equals(i.ownerAlias());
      default -> i.ownerId().equals(owner);
    };
  }

  static Image toSdk(ImageRecord i, TagStore tags) {
    return toSdk(i, tags, true);
  }

  static Image toSdk(ImageRecord i, TagStore tags, boolean allowed) {
    boolean windows = i.windows();
    return Image.builder()
        .imageId(i.imageId())
        .imageLocation(i.ownerId() + "/" + i.name())
        .state(i.state())
        .ownerId(i.ownerId())
        .imageOwnerAlias(i.ownerAlias())
        .creationDate(i.created().toString())
        .publicLaunchPermissions(i.isPublic())
        .architecture(i.architecture())
        .imageType("machine")
        .name(i.name())
        .description(i.description())
        .rootDeviceType("ebs")
        .rootDeviceName(ROOT_DEVICE)
        .blockDeviceMappings(i.blockDeviceMappings())
        .virtualizationType("hvm")
        .hypervisor("xen")
        .enaSupport(true)
        .sriovNetSupport("simple")
        .platform(windows ? "windows" : null)
        .platformDetails(windows ? "Windows" : "Linux/UNIX")
        .usageOperation(windows ? "RunInstances:0002" : "RunInstances")
        .bootMode("uefi-preferred")
        .tags(tags.sdkTags(i.imageId()))
        .deprecationTime(i.deprecationTime() == null ? null : i.deprecationTime().toString())
        .deregistrationProtection(i.deregistrationProtection())
        .sourceImageId(i.sourceImageId())
        .sourceImageRegion(i.sourceImageRegion())
        .sourceInstanceId(i.sourceInstanceId())
        .imageAllowed(allowed)
        .imageWatermarks(
            i.watermarks().isEmpty()
                ? null
                : i.watermarks().stream().map(ImagesService::watermark).toList())
        .instanceTypeSpecification(typeSpecification(i))
        .build();
  }

  private static ImageWatermark watermark(ImageRecord.Watermark w) {
    return ImageWatermark.builder()
        .watermarkKey(w.key())
        .sourceImageId(w.sourceImageId())
        .sourceImageRegion(w.sourceImageRegion())
        .sourceImageCreationTime(w.sourceImageCreated())
        .watermarkCreationTime(w.created())
        .build();
  }

  private static InstanceTypeSpecification typeSpecification(ImageRecord i) {
    if (i.supportedTypes() == null && i.unsupportedTypes() == null) {
      return null;
    }
    return InstanceTypeSpecification.builder()
        .supportedInstanceTypes(typeItems(i.supportedTypes()))
        .unsupportedInstanceTypes(typeItems(i.unsupportedTypes()))
        .build();
  }

  private static List<InstanceTypeItem> typeItems(List<String> types) {
    return types == null
        ? null
        : types.stream().map(t -> InstanceTypeItem.builder().instanceType(t).build()).toList();
  }
}
