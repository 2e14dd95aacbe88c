package dev.ec2double.ec2.imagesettings;

import dev.ec2double.core.FilterSpec;
import java.time.Instant;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.DescribeFastLaunchImagesSuccessItem;
import software.amazon.awssdk.services.ec2.model.FastLaunchLaunchTemplateSpecificationResponse;
import software.amazon.awssdk.services.ec2.model.FastLaunchSnapshotConfigurationResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/** Windows fast launch settings of one AMI, and how DescribeFastLaunchImages shows them. */
final class FastLaunches {
  private FastLaunches() {}

  /** What EnableFastLaunch set; replaced whole by the next EnableFastLaunch. */
  record Config(
      String imageId,
      String ownerId,
      int targetResourceCount,
      int maxParallelLaunches,
      String templateId,
      String templateName,
      String templateVersion,
      String state,
      String reason,
      Instant since)
      implements java.io.Serializable {
    Config in(String newState, String why) {
      return new Config(
          imageId,
          ownerId,
          targetResourceCount,
          maxParallelLaunches,
          templateId,
          templateName,
          templateVersion,
          newState,
          why,
          Instant.now());
    }
  }

  /** The filters of DescribeFastLaunchImages. */
  static final FilterSpec<DescribeFastLaunchImagesSuccessItem> FILTERS =
      FilterSpec.<DescribeFastLaunchImagesSuccessItem>of()
          .field("resource-type", DescribeFastLaunchImagesSuccessItem::resourceTypeAsString)
          .field("owner-id", DescribeFastLaunchImagesSuccessItem::ownerId)
          .field("state", DescribeFastLaunchImagesSuccessItem::stateAsString);

  /**
   * Enable's and Disable's answers: the same members as the Describe item, copied by member name.
   */
  static <B extends SdkPojo & SdkBuilder<B, R>, R> R answer(Config c, B builder) {
    DescribeFastLaunchImagesSuccessItem item = view(c);
    for (SdkField<?> to : builder.sdkFields()) {
      for (SdkField<?> from : item.sdkFields()) {
        if (from.memberName().equals(to.memberName())) {
          to.set(builder, from.getValueOrDefault(item));
        }
      }
    }
    return builder.build();
  }

  static DescribeFastLaunchImagesSuccessItem view(Config c) {
    return DescribeFastLaunchImagesSuccessItem.builder()
        .imageId(c.imageId())
        .resourceType("snapshot")
        .snapshotConfiguration(
            FastLaunchSnapshotConfigurationResponse.builder()
                .targetResourceCount(c.targetResourceCount())
                .build())
        .launchTemplate(
            c.templateId() == null
                ? null
                : FastLaunchLaunchTemplateSpecificationResponse.builder()
                    .launchTemplateId(c.templateId())
                    .launchTemplateName(c.templateName())
                    .version(c.templateVersion())
                    .build())
        .maxParallelLaunches(c.maxParallelLaunches())
        .ownerId(c.ownerId())
        .state(c.state())
        .stateTransitionReason(c.reason())
        .stateTransitionTime(c.since())
        .build();
  }
}
