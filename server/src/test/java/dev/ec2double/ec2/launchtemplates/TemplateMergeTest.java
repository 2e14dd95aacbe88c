package dev.ec2double.ec2.launchtemplates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.core.Shapes;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMappingRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateEbsBlockDeviceRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

class TemplateMergeTest {
  private static final RequestLaunchTemplateData TEMPLATE =
      RequestLaunchTemplateData.builder()
          .imageId("ami-0123456789abcdef0")
          .instanceType("t3.micro")
          .keyName("tpl-key")
          .userData("ZWNobyBoaQ==")
          .securityGroupIds("sg-0000000000000000a")
          .blockDeviceMappings(
              LaunchTemplateBlockDeviceMappingRequest.builder()
                  .deviceName("/dev/sdf")
                  .ebs(
                      LaunchTemplateEbsBlockDeviceRequest.builder()
                          .volumeSize(2)
                          .volumeType("gp3")
                          .deleteOnTermination(true)
                          .build())
                  .build())
          .metadataOptions(
              LaunchTemplateInstanceMetadataOptionsRequest.builder()
                  .httpTokens("required")
                  .httpPutResponseHopLimit(2)
                  .build())
          .tagSpecifications(
              LaunchTemplateTagSpecificationRequest.builder()
                  .resourceType("instance")
                  .tags(tag("Team", "tpl"), tag("Env", "tpl"))
                  .build(),
              LaunchTemplateTagSpecificationRequest.builder()
                  .resourceType("volume")
                  .tags(tag("Disk", "tpl"))
                  .build())
          .build();

  private static Tag tag(String k, String v) {
    return Tag.builder().key(k).value(v).build();
  }

  private static RunInstancesRequest.Builder request() {
    return RunInstancesRequest.builder()
        .minCount(1)
        .maxCount(2)
        .launchTemplate(LaunchTemplateSpecification.builder().launchTemplateId("lt-1").build());
  }

  @Test
  void takesWhatOnlyTheTemplateGivesAndNamesNoTemplate() {
    RunInstancesRequest merged = TemplateMerge.launch(TEMPLATE, request().build());

    assertThat(merged.launchTemplate()).isNull();
    assertThat(merged.imageId()).isEqualTo("ami-0123456789abcdef0");
    assertThat(merged.instanceTypeAsString()).isEqualTo("t3.micro");
    assertThat(merged.keyName()).isEqualTo("tpl-key");
    assertThat(merged.userData()).isEqualTo("ZWNobyBoaQ==");
    assertThat(merged.securityGroupIds()).containsExactly("sg-0000000000000000a");
    assertThat(merged.minCount()).isEqualTo(1);
    assertThat(merged.maxCount()).isEqualTo(2);
    assertThat(merged.blockDeviceMappings()).hasSize(1);
    assertThat(merged.blockDeviceMappings().get(0).ebs().volumeSize()).isEqualTo(2);
    assertThat(merged.blockDeviceMappings().get(0).ebs().volumeTypeAsString()).isEqualTo("gp3");
    assertThat(merged.metadataOptions().httpTokensAsString()).isEqualTo("required");
    assertThat(merged.metadataOptions().httpPutResponseHopLimit()).isEqualTo(2);
  }

  @Test
  void theRequestWinsMemberByMemberAndItsListsReplaceTheTemplates() {
    RunInstancesRequest merged =
        TemplateMerge.launch(
            TEMPLATE,
            request()
                .instanceType("t3.small")
                .userData("b3RoZXI=")
                .securityGroupIds("sg-0000000000000000b", "sg-0000000000000000c")
                .build());

    assertThat(merged.imageId()).isEqualTo("ami-0123456789abcdef0");
    assertThat(merged.instanceTypeAsString()).isEqualTo("t3.small");
    assertThat(merged.userData()).isEqualTo("b3RoZXI=");
    assertThat(merged.securityGroupIds())
        .containsExactly("sg-0000000000000000b", "sg-0000000000000000c");
    assertThat(merged.keyName()).isEqualTo("tpl-key");
  }

