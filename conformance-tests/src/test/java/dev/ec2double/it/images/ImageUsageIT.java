package dev.ec2double.it.images;

import static dev.ec2double.it.Ec2Calls.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ec2double.it.Ec2Calls;
import dev.ec2double.it.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ImageAncestryEntry;
import software.amazon.awssdk.services.ec2.model.ImageReference;
import software.amazon.awssdk.services.ec2.model.ImageUsageReport;
import software.amazon.awssdk.services.ec2.model.ImageUsageReportEntry;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Who uses an AMI, from the server's real state (mock backend): DescribeImageReferences over the
 * caller's instances and launch templates, image usage reports over every account's, and
 * GetImageAncestry along CopyImage's sources across regions.
 */
class ImageUsageIT {
  private static final String OWNER = "717171717171";
  private static final String USER = "727272727272";

  private static Ec2Client owner;
  private static Ec2Client user;

  @BeforeAll
  static void clients() {
    owner = TestServer.ec2("us-east-1", OWNER);
    user = TestServer.ec2("us-east-1", USER);
  }

  @AfterAll
  static void close() {
    owner.close();
    user.close();
  }

  private static String register(String name) {
    String id = owner.registerImage(r -> r.name(name).imageLocation("owner/app:1")).imageId();
    owner.modifyImageAttribute(
        r -> r.imageId(id).launchPermission(p -> p.add(l -> l.userId(USER))));
    return id;
  }

  private static String launch(Ec2Client ec2, String ami, int count) {
    return ec2.runInstances(
            r -> r.imageId(ami).instanceType("t3.micro").minCount(count).maxCount(count))
        .instances()
        .get(0)
        .instanceId();
  }

  private static String template(String name, String ami) {
    return owner
        .createLaunchTemplate(
            r ->
                r.launchTemplateName(name)
                    .launchTemplateData(d -> d.imageId(ami).instanceType("t3.micro")))
        .launchTemplate()
        .launchTemplateId();
  }

  @Test
  void referencesAreTheCallersInstancesAndTemplatesThatUseTheImage() {
    String ami = register("refs-ami");
    String instance = launch(owner, ami, 1);
    String lt = template("refs-lt", ami);
    launch(user, ami, 1);

    List<ImageReference> refs =
        owner
            .describeImageReferences(r -> r.imageIds(ami).includeAllResourceTypes(true))
            .imageReferences();
    assertThat(refs)
        .extracting(ImageReference::resourceTypeAsString, ImageReference::arn)
        .containsExactlyInAnyOrder(
            tuple("ec2:Instance", "arn:aws:ec2:us-east-1:" + OWNER + ":instance/" + instance),
            tuple(
                "ec2:LaunchTemplate", "arn:aws:ec2:us-east-1:" + OWNER + ":launch-template/" + lt));

    assertThat(
            owner
                .describeImageReferences(
                    r ->
                        r.imageIds(ami)
                            .resourceTypes(
                                t ->
                                    t.resourceType("ec2:Instance")
                                        .resourceTypeOptions(
                                            o ->
                                                o.optionName("state-name")
                                                    .optionValues("stopped"))))
                .imageReferences())
        .isEmpty();
    owner.terminateInstances(r -> r.instanceIds(instance));
    Ec2Calls.awaitState(owner, instance, InstanceStateName.TERMINATED, Duration.ofSeconds(30));
    assertThat(
            owner
                .describeImageReferences(
                    r -> r.imageIds(ami).resourceTypes(t -> t.resourceType("ec2:Instance")))
                .imageReferences())
        .as("a terminated instance no longer uses the AMI")
        .isEmpty();

    assertError(
        () -> owner.describeImageReferences(r -> r.imageIds(ami)), "InvalidParameterCombination");
    assertError(
        () ->
            owner.describeImageReferences(
                r -> r.imageIds("ami-nope").includeAllResourceTypes(true)),
        "InvalidAMIID.Malformed");
    assertError(
        () ->
            owner.describeImageReferences(
                r ->
                    r.imageIds(ami)
                        .resourceTypes(
                            t ->
                                t.resourceType("ec2:LaunchTemplate")
                                    .resourceTypeOptions(
                                        o -> o.optionName("version-depth").optionValues("0")))),
        "InvalidParameterValue");
  }

