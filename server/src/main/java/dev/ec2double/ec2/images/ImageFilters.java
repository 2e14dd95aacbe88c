package dev.ec2double.ec2.images;

import dev.ec2double.core.FilterSpec;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ProductCode;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Every filter of DescribeImages
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeImages.html), read from the
 * image as it is answered.
 */
final class ImageFilters {
  private ImageFilters() {}

  static final FilterSpec<Image> IMAGES =
      FilterSpec.<Image>of()
          .field("architecture", Image::architectureAsString)
          .multi(
              "block-device-mapping.delete-on-termination",
              ebs(EbsBlockDevice::deleteOnTermination))
          .multi(
              "block-device-mapping.device-name",
              i -> i.blockDeviceMappings().stream().map(BlockDeviceMapping::deviceName).toList())
          .multi("block-device-mapping.snapshot-id", ebs(EbsBlockDevice::snapshotId))
          .multi("block-device-mapping.volume-size", ebs(EbsBlockDevice::volumeSize))
          .multi("block-device-mapping.volume-type", ebs(EbsBlockDevice::volumeTypeAsString))
          .multi("block-device-mapping.encrypted", ebs(EbsBlockDevice::encrypted))
          .field("creation-date", Image::creationDate)
          .field("description", Image::description)
          .field("ena-support", Image::enaSupport)
          .field("free-tier-eligible", i -> Boolean.TRUE.equals(i.freeTierEligible()))
          .field("hypervisor", Image::hypervisorAsString)
          .field("image-allowed", Image::imageAllowed)
          .field("image-id", Image::imageId)
          .field("image-type", Image::imageTypeAsString)
          .field("is-public", Image::publicLaunchPermissions)
          .field("kernel-id", Image::kernelId)
          .field("manifest-location", Image::imageLocation)
          .field("name", Image::name)
          .field("owner-alias", Image::imageOwnerAlias)
          .field("owner-id", Image::ownerId)
          .field("platform", Image::platformAsString)
          .field("platform-details", Image::platformDetails)
          .multi(
              "product-code",
              i -> i.productCodes().stream().map(ProductCode::productCodeId).toList())
          .multi(
              "product-code.type",
              i -> i.productCodes().stream().map(ProductCode::productCodeTypeAsString).toList())
          .field("ramdisk-id", Image::ramdiskId)
          .field("root-device-name", Image::rootDeviceName)
          .field("root-device-type", Image::rootDeviceTypeAsString)
          .field("source-image-id", Image::sourceImageId)
          .field("source-image-region", Image::sourceImageRegion)
          .field("source-instance-id", Image::sourceInstanceId)
          .field("state", Image::stateAsString)
          .field("state-reason-code", i -> i.stateReason() == null ? null : i.stateReason().code())
          .field(
              "state-reason-message",
              i -> i.stateReason() == null ? null : i.stateReason().message())
          .field("sriov-net-support", Image::sriovNetSupport)
          .field("usage-operation", Image::usageOperation)
          .field("virtualization-type", Image::virtualizationTypeAsString)
          .field("deprecation-time", Image::deprecationTime)
          .tags(
              i -> i.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)));

  /** One value per EBS mapping of the image. */
  private static Function<Image, Collection<String>> ebs(Function<EbsBlockDevice, Object> value) {
    return i ->
        i.blockDeviceMappings().stream()
            .map(BlockDeviceMapping::ebs)
            .filter(Objects::nonNull)
            .map(value)
            .filter(Objects::nonNull)
            .map(String::valueOf)
            .collect(Collectors.toCollection(() -> new java.util.ArrayList<String>()));
  }
}
