package dev.ec2double.it.launchtemplates;

import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** The launch template API (templates, versions, filters, errors) as an SDK user sees it. */
class LaunchTemplatesIT {
  static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-west-3", "AKIDLAUNCHTEMPLATES");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static LaunchTemplate create(String name, RequestLaunchTemplateData data, String team) {
    return ec2.createLaunchTemplate(
            r -> {
              r.launchTemplateName(name).versionDescription("first").launchTemplateData(data);
              if (team != null) {
                r.tagSpecifications(
                    TagSpecification.builder()
                        .resourceType(ResourceType.LAUNCH_TEMPLATE)
                        .tags(Tag.builder().key("Team").value(team).build())
                        .build());
              }
            })
        .launchTemplate();
  }

  private static RequestLaunchTemplateData data(String type) {
    return RequestLaunchTemplateData.builder().imageId(AMI).instanceType(type).build();
  }

  private static List<Long> versions(String id, String... which) {
    return numbers(r -> r.launchTemplateId(id).versions(which));
  }

  private static List<Long> versionsWhere(String id, Filter f) {
    return numbers(r -> r.launchTemplateId(id).filters(f));
  }

  private static List<Long> numbers(Consumer<DescribeLaunchTemplateVersionsRequest.Builder> req) {
    return ec2.describeLaunchTemplateVersions(req).launchTemplateVersions().stream()
        .map(LaunchTemplateVersion::versionNumber)
        .toList();
  }

  private static List<String> names(Filter... filters) {
    return ec2.describeLaunchTemplates(r -> r.filters(filters)).launchTemplates().stream()
        .map(LaunchTemplate::launchTemplateName)
        .toList();
  }

  @Test
  void keepsNumberedVersionsAndADefault() {
    LaunchTemplate made = create("lt-it-versions", data("t3.micro"), "web");
    try {
      assertThat(made.launchTemplateId()).matches("lt-[0-9a-f]{17}");
      assertThat(made.defaultVersionNumber()).isEqualTo(1L);
      assertThat(made.latestVersionNumber()).isEqualTo(1L);
      assertThat(made.createdBy()).matches("arn:aws:iam::\\d{12}:root");
      assertThat(made.createTime()).isNotNull();
      assertThat(made.tags()).containsExactly(Tag.builder().key("Team").value("web").build());

      // version 2 from version 1: what it does not give, it inherits
      LaunchTemplateVersion v2 =
          ec2.createLaunchTemplateVersion(
                  r ->
                      r.launchTemplateName("lt-it-versions")
                          .sourceVersion("1")
                          .versionDescription("bigger")
                          .launchTemplateData(d -> d.instanceType("t3.small")))
              .launchTemplateVersion();
      assertThat(v2.versionNumber()).isEqualTo(2L);
      assertThat(v2.defaultVersion()).isFalse();
      assertThat(v2.launchTemplateData().imageId()).isEqualTo(AMI);
      assertThat(v2.launchTemplateData().instanceTypeAsString()).isEqualTo("t3.small");
      // version 3 from nothing: only what it gives
      LaunchTemplateVersion v3 =
          ec2.createLaunchTemplateVersion(
                  r ->
                      r.launchTemplateId(made.launchTemplateId())
                          .launchTemplateData(d -> d.instanceType("t3.nano")))
              .launchTemplateVersion();
      assertThat(v3.launchTemplateData().imageId()).isNull();

      String id = made.launchTemplateId();
      assertThat(versions(id)).containsExactly(3L, 2L, 1L);
      assertThat(versions(id, "$Latest")).containsExactly(3L);
      assertThat(versions(id, "$Default")).containsExactly(1L);
      assertThat(versions(id, "2", "$Default")).containsExactly(2L, 1L);
      assertThat(
              ec2.describeLaunchTemplateVersions(
                      r -> r.launchTemplateId(id).minVersion("2").maxVersion("2"))
                  .launchTemplateVersions())
          .extracting(LaunchTemplateVersion::versionDescription)
          .containsExactly("bigger");

      LaunchTemplate modified =
          ec2.modifyLaunchTemplate(r -> r.launchTemplateId(id).defaultVersion("2"))
              .launchTemplate();
      assertThat(modified.defaultVersionNumber()).isEqualTo(2L);
      assertThat(versions(id, "$Default")).containsExactly(2L);
      assertThat(
              ec2.describeLaunchTemplates(r -> r.launchTemplateIds(id))
                  .launchTemplates()
                  .get(0)
                  .latestVersionNumber())
          .isEqualTo(3L);

      // the default cannot go, a missing one is reported, the others go
      DeleteLaunchTemplateVersionsResponse deleted =
          ec2.deleteLaunchTemplateVersions(r -> r.launchTemplateId(id).versions("3", "2", "9"));
      assertThat(deleted.successfullyDeletedLaunchTemplateVersions())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.versionNumber()).isEqualTo(3L);
                assertThat(s.launchTemplateName()).isEqualTo("lt-it-versions");
              });
      assertThat(deleted.unsuccessfullyDeletedLaunchTemplateVersions())
          .extracting(e -> e.versionNumber() + " " + e.responseError().codeAsString())
          .containsExactly("2 unexpectedError", "9 launchTemplateVersionDoesNotExist");
      assertThat(versions(id)).containsExactly(2L, 1L);
      // $Latest is the newest version left; numbers are not given twice
      assertThat(versions(id, "$Latest")).containsExactly(2L);
      assertThat(
              ec2.createLaunchTemplateVersion(
                      r -> r.launchTemplateId(id).launchTemplateData(d -> d.keyName("k")))
                  .launchTemplateVersion()
                  .versionNumber())
          .isEqualTo(4L);
    } finally {
      LaunchTemplate gone =
          ec2.deleteLaunchTemplate(r -> r.launchTemplateName("lt-it-versions")).launchTemplate();
      assertThat(gone.launchTemplateId()).isEqualTo(made.launchTemplateId());
    }
    assertThat(
            error(
                () ->
                    ec2.describeLaunchTemplates(r -> r.launchTemplateIds(made.launchTemplateId()))))
        .isEqualTo(
            "InvalidLaunchTemplateId.NotFound: The specified launch template, with template ID "
                + made.launchTemplateId()
                + ", does not exist.");
    assertThat(
            ec2.describeTags(r -> r.filters(filter("resource-id", made.launchTemplateId()))).tags())
        .isEmpty();
  }

  @Test
  void refusesWhatAwsRefuses() {
    LaunchTemplate made = create("lt-it-errors", data("t3.micro"), null);
    String id = made.launchTemplateId();
    try {
      assertThat(error(() -> create("lt-it-errors", data("t3.nano"), null)))
          .isEqualTo(
              "InvalidLaunchTemplateName.AlreadyExistsException: Launch template name already in"
                  + " use.");
      assertThat(error(() -> create("no spaces allowed", data("t3.nano"), null)))
          .startsWith("InvalidLaunchTemplateName.MalformedException: ");
      assertThat(error(() -> create("lt", data("t3.nano"), null)))
          .startsWith("InvalidLaunchTemplateName.MalformedException: ");
      assertThat(error(() -> ec2.describeLaunchTemplates(r -> r.launchTemplateIds("lt-123"))))
          .isEqualTo(
              "InvalidLaunchTemplateId.Malformed: The specified ID for the launch template,"
                  + " lt-123, is malformed.");
      assertThat(
              error(() -> ec2.describeLaunchTemplates(r -> r.launchTemplateNames("lt-it-never"))))
          .startsWith("InvalidLaunchTemplateName.NotFoundException: ");
      assertThat(
              error(
                  () ->
                      ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName("lt-it-never"))))
          .isEqualTo(
              "InvalidLaunchTemplateName.NotFoundException: The specified launch template, with"
                  + " template name lt-it-never, does not exist.");
      assertThat(
              error(
                  () ->
                      ec2.describeLaunchTemplateVersions(
                          r -> r.launchTemplateId(id).versions("7"))))
          .isEqualTo(
              "InvalidLaunchTemplateId.VersionNotFound: Could not find the specified version 7"
                  + " for the launch template with ID "
                  + id
                  + ".");
      assertThat(
              error(
                  () -> ec2.modifyLaunchTemplate(r -> r.launchTemplateId(id).defaultVersion("2"))))
          .startsWith("InvalidLaunchTemplateId.VersionNotFound: ");
      assertThat(
              error(
                  () ->
                      ec2.createLaunchTemplateVersion(
                          r ->
                              r.launchTemplateId(id)
                                  .sourceVersion("5")
                                  .launchTemplateData(d -> d.keyName("k")))))
          .startsWith("InvalidLaunchTemplateId.VersionNotFound: ");
      assertThat(
              error(
                  () ->
                      ec2.deleteLaunchTemplate(
                          r -> r.launchTemplateId(id).launchTemplateName("lt-it-errors"))))
          .startsWith("InvalidParameterCombination: ");
      assertThat(error(() -> ec2.deleteLaunchTemplate(r -> r.dryRun(false))))
          .startsWith("MissingParameter: ");
      assertThat(error(() -> ec2.describeLaunchTemplateVersions(r -> r.versions("1"))))
          .startsWith("InvalidParameterValue: ");
      assertThat(
              error(
                  () ->
                      ec2.createLaunchTemplate(
                          r ->
                              r.launchTemplateName("lt-it-badtag")
                                  .launchTemplateData(data("t3.micro"))
                                  .tagSpecifications(
                                      TagSpecification.builder()
                                          .resourceType(ResourceType.INSTANCE)
                                          .tags(Tag.builder().key("a").value("b").build())
                                          .build()))))
          .startsWith("InvalidParameterValue: ");
      assertThat(
              error(
                  () ->
                      ec2.createLaunchTemplate(
                          r ->
                              r.launchTemplateName("lt-it-dry")
                                  .launchTemplateData(data("t3.micro"))
                                  .dryRun(true))))
          .startsWith("DryRunOperation: ");
      assertThat(error(() -> ec2.describeLaunchTemplates(r -> r.maxResults(201))))
          .startsWith("InvalidParameterValue: ");
      assertThat(error(() -> ec2.describeLaunchTemplates(r -> r.filters(filter("zone", "x")))))
          .startsWith("InvalidParameterValue: ");
      assertThat(names(filter("launch-template-name", "lt-it-dry", "lt-it-badtag"))).isEmpty();
    } finally {
      ec2.deleteLaunchTemplate(r -> r.launchTemplateId(id));
    }
  }

  @Test
  void filtersAndPagesWhatTheReferenceLists() {
    LaunchTemplate a = create("lt-it-filter-a", data("t3.micro"), "blue");
    LaunchTemplate b = create("lt-it-filter-b", data("t3.nano"), "green");
    try {
      ec2.createLaunchTemplateVersion(
          r ->
              r.launchTemplateId(b.launchTemplateId())
                  .sourceVersion("$Latest")
                  .launchTemplateData(d -> d.instanceType("t3.small").ebsOptimized(true)));
      assertThat(names(filter("launch-template-name", "lt-it-filter-*")))
          .containsExactly("lt-it-filter-a", "lt-it-filter-b");
      assertThat(names(filter("tag:Team", "green"))).containsExactly("lt-it-filter-b");
      assertThat(names(filter("tag-key", "Team"), filter("launch-template-name", "*-a")))
          .containsExactly("lt-it-filter-a");
      assertThat(
              names(
                  filter("create-time", a.createTime().toString().substring(0, 4) + "-*"),
                  filter("launch-template-name", "lt-it-filter-*")))
          .hasSize(2);
      assertThat(
              ec2.describeLaunchTemplates(
                      r -> r.launchTemplateNames("lt-it-filter-b", "lt-it-filter-a"))
                  .launchTemplates())
          .hasSize(2);

      var first =
          ec2.describeLaunchTemplates(
              r -> r.filters(filter("launch-template-name", "lt-it-filter-*")).maxResults(1));
      assertThat(first.launchTemplates()).hasSize(1);
      var second =
          ec2.describeLaunchTemplates(
              r ->
                  r.filters(filter("launch-template-name", "lt-it-filter-*"))
                      .maxResults(1)
                      .nextToken(first.nextToken()));
      assertThat(second.launchTemplates().get(0).launchTemplateName())
          .isNotEqualTo(first.launchTemplates().get(0).launchTemplateName());
      assertThat(second.nextToken()).isNull();

      String bid = b.launchTemplateId();
      assertThat(versionsWhere(bid, filter("instance-type", "t3.small"))).containsExactly(2L);
      assertThat(versionsWhere(bid, filter("is-default-version", "true"))).containsExactly(1L);
      assertThat(versionsWhere(bid, filter("image-id", AMI))).containsExactly(2L, 1L);
      assertThat(versionsWhere(bid, filter("ebs-optimized", "true"))).containsExactly(2L);
      assertThat(versionsWhere(bid, filter("kernel-id", "*"))).isEmpty();

      // every template's $Latest: no template named
      assertThat(
              ec2.describeLaunchTemplateVersions(
                      r ->
                          r.versions("$Latest")
                              .filters(filter("instance-type", "t3.micro", "t3.small")))
                  .launchTemplateVersions())
          .extracting(v -> v.launchTemplateName() + ":" + v.versionNumber())
          .contains("lt-it-filter-a:1", "lt-it-filter-b:2")
          .doesNotContain("lt-it-filter-b:1");
    } finally {
      ec2.deleteLaunchTemplate(r -> r.launchTemplateId(a.launchTemplateId()));
      ec2.deleteLaunchTemplate(r -> r.launchTemplateId(b.launchTemplateId()));
    }
  }

  @Test
  void theAwsCliDrivesTemplatesAndTheirVersions() throws Exception {
    AwsCli.requireInstalled("LaunchTemplatesIT");
    ObjectMapper json = new ObjectMapper();
    String region = "eu-west-3";
    AwsCli.Run made =
        AwsCli.run(
            region,
            "ec2",
            "create-launch-template",
            "--launch-template-name",
            "lt-it-cli",
            "--version-description",
            "v1",
            "--launch-template-data",
            "{\"ImageId\":\""
                + AMI
                + "\",\"InstanceType\":\"t3.micro\",\"BlockDeviceMappings\":[{\"DeviceName\":"
                + "\"/dev/sdf\",\"Ebs\":{\"VolumeSize\":2}}],\"TagSpecifications\":[{"
                + "\"ResourceType\":\"instance\",\"Tags\":[{\"Key\":\"Team\",\"Value\":\"cli\"}]}]}",
            "--tag-specifications",
            "ResourceType=launch-template,Tags=[{Key=Name,Value=cli}]");
    assertThat(made.exit()).as(made.stderr()).isZero();
    JsonNode template = json.readTree(made.stdout()).get("LaunchTemplate");
    String id = template.get("LaunchTemplateId").asText();
    try {
      assertThat(template.get("DefaultVersionNumber").asLong()).isEqualTo(1);
      assertThat(template.get("Tags").get(0).get("Value").asText()).isEqualTo("cli");
      AwsCli.Run v2 =
          AwsCli.run(
              region,
              "ec2",
              "create-launch-template-version",
              "--launch-template-id",
              id,
              "--source-version",
              "1",
              "--launch-template-data",
              "{\"InstanceType\":\"t3.small\"}");
      assertThat(v2.exit()).as(v2.stderr()).isZero();
      AwsCli.Run latest =
          AwsCli.run(
              region,
              "ec2",
              "describe-launch-template-versions",
              "--launch-template-name",
              "lt-it-cli",
              "--versions",
              "$Latest");
      assertThat(latest.exit()).as(latest.stderr()).isZero();
      JsonNode version = json.readTree(latest.stdout()).get("LaunchTemplateVersions").get(0);
      assertThat(version.get("VersionNumber").asLong()).isEqualTo(2);
      assertThat(version.get("DefaultVersion").asBoolean()).isFalse();
      JsonNode data = version.get("LaunchTemplateData");
      assertThat(data.get("ImageId").asText()).isEqualTo(AMI);
      assertThat(data.get("InstanceType").asText()).isEqualTo("t3.small");
      assertThat(data.get("BlockDeviceMappings").get(0).get("Ebs").get("VolumeSize").asInt())
          .isEqualTo(2);
      assertThat(data.get("TagSpecifications").get(0).get("Tags").get(0).get("Value").asText())
          .isEqualTo("cli");
      AwsCli.Run deleted =
          AwsCli.run(
              region,
              "ec2",
              "delete-launch-template-versions",
              "--launch-template-id",
              id,
              "--versions",
              "1",
              "2");
      assertThat(deleted.exit()).as(deleted.stderr()).isZero();
      JsonNode result = json.readTree(deleted.stdout());
      assertThat(
              result
                  .get("SuccessfullyDeletedLaunchTemplateVersions")
                  .get(0)
                  .get("VersionNumber")
                  .asLong())
          .isEqualTo(2);
      JsonNode failed = result.get("UnsuccessfullyDeletedLaunchTemplateVersions").get(0);
      assertThat(failed.get("VersionNumber").asLong()).isEqualTo(1);
      assertThat(failed.get("ResponseError").get("Code").asText()).isEqualTo("unexpectedError");
    } finally {
      AwsCli.Run gone =
          AwsCli.run(region, "ec2", "delete-launch-template", "--launch-template-id", id);
      assertThat(gone.exit()).as(gone.stderr()).isZero();
    }
  }
}
