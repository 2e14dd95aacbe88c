package dev.ec2double.ec2.launchtemplates;

import dev.ec2double.core.Shapes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * How a launch template's values go under a request's, as EC2 merges them
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-launch-templates.html): what the request
 * gives wins, member by member; a list the request gives (security groups, block device mappings,
 * network interfaces) replaces the template's whole list; tags are merged per resource type, the
 * request's value winning for a key both give. When the template has the network interfaces and the
 * request an instance-level subnet or security groups, those go onto the template's primary
 * interface (EC2 takes interfaces or instance-level networking, not both). A template version made
 * from a source version merges the same way, minus the networking rule.
 */
final class TemplateMerge {
  private TemplateMerge() {}

  /** A version's data: the new data over its source version's. */
  static RequestLaunchTemplateData version(
      RequestLaunchTemplateData source, RequestLaunchTemplateData given) {
    RequestLaunchTemplateData.Builder b = source.toBuilder();
    over((SdkPojo) b, given);
    return b.build();
  }

  /** The RunInstances request a launch from this template data makes, with no template left. */
  static RunInstancesRequest launch(RequestLaunchTemplateData template, RunInstancesRequest req) {
    RunInstancesRequest.Builder b = RunInstancesRequest.builder();
    Shapes.fill(template, (SdkPojo) b);
    RunInstancesRequest fromTemplate = b.build();
    over((SdkPojo) b, req);
    b.tagSpecifications(tags(fromTemplate.tagSpecifications(), req.tagSpecifications()));
    if (!fromTemplate.networkInterfaces().isEmpty() && !req.hasNetworkInterfaces()) {
      onPrimaryInterface(b, fromTemplate.networkInterfaces(), req);
    } else if (req.hasNetworkInterfaces()) {
      // the request's interfaces carry its groups: the template's instance-level ones go
      if (!req.hasSecurityGroupIds()) {
        b.securityGroupIds((List<String>) null);
      }
      if (!req.hasSecurityGroups()) {
        b.securityGroups((List<String>) null);
      }
    }
    return b.launchTemplate(
            (software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification) null)
        .build();
  }

  /** Sets on the builder every member {@code given} really has (the same shape). */
  private static void over(SdkPojo builder, SdkPojo given) {
    Map<String, SdkField<?>> fields = new LinkedHashMap<>();
    builder.sdkFields().forEach(f -> fields.put(f.memberName(), f));
    for (SdkField<?> f : given.sdkFields()) {
      Object v = f.getValueOrDefault(given);
      SdkField<?> to = fields.get(f.memberName());
      if (to != null && Shapes.given(v)) {
        to.set(builder, v);
      }
    }
  }

  /** The template's tags per resource type, with the request's merged over them by key. */
  static List<TagSpecification> tags(
      List<TagSpecification> template, List<TagSpecification> request) {
    Map<String, Map<String, String>> byType = new LinkedHashMap<>();
    for (List<TagSpecification> specs : List.of(template, request)) {
      for (TagSpecification s : specs) {
        Map<String, String> tags =
            byType.computeIfAbsent(s.resourceTypeAsString(), t -> new LinkedHashMap<>());
        s.tags().forEach(t -> tags.put(t.key(), t.value()));
      }
    }
    List<TagSpecification> out = new ArrayList<>();
    byType.forEach(
        (type, tags) ->
            out.add(
                TagSpecification.builder()
                    .resourceType(type)
                    .tags(
                        tags.entrySet().stream()
                            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                            .toList())
                    .build()));
    return out;
  }

  /**
   * The request's SubnetId and SecurityGroupIds onto the template's primary interface (device index
   * 0, or the one a template left without an index).
   */
  private static void onPrimaryInterface(
      RunInstancesRequest.Builder b,
      List<InstanceNetworkInterfaceSpecification> interfaces,
      RunInstancesRequest req) {
    List<InstanceNetworkInterfaceSpecification> out = new ArrayList<>();
    for (InstanceNetworkInterfaceSpecification ni : interfaces) {
      boolean primary = ni.deviceIndex() == null || ni.deviceIndex() == 0;
      if (primary) {
        var nb = ni.toBuilder().deviceIndex(0);
        if (req.subnetId() != null) {
          nb.subnetId(req.subnetId());
        }
        if (req.hasSecurityGroupIds()) {
          nb.groups(req.securityGroupIds());
        }
        ni = nb.build();
      }
      out.add(ni);
    }
    b.networkInterfaces(out);
    if (req.subnetId() != null) {
      b.subnetId(null);
    }
    if (req.hasSecurityGroupIds()) {
      b.securityGroupIds((List<String>) null);
    }
  }
}
