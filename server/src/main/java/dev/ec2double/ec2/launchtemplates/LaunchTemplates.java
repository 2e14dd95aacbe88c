package dev.ec2double.ec2.launchtemplates;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Shapes;
import dev.ec2double.core.kinds.ResourceKind;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceMetadataOptions;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/**
 * Launch templates as a resource kind: records in the region's {@link LaunchTemplateStore}, the
 * filters of DescribeLaunchTemplates; and the view and filters of their versions
 * (DescribeLaunchTemplateVersions), which are not a kind of their own: they have no id and no tags.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeLaunchTemplates.html
 */
final class LaunchTemplates {
  private LaunchTemplates() {}

  static final ResourceKind<LaunchTemplateStore.Template, LaunchTemplate> KIND =
      ResourceKind.<LaunchTemplateStore.Template, LaunchTemplate>of("lt", "launch-template")
          .errors(
              "InvalidLaunchTemplateId.NotFound",
              "launch template",
              "InvalidLaunchTemplateId.Malformed")
          .storedIn(LaunchTemplateStore::of, s -> s.byId)
          .id(t -> t.id)
          .view(LaunchTemplates::view, LaunchTemplate::tags)
          .filter("create-time", t -> t.createTime().toString())
          .filter("launch-template-name", LaunchTemplate::launchTemplateName)
          .build();

  /**
   * The filters of DescribeLaunchTemplateVersions.
   * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeLaunchTemplateVersions.html
   */
  static final FilterSpec<LaunchTemplateVersion> VERSION_FILTERS =
      FilterSpec.<LaunchTemplateVersion>of()
          .field("create-time", v -> v.createTime().toString())
          .field("ebs-optimized", v -> data(v).ebsOptimized())
          .field("http-endpoint", v -> metadata(v, m -> m.httpEndpointAsString()))
          .field("http-protocol-ipv4", v -> metadata(v, m -> m.httpEndpointAsString()))
          .field("http-tokens", v -> metadata(v, m -> m.httpTokensAsString()))
          .field(
              "host-resource-group-arn",
              v -> data(v).placement() == null ? null : data(v).placement().hostResourceGroupArn())
          .field(
              "iam-instance-profile",
              v -> data(v).iamInstanceProfile() == null ? null : data(v).iamInstanceProfile().arn())
          .field("image-id", v -> data(v).imageId())
          .field("instance-type", v -> data(v).instanceTypeAsString())
          .field("is-default-version", LaunchTemplateVersion::defaultVersion)
          .field("kernel-id", v -> data(v).kernelId())
          .multi(
              "license-configuration-arn",
              v ->
                  data(v).licenseSpecifications().stream()
                      .map(l -> l.licenseConfigurationArn())
                      .toList())
          .multi(
              "network-card-index",
              v ->
                  data(v).networkInterfaces().stream()
                      .filter(n -> n.networkCardIndex() != null)
                      .map(n -> String.valueOf(n.networkCardIndex()))
                      .toList())
          .field("ram-disk-id", v -> data(v).ramDiskId());

  private static ResponseLaunchTemplateData data(LaunchTemplateVersion v) {
    return v.launchTemplateData();
  }

  /** A member of the version's metadata options, or null when it has none. */
  private static Object metadata(
      LaunchTemplateVersion v,
      java.util.function.Function<LaunchTemplateInstanceMetadataOptions, Object> member) {
    var options = data(v).metadataOptions();
    return options == null ? null : member.apply(options);
  }

  static String createdBy(RequestContext ctx) {
    return "arn:aws:iam::" + ctx.account() + ":root";
  }

  private static LaunchTemplate view(RequestContext ctx, LaunchTemplateStore.Template t) {
    return LaunchTemplate.builder()
        .launchTemplateId(t.id)
        .launchTemplateName(t.name)
        .createTime(t.createTime)
        .createdBy(createdBy(ctx))
        .defaultVersionNumber(t.defaultVersion)
        .latestVersionNumber(t.latest())
        .tags(ctx.tags().sdkTags(t.id))
        .build();
  }

  /** One version as DescribeLaunchTemplateVersions shows it; call under the store's lock. */
  static LaunchTemplateVersion version(
      RequestContext ctx, LaunchTemplateStore.Template t, LaunchTemplateStore.Version v) {
    return LaunchTemplateVersion.builder()
        .launchTemplateId(t.id)
        .launchTemplateName(t.name)
        .versionNumber(v.number())
        .versionDescription(v.description())
        .createTime(v.createTime())
        .createdBy(createdBy(ctx))
        .defaultVersion(v.number() == t.defaultVersion)
        .launchTemplateData(
            (ResponseLaunchTemplateData)
                Shapes.copy(
                    v.data(),
                    (software.amazon.awssdk.core.SdkPojo) ResponseLaunchTemplateData.builder()))
        .build();
  }
}