  @Test
  void mergesTagsPerResourceTypeWithTheRequestsValueWinning() {
    RunInstancesRequest merged =
        TemplateMerge.launch(
            TEMPLATE,
            request()
                .tagSpecifications(
                    TagSpecification.builder()
                        .resourceType("instance")
                        .tags(tag("Env", "req"), tag("Name", "req"))
                        .build())
                .build());

    assertThat(merged.tagSpecifications())
        .containsExactly(
            TagSpecification.builder()
                .resourceType("instance")
                .tags(tag("Team", "tpl"), tag("Env", "req"), tag("Name", "req"))
                .build(),
            TagSpecification.builder().resourceType("volume").tags(tag("Disk", "tpl")).build());
  }

  @Test
  void putsTheRequestsSubnetAndGroupsOnTheTemplatesPrimaryInterface() {
    RequestLaunchTemplateData withInterface =
        TEMPLATE.toBuilder()
            .securityGroupIds((List<String>) null)
            .networkInterfaces(
                LaunchTemplateInstanceNetworkInterfaceSpecificationRequest.builder()
                    .subnetId("subnet-0000000000000000a")
                    .groups("sg-0000000000000000a")
                    .associatePublicIpAddress(true)
                    .build())
            .build();

    RunInstancesRequest merged =
        TemplateMerge.launch(
            withInterface,
            request()
                .subnetId("subnet-0000000000000000b")
                .securityGroupIds("sg-0000000000000000b")
                .build());

    assertThat(merged.subnetId()).isNull();
    assertThat(merged.securityGroupIds()).isEmpty();
    InstanceNetworkInterfaceSpecification primary = merged.networkInterfaces().get(0);
    assertThat(primary.deviceIndex()).isZero();
    assertThat(primary.subnetId()).isEqualTo("subnet-0000000000000000b");
    assertThat(primary.groups()).containsExactly("sg-0000000000000000b");
    assertThat(primary.associatePublicIpAddress()).isTrue();
  }

  @Test
  void requestInterfacesDropTheTemplatesInstanceLevelGroups() {
    RunInstancesRequest merged =
        TemplateMerge.launch(
            TEMPLATE,
            request()
                .networkInterfaces(
                    InstanceNetworkInterfaceSpecification.builder()
                        .deviceIndex(0)
                        .subnetId("subnet-0000000000000000b")
                        .groups("sg-0000000000000000b")
                        .build())
                .build());

    assertThat(merged.securityGroupIds()).isEmpty();
    assertThat(merged.networkInterfaces().get(0).groups()).containsExactly("sg-0000000000000000b");
  }

  @Test
  void aVersionFromASourceKeepsWhatTheNewDataDoesNotGive() {
    RequestLaunchTemplateData v2 =
        TemplateMerge.version(
            TEMPLATE, RequestLaunchTemplateData.builder().instanceType("c5.large").build());

    assertThat(v2.instanceTypeAsString()).isEqualTo("c5.large");
    assertThat(v2.imageId()).isEqualTo("ami-0123456789abcdef0");
    assertThat(v2.tagSpecifications()).isEqualTo(TEMPLATE.tagSpecifications());
  }

  @Test
  void describesEveryMemberATemplateTakes() {
    ResponseLaunchTemplateData shown =
        Shapes.copy(TEMPLATE, (SdkPojo) ResponseLaunchTemplateData.builder());

    assertThat(shown.imageId()).isEqualTo("ami-0123456789abcdef0");
    assertThat(shown.blockDeviceMappings().get(0).ebs().volumeSize()).isEqualTo(2);
    assertThat(shown.tagSpecifications().get(1).tags()).containsExactly(tag("Disk", "tpl"));
    assertThat(shown.metadataOptions().httpTokensAsString()).isEqualTo("required");
    // what the template data takes, the view shows: a member the copy cannot match is lost
    Set<String> request = members(RequestLaunchTemplateData.builder());
    Set<String> response = members(ResponseLaunchTemplateData.builder());
    assertThat(response).containsAll(request);
  }

  private static Set<String> members(Object builder) {
    return ((SdkPojo) builder)
        .sdkFields().stream().map(SdkField::memberName).collect(Collectors.toSet());
  }
}
