package dev.ec2double.ec2.images;

import dev.ec2double.core.Wildcard;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;

/** One AMI: its id, the engine image it stands for, and the attributes AWS reports. */
public final class ImageRecord implements java.io.Serializable {
  public static final String AMAZON_OWNER = "137112412989";

  /** GiB of the root volume an AMI without mappings gets. */
  public static final int ROOT_SIZE = 8;

  private final String imageId;
  private final String name;
  private final String imageRef;
  private final String ownerId;
  private final String ownerAlias;
  private final String architecture;
  private final Instant created;

  /** Made by CreateImage: the engine image is ours to remove on deregistration. */
  private final boolean managed;

  private volatile String description;
  private volatile String state;
  private volatile boolean isPublic;
  private final Set<String> launchPermissions = ConcurrentHashMap.newKeySet();
  private volatile List<BlockDeviceMapping> blockDeviceMappings = List.of(defaultRoot());

  /**
   * LaunchPermission OrganizationArn / OrganizationalUnitArn entries (recorded, see images docs).
   */
  private final Set<String> organizationArns = ConcurrentHashMap.newKeySet();

  private final Set<String> organizationalUnitArns = ConcurrentHashMap.newKeySet();
  private volatile Instant deprecationTime;

  /** {@code disabled}, {@code enabled} or {@code enabled-with-cooldown}. */
  private volatile String deregistrationProtection = "disabled";

  private volatile String sourceImageId;
  private volatile String sourceImageRegion;
  private volatile String sourceInstanceId;

  /** AttachImageWatermark's marks, and those inherited from the image this one was made from. */
  private final List<Watermark> watermarks = new CopyOnWriteArrayList<>();

  /** ReplaceImageInstanceTypeSpecification's lists, or null when none is set. */
  private volatile List<String> supportedTypes;

  private volatile List<String> unsupportedTypes;

  /**
   * A watermark: {@code account:name}, the image it was first attached to, and when.
   *
   * @param sourceImageCreated when that image was made
   */
  public record Watermark(
      String key,
      String sourceImageId,
      String sourceImageRegion,
      Instant sourceImageCreated,
      Instant created)
      implements java.io.Serializable {}

  public ImageRecord(
      String imageId,
      String name,
      String description,
      String imageRef,
      String ownerId,
      String ownerAlias,
      String architecture,
      Instant created,
      String state,
      boolean isPublic,
      boolean managed) {
    this.imageId = imageId;
    this.name = name;
    this.description = description;
    this.imageRef = imageRef;
    this.ownerId = ownerId;
    this.ownerAlias = ownerAlias;
    this.architecture = architecture;
    this.created = created;
    this.state = state;
    this.isPublic = isPublic;
    this.managed = managed;
  }

  public String imageId() {
    return imageId;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public void description(String d) {
    this.description = d;
  }

  public String imageRef() {
    return imageRef;
  }

  public String ownerId() {
    return ownerId;
  }

  public String ownerAlias() {
    return ownerAlias;
  }

  public String architecture() {
    return architecture;
  }

  public Instant created() {
    return created;
  }

  public String state() {
    return state;
  }

  public void state(String s) {
    this.state = s;
  }

  public boolean isPublic() {
    return isPublic;
  }

  public void isPublic(boolean p) {
    this.isPublic = p;
  }

  public boolean managed() {
    return managed;
  }

  public Set<String> launchPermissions() {
    return launchPermissions;
  }

  public Set<String> organizationArns() {
    return organizationArns;
  }

  public Set<String> organizationalUnitArns() {
    return organizationalUnitArns;
  }

  /** When the AMI is (or was) deprecated, or null. */
  public Instant deprecationTime() {
    return deprecationTime;
  }

  public void deprecationTime(Instant t) {
    this.deprecationTime = t;
  }

  public boolean deprecated(Instant now) {
    Instant t = deprecationTime;
    return t != null && !t.isAfter(now);
  }

  public String deregistrationProtection() {
    return deregistrationProtection;
  }

  public void deregistrationProtection(String p) {
    this.deregistrationProtection = p;
  }

  public String sourceImageId() {
    return sourceImageId;
  }

  public String sourceImageRegion() {
    return sourceImageRegion;
  }

  /** Where a copy came from (CopyImage). */
  public void source(String imageId, String region) {
    this.sourceImageId = imageId;
    this.sourceImageRegion = region;
  }

  /**
   * Made from {@code source} (CopyImage, CreateImage): its id and region are this AMI's source, and
   * its watermarks go on with it.
   */
  public void derivedFrom(ImageRecord source, String region) {
    source(source.imageId(), region);
    watermarks.addAll(source.watermarks());
  }

  public String sourceInstanceId() {
    return sourceInstanceId;
  }

  public void sourceInstanceId(String id) {
    this.sourceInstanceId = id;
  }

  public List<Watermark> watermarks() {
    return watermarks;
  }

  /**
   * Which instance types launch this AMI: the supported list (null: every type) less the
   * unsupported one; entries may use {@code *}. Both null removes the specification.
   */
  public void instanceTypes(List<String> supported, List<String> unsupported) {
    this.supportedTypes = supported == null ? null : List.copyOf(supported);
    this.unsupportedTypes = unsupported == null ? null : List.copyOf(unsupported);
  }

  public List<String> supportedTypes() {
    return supportedTypes;
  }

  public List<String> unsupportedTypes() {
    return unsupportedTypes;
  }

  /** Whether the instance type specification lets this type launch the AMI. */
  public boolean launchesAs(String instanceType) {
    List<String> supported = supportedTypes;
    List<String> unsupported = unsupportedTypes;
    if (supported != null
        && !supported.isEmpty()
        && supported.stream().noneMatch(p -> matches(p, instanceType))) {
      return false;
    }
    return unsupported == null || unsupported.stream().noneMatch(p -> matches(p, instanceType));
  }

  private static boolean matches(String pattern, String type) {
    return Wildcard.compile(pattern).test(type);
  }

  /**
   * Whether the AMI stands for the Windows platform. ec2-double runs every image as a Linux
   * container; an AMI named as Amazon names its Windows AMIs ({@code
   * Windows_Server-2022-English-Full-Base-...}), or any name starting with "Windows", is a Windows
   * AMI: DescribeImages shows {@code platform: windows}, its instances have an administrator
   * password, and it may use Windows fast launch.
   */
  public boolean windows() {
    return name != null && name.toLowerCase(Locale.ROOT).startsWith("windows");
  }

  /** Whether the account may see and launch this AMI: owner, public, or named. */
  public boolean sharedWith(String account) {
    return isPublic || ownerId.equals(account) || launchPermissions.contains(account);
  }

  /**
   * What RunInstances of this AMI starts from: the root device and, for an AMI made by CreateImage
   * or registered with mappings, volumes from snapshots, ephemeral and {@code NoDevice} entries.
   */
  public List<BlockDeviceMapping> blockDeviceMappings() {
    return blockDeviceMappings;
  }

  public void blockDeviceMappings(List<BlockDeviceMapping> mappings) {
    this.blockDeviceMappings = List.copyOf(mappings);
  }

  /** The root device of an AMI that names no mappings: 8 GiB gp3, deleted with the instance. */
  public static BlockDeviceMapping defaultRoot() {
    return BlockDeviceMapping.builder()
        .deviceName(ImagesService.ROOT_DEVICE)
        .ebs(
            EbsBlockDevice.builder()
                .deleteOnTermination(true)
                .volumeSize(ROOT_SIZE)
                .volumeType("gp3")
                .encrypted(false)
                .build())
        .build();
  }
}
