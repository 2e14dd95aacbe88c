package dev.ec2double.it.launchtemplates;

import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMappingRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * RunInstances with a LaunchTemplate, and GetLaunchTemplateData, on the mock backend: what the
 * instance records (the Docker IT shows the launch is real).
 */
class LaunchFromTemplateIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-south-1", "AKIDLAUNCHFROMTEMPLATE");
    ec2.createKeyPair(r -> r.keyName("lt-it-key"));
  }

  @AfterAll
  static void close() {
    ec2.deleteKeyPair(r -> r.keyName("lt-it-key"));
    ec2.close();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Tag tag(String k, String v) {
    return Tag.builder().key(k).value(v).build();
  }

  private static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    tags.forEach(t -> out.put(t.key(), t.value()));
    return out;
  }

  private static Instance described(String id) {
    return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
  }

  private static String userData(String id) {
    return ec2.describeInstanceAttribute(r -> r.instanceId(id).attribute("userData"))
        .userData()
        .value();
  }

  private static final RequestLaunchTemplateData WEB =
      RequestLaunchTemplateData.builder()
          .imageId(LaunchTemplatesIT.AMI)
          .instanceType("t3.micro")
          .keyName("lt-it-key")
          .userData(b64("#!/bin/sh\necho from-template\n"))
          .metadataOptions(m -> m.httpTokens("required").httpPutResponseHopLimit(2))
          .blockDeviceMappings(
              LaunchTemplateBlockDeviceMappingRequest.builder()
                  .deviceName("/dev/sdf")
                  .ebs(e -> e.volumeSize(1).volumeType("gp3").deleteOnTermination(true))
                  .build())
          .tagSpecifications(
              LaunchTemplateTagSpecificationRequest.builder()
                  .resourceType(ResourceType.INSTANCE)
                  .tags(tag("Team", "web"), tag("Env", "template"))
                  .build(),
              LaunchTemplateTagSpecificationRequest.builder()
                  .resourceType(ResourceType.VOLUME)
                  .tags(tag("Disk", "template"))
                  .build())
          .build();

  @Test
  void launchesWhatTheTemplateSaysUnderWhatTheRequestSays() {
    String ltId =
        ec2.createLaunchTemplate(r -> r.launchTemplateName("lt-it-run").launchTemplateData(WEB))
            .launchTemplate()
            .launchTemplateId();
    ec2.createLaunchTemplateVersion(
        r ->
            r.launchTemplateId(ltId)
                .sourceVersion("1")
                .launchTemplateData(d -> d.instanceType("t3.small")));
    try {
      // by name, the default version (1); no ImageId in the request
      Instance fromDefault =
          ec2.runInstances(
                  r ->
                      r.minCount(1)
                          .maxCount(1)
                          .launchTemplate(t -> t.launchTemplateName("lt-it-run"))
                          .tagSpecifications(
                              TagSpecification.builder()
                                  .resourceType(ResourceType.INSTANCE)
                                  .tags(tag("Env", "request"), tag("Name", "one"))
                                  .build()))
              .instances()
              .get(0);
      assertThat(tags(fromDefault.tags()))
          .containsEntry("aws:ec2launchtemplate:id", ltId)
          .containsEntry("aws:ec2launchtemplate:version", "1")
          .containsEntry("Team", "web")
          .containsEntry("Env", "request")
          .containsEntry("Name", "one");
      Instance one = described(fromDefault.instanceId());
      assertThat(one.imageId()).isEqualTo(LaunchTemplatesIT.AMI);
      assertThat(one.instanceTypeAsString()).isEqualTo("t3.micro");
      assertThat(one.keyName()).isEqualTo("lt-it-key");
      assertThat(one.metadataOptions().httpTokensAsString()).isEqualTo("required");
      assertThat(one.metadataOptions().httpPutResponseHopLimit()).isEqualTo(2);
      assertThat(tags(one.tags())).containsEntry("aws:ec2launchtemplate:version", "1");
      assertThat(userData(one.instanceId())).isEqualTo(b64("#!/bin/sh\necho from-template\n"));
      List<Volume> volumes =
          ec2.describeVolumes(r -> r.filters(filter("attachment.instance-id", one.instanceId())))
              .volumes();
      assertThat(volumes)
          .filteredOn(v -> v.attachments().get(0).device().equals("/dev/sdf"))
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.size()).isEqualTo(1);
                assertThat(v.volumeTypeAsString()).isEqualTo("gp3");
                assertThat(tags(v.tags())).containsEntry("Disk", "template");
              });

      // by id, $Latest, the request's own values winning
      Instance fromLatest =
          ec2.runInstances(
                  r ->
                      r.minCount(1)
                          .maxCount(1)
                          .userData(b64("echo from-request\n"))
                          .launchTemplate(t -> t.launchTemplateId(ltId).version("$Latest")))
              .instances()
              .get(0);
      Instance two = described(fromLatest.instanceId());
      assertThat(two.instanceTypeAsString()).isEqualTo("t3.small");
      assertThat(tags(two.tags())).containsEntry("aws:ec2launchtemplate:version", "2");
      assertThat(userData(two.instanceId())).isEqualTo(b64("echo from-request\n"));

      // a version number, and the request's type over it
      Instance fromOne =
          ec2.runInstances(
                  r ->
                      r.minCount(1)
                          .maxCount(1)
                          .instanceType("t3.nano")
                          .launchTemplate(t -> t.launchTemplateId(ltId).version("1")))
              .instances()
              .get(0);
      assertThat(fromOne.instanceTypeAsString()).isEqualTo("t3.nano");

      ec2.terminateInstances(
          r ->
              r.instanceIds(
                  fromDefault.instanceId(), fromLatest.instanceId(), fromOne.instanceId()));
    } finally {
      ec2.deleteLaunchTemplate(r -> r.launchTemplateId(ltId));
    }
  }

  private static String launchError(Consumer<LaunchTemplateSpecification.Builder> template) {
    return error(() -> ec2.runInstances(r -> r.minCount(1).maxCount(1).launchTemplate(template)));
  }

  @Test
  void refusesATemplateOrVersionThatIsNotThere() {
    String ltId =
        ec2.createLaunchTemplate(
                r ->
                    r.launchTemplateName("lt-it-run-errors")
                        .launchTemplateData(d -> d.instanceType("t3.micro")))
            .launchTemplate()
            .launchTemplateId();
    try {
      assertThat(launchError(t -> t.launchTemplateId("lt-0123456789abcdef0")))
          .startsWith("InvalidLaunchTemplateId.NotFound: ");
      assertThat(launchError(t -> t.launchTemplateId(ltId).version("3")))
          .startsWith("InvalidLaunchTemplateId.VersionNotFound: ");
      assertThat(launchError(t -> t.launchTemplateName("lt-it-nope")))
          .startsWith("InvalidLaunchTemplateName.NotFoundException: ");
      // the template has no image and neither has the request
      assertThat(launchError(t -> t.launchTemplateId(ltId))).startsWith("MissingParameter: ");
      assertThat(
              ec2.describeInstances(r -> r.filters(filter("tag:aws:ec2launchtemplate:id", ltId)))
                  .reservations())
          .isEmpty();
    } finally {
      ec2.deleteLaunchTemplate(r -> r.launchTemplateId(ltId));
    }
  }

  @Test
  void getLaunchTemplateDataMakesATemplateThatLaunchesTheSame() {
    String id =
        ec2.runInstances(
                r ->
                    r.imageId(LaunchTemplatesIT.AMI)
                        .instanceType("t3.small")
                        .keyName("lt-it-key")
                        .minCount(1)
                        .maxCount(1)
                        .userData(b64("echo copied\n"))
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.INSTANCE)
                                .tags(tag("Name", "original"))
                                .build()))
            .instances()
            .get(0)
            .instanceId();
    ResponseLaunchTemplateData data =
        ec2.getLaunchTemplateData(r -> r.instanceId(id)).launchTemplateData();
    assertThat(data.imageId()).isEqualTo(LaunchTemplatesIT.AMI);
    assertThat(data.instanceTypeAsString()).isEqualTo("t3.small");
    assertThat(data.keyName()).isEqualTo("lt-it-key");
    assertThat(data.userData()).isEqualTo(b64("echo copied\n"));
    assertThat(data.networkInterfaces())
        .singleElement()
        .satisfies(
            ni -> {
              assertThat(ni.deviceIndex()).isZero();
              assertThat(ni.subnetId()).startsWith("subnet-");
              assertThat(ni.groups()).isNotEmpty();
            });
    assertThat(data.tagSpecifications().get(0).tags()).containsExactly(tag("Name", "original"));
    assertThat(error(() -> ec2.getLaunchTemplateData(r -> r.instanceId("i-0123456789abcdef0"))))
        .startsWith("InvalidInstanceID.NotFound: ");

    // the AWS CLI's way: that data, as a template, then a launch from it
    RequestLaunchTemplateData asRequest =
        RequestLaunchTemplateData.builder()
            .imageId(data.imageId())
            .instanceType(data.instanceTypeAsString())
            .keyName(data.keyName())
            .userData(data.userData())
            .build();
    String ltId =
        ec2.createLaunchTemplate(
                r -> r.launchTemplateName("lt-it-from-instance").launchTemplateData(asRequest))
            .launchTemplate()
            .launchTemplateId();
    try {
      String copy =
          ec2.runInstances(
                  r -> r.minCount(1).maxCount(1).launchTemplate(t -> t.launchTemplateId(ltId)))
              .instances()
              .get(0)
              .instanceId();
      assertThat(userData(copy)).isEqualTo(b64("echo copied\n"));
      assertThat(described(copy).instanceTypeAsString()).isEqualTo("t3.small");
      ec2.terminateInstances(r -> r.instanceIds(id, copy));
    } finally {
      ec2.deleteLaunchTemplate(r -> r.launchTemplateId(ltId));
    }
  }

  @Test
  void placesTheInstanceOnTheTemplatesInterfaceUnlessTheRequestSaysWhere() {
    List<Subnet> subnets =
        ec2.describeSubnets(r -> r.filters(filter("default-for-az", "true"))).subnets();
    Subnet first = subnets.get(0);
    Subnet second = subnets.get(1);
    String vpcId = first.vpcId();
    String group =
        ec2.createSecurityGroup(
                r -> r.groupName("lt-it-net").description("from a template").vpcId(vpcId))
            .groupId();
    String defaultGroup =
        ec2.describeSecurityGroups(
                r -> r.filters(filter("group-name", "default"), filter("vpc-id", vpcId)))
            .securityGroups()
            .get(0)
            .groupId();
    String ltId =
        ec2.createLaunchTemplate(
                r ->
                    r.launchTemplateName("lt-it-net")
                        .launchTemplateData(
                            d ->
                                d.imageId(LaunchTemplatesIT.AMI)
                                    .instanceType("t3.micro")
                                    .networkInterfaces(
                                        LaunchTemplateInstanceNetworkInterfaceSpecificationRequest
                                            .builder()
                                            .deviceIndex(0)
                                            .subnetId(first.subnetId())
                                            .groups(group)
                                            .build())))
            .launchTemplate()
            .launchTemplateId();
    try {
      Instance onTemplate =
          ec2.runInstances(
                  r -> r.minCount(1).maxCount(1).launchTemplate(t -> t.launchTemplateId(ltId)))
              .instances()
              .get(0);
      Instance onRequest =
          ec2.runInstances(
                  r ->
                      r.minCount(1)
                          .maxCount(1)
                          .subnetId(second.subnetId())
                          .securityGroupIds(defaultGroup)
                          .launchTemplate(t -> t.launchTemplateId(ltId)))
              .instances()
              .get(0);
      Instance a = described(onTemplate.instanceId());
      assertThat(a.subnetId()).isEqualTo(first.subnetId());
      assertThat(a.securityGroups()).extracting(g -> g.groupId()).containsExactly(group);
      Instance b = described(onRequest.instanceId());
      assertThat(b.subnetId()).isEqualTo(second.subnetId());
      assertThat(b.placement().availabilityZone()).isEqualTo(second.availabilityZone());
      assertThat(b.securityGroups()).extracting(g -> g.groupId()).containsExactly(defaultGroup);
      ec2.terminateInstances(r -> r.instanceIds(a.instanceId(), b.instanceId()));
      ec2.waiter().waitUntilInstanceTerminated(r -> r.instanceIds(a.instanceId(), b.instanceId()));
    } finally {
      ec2.deleteLaunchTemplate(r -> r.launchTemplateId(ltId));
      ec2.deleteSecurityGroup(r -> r.groupId(group));
    }
  }
}