  @Test
  void aUsageReportCountsEveryAccountsInstancesAndTemplates() {
    String ami = register("usage-ami");
    launch(owner, ami, 1);
    template("usage-lt", ami);
    launch(user, ami, 2);

    String report =
        owner
            .createImageUsageReport(
                r ->
                    r.imageId(ami)
                        .resourceTypes(
                            t -> t.resourceType("ec2:Instance"),
                            t ->
                                t.resourceType("ec2:LaunchTemplate")
                                    .resourceTypeOptions(
                                        o -> o.optionName("version-depth").optionValues("5")))
                        .tagSpecifications(
                            s ->
                                s.resourceType(ResourceType.IMAGE_USAGE_REPORT)
                                    .tags(t -> t.key("team").value("ami"))))
            .reportId();
    assertThat(report).startsWith("amiur-");

    ImageUsageReport described =
        owner.describeImageUsageReports(r -> r.reportIds(report)).imageUsageReports().get(0);
    assertThat(described.imageId()).isEqualTo(ami);
    assertThat(described.state()).isEqualTo("available");
    assertThat(described.expirationTime()).isAfter(described.creationTime());
    assertThat(described.resourceTypes()).hasSize(2);
    assertThat(described.tags()).extracting("key", "value").containsExactly(tuple("team", "ami"));
    assertThat(
            owner
                .describeImageUsageReports(
                    r -> r.imageIds(ami).filters(f -> f.name("tag:team").values("ami")))
                .imageUsageReports())
        .extracting(ImageUsageReport::reportId)
        .containsExactly(report);

    List<ImageUsageReportEntry> entries =
        owner.describeImageUsageReportEntries(r -> r.reportIds(report)).imageUsageReportEntries();
    assertThat(entries)
        .extracting(
            ImageUsageReportEntry::accountId,
            ImageUsageReportEntry::resourceType,
            ImageUsageReportEntry::usageCount)
        .containsExactlyInAnyOrder(
            tuple(OWNER, "ec2:Instance", 1L),
            tuple(OWNER, "ec2:LaunchTemplate", 1L),
            tuple(USER, "ec2:Instance", 2L));
    var page =
        owner.describeImageUsageReportEntries(
            r ->
                r.reportIds(report)
                    .filters(f -> f.name("resource-type").values("ec2:Instance"))
                    .maxResults(1));
    assertThat(page.imageUsageReportEntries()).hasSize(1);
    assertThat(page.nextToken()).isNotNull();

    String onlyUser =
        owner
            .createImageUsageReport(
                r ->
                    r.imageId(ami)
                        .resourceTypes(t -> t.resourceType("ec2:Instance"))
                        .accountIds(USER))
            .reportId();
    assertThat(
            owner
                .describeImageUsageReportEntries(r -> r.reportIds(onlyUser))
                .imageUsageReportEntries())
        .extracting(ImageUsageReportEntry::accountId, ImageUsageReportEntry::usageCount)
        .containsExactly(tuple(USER, 2L));

    assertThat(owner.deleteImageUsageReport(r -> r.reportId(report)).returnValue()).isTrue();
    assertError(
        () -> owner.describeImageUsageReports(r -> r.reportIds(report)),
        "InvalidImageUsageReportId.NotFound");
    assertError(
        () ->
            user.createImageUsageReport(
                r -> r.imageId(ami).resourceTypes(t -> t.resourceType("ec2:Instance"))),
        "AuthFailure");
    assertError(
        () ->
            owner.createImageUsageReport(
                r -> r.imageId(ami).resourceTypes(t -> t.resourceType("ssm:Parameter"))),
        "InvalidParameterValue");
    assertError(
        () ->
            owner.createImageUsageReport(
                r ->
                    r.imageId(ami)
                        .resourceTypes(t -> t.resourceType("ec2:Instance"))
                        .accountIds("not-an-account")),
        "InvalidParameterValue");
  }

  @Test
  void ancestryFollowsCopiesAcrossRegionsBackToTheFirstImage() {
    String first =
        owner.registerImage(r -> r.name("root-ami").imageLocation("owner/app:1")).imageId();
    String copy =
        owner
            .copyImage(r -> r.name("copy-ami").sourceImageId(first).sourceRegion("us-east-1"))
            .imageId();
    try (Ec2Client europe = TestServer.ec2("eu-west-1", OWNER)) {
      String far =
          europe
              .copyImage(r -> r.name("far-ami").sourceImageId(copy).sourceRegion("us-east-1"))
              .imageId();
      List<ImageAncestryEntry> chain =
          europe.getImageAncestry(r -> r.imageId(far)).imageAncestryEntries();
      assertThat(chain)
          .extracting(
              ImageAncestryEntry::imageId,
              ImageAncestryEntry::sourceImageId,
              ImageAncestryEntry::sourceImageRegion)
          .containsExactly(
              tuple(far, copy, "us-east-1"),
              tuple(copy, first, "us-east-1"),
              tuple(first, null, null));
      assertThat(chain.get(0).creationDate()).isNotNull();
      // CreateImage records the AMI its instance was launched from
      String instance = launch(owner, first, 1);
      String created = owner.createImage(r -> r.instanceId(instance).name("created-ami")).imageId();
      assertThat(
              owner.getImageAncestry(r -> r.imageId(created)).imageAncestryEntries().stream()
                  .map(ImageAncestryEntry::imageId))
          .containsExactly(created, first);
      assertError(() -> europe.getImageAncestry(r -> r.imageId(first)), "InvalidAMIID.NotFound");
    }
  }
}
