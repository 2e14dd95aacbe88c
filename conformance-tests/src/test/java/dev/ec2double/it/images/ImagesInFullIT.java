package dev.ec2double.it.images;

import static dev.ec2double.it.Ec2Calls.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * AMIs in full through the SDK (mock backend): sharing with another account (which then sees and
 * launches the AMI), CopyImage within and across regions, deprecation, disabling, deregistration
 * protection, block public access, DescribeImages' filters and scopes.
 */
class ImagesInFullIT {
  private static final String OWNER = "313131313131";
  private static final String OTHER = "424242424242";

  private static Ec2Client ec2;
  private static Ec2Client other;
  private static Ec2Client europe;

  @BeforeAll
  static void clients() {
    ec2 = TestServer.ec2("us-east-1", OWNER);
    other = TestServer.ec2("us-east-1", OTHER);
    europe = TestServer.ec2("eu-west-1", OWNER);
  }

  @AfterAll
  static void close() {
    ec2.close();
    other.close();
    europe.close();
  }

  private static String register(TestInfo test) {
    String name = "full-" + test.getTestMethod().orElseThrow().getName();
    return ec2.registerImage(
            r ->
                r.name(name)
                    .imageLocation("my/app:1")
                    .description("v1")
                    .tagSpecifications(
                        TagSpecification.builder()
                            .resourceType(ResourceType.IMAGE)
                            .tags(Tag.builder().key("team").value("blue").build())
                            .build()))
        .imageId();
  }

  private static List<String> ids(List<Image> images) {
    return images.stream().map(Image::imageId).toList();
  }

  private static String launch(Ec2Client client, String ami) {
    return client
        .runInstances(r -> r.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1))
        .instances()
        .get(0)
        .instanceId();
  }

  @Test
  void anAccountGivenALaunchPermissionSeesAndLaunchesTheImageUntilItIsTakenBack(TestInfo test) {
    String id = register(test);
    assertThat(ids(other.describeImages(r -> r.executableUsers("self")).images()))
        .doesNotContain(id);
    assertError(() -> other.describeImages(r -> r.imageIds(id)), "InvalidAMIID.NotFound");
    assertError(() -> launch(other, id), "InvalidAMIID.NotFound");

    ec2.modifyImageAttribute(
        r ->
            r.imageId(id)
                .launchPermission(p -> p.add(LaunchPermission.builder().userId(OTHER).build())));

    assertThat(ids(other.describeImages(r -> r.executableUsers("self")).images())).contains(id);
    assertThat(ids(other.describeImages(r -> r.owners(OWNER)).images())).containsExactly(id);
    assertThat(ids(other.describeImages(r -> r.executableUsers("all")).images()))
        .doesNotContain(id);
    assertThat(ids(ec2.describeImages(r -> r.executableUsers(OTHER)).images())).contains(id);
    Image seen = other.describeImages(r -> r.imageIds(id)).images().get(0);
    assertThat(seen.ownerId()).isEqualTo(OWNER);
    assertThat(seen.tags()).as("the owner's tags are the owner's").isEmpty();
    String instance = launch(other, id);
    assertThat(
            other
                .describeInstances(r -> r.instanceIds(instance))
                .reservations()
                .get(0)
                .instances()
                .get(0)
                .imageId())
        .isEqualTo(id);
    // only the owner changes it
    assertError(
        () -> other.modifyImageAttribute(r -> r.imageId(id).description(d -> d.value("mine now"))),
        "AuthFailure");

    other.cancelImageLaunchPermission(r -> r.imageId(id));
    assertThat(ids(other.describeImages(r -> r.executableUsers("self")).images()))
        .doesNotContain(id);
    assertError(() -> launch(other, id), "InvalidAMIID.NotFound");
    assertError(() -> ec2.cancelImageLaunchPermission(r -> r.imageId(id)), "InvalidParameterValue");
    other.terminateInstances(r -> r.instanceIds(instance));
  }

  @Test
  void launchPermissionsTakeOrganizationsAndResetClearsThem(TestInfo test) {
    String id = register(test);
    String org = "arn:aws:organizations::123456789012:organization/o-abcdefghij";
    String ou = "arn:aws:organizations::123456789012:ou/o-abcdefghij/ou-ab12-abcdefgh";
    ec2.modifyImageAttribute(
        r ->
            r.imageId(id)
                .launchPermission(
                    p ->
                        p.add(
                            LaunchPermission.builder().organizationArn(org).build(),
                            LaunchPermission.builder().organizationalUnitArn(ou).build(),
                            LaunchPermission.builder().userId(OTHER).build())));
    assertThat(
            ec2.describeImageAttribute(r -> r.imageId(id).attribute("launchPermission"))
                .launchPermissions())
        .containsExactly(
            LaunchPermission.builder().userId(OTHER).build(),
            LaunchPermission.builder().organizationArn(org).build(),
            LaunchPermission.builder().organizationalUnitArn(ou).build());
    assertError(
        () ->
            ec2.modifyImageAttribute(
                r ->
                    r.imageId(id)
                        .launchPermission(
                            p ->
                                p.add(
                                    LaunchPermission.builder()
                                        .organizationArn("arn:aws:nope")
                                        .build()))),
        "InvalidParameterValue");

    ec2.resetImageAttribute(r -> r.imageId(id).attribute("launchPermission"));
    assertThat(
            ec2.describeImageAttribute(r -> r.imageId(id).attribute("launchPermission"))
                .launchPermissions())
        .isEmpty();
    assertError(() -> other.describeImages(r -> r.imageIds(id)), "InvalidAMIID.NotFound");
  }

  @Test
  void blockPublicAccessRefusesMakingAnImagePublic(TestInfo test) {
    String id = register(test);
    assertThat(ec2.getImageBlockPublicAccessState(r -> {}).imageBlockPublicAccessState())
        .isEqualTo("unblocked");
    assertThat(
            ec2.enableImageBlockPublicAccess(
                    r -> r.imageBlockPublicAccessState("block-new-sharing"))
                .imageBlockPublicAccessStateAsString())
        .isEqualTo("block-new-sharing");
    try {
      assertError(
          () ->
              ec2.modifyImageAttribute(
                  r ->
                      r.imageId(id)
                          .launchPermission(
                              p -> p.add(LaunchPermission.builder().group("all").build()))),
          "OperationNotPermitted");
      assertThat(ec2.getImageBlockPublicAccessState(r -> {}).managedByAsString())
          .isEqualTo("account");
    } finally {
      ec2.disableImageBlockPublicAccess(r -> {});
    }
    ec2.modifyImageAttribute(
        r ->
            r.imageId(id)
                .launchPermission(p -> p.add(LaunchPermission.builder().group("all").build())));
    Filter isPublic = Filter.builder().name("is-public").values("true").build();
    assertThat(ids(other.describeImages(r -> r.filters(isPublic)).images())).contains(id);
    assertThat(ids(other.describeImages(r -> r.executableUsers("all")).images())).contains(id);
  }

  @Test
  void copiesAnImageWithinAndAcrossRegions(TestInfo test) {
    String id = register(test);
    String here =
        ec2.copyImage(
                r ->
                    r.sourceImageId(id)
                        .sourceRegion("us-east-1")
                        .name("copy-here-" + id)
                        .copyImageTags(true))
            .imageId();
    String there =
        europe
            .copyImage(
                r ->
                    r.sourceImageId(id)
                        .sourceRegion("us-east-1")
                        .name("copy-there-" + id)
                        .description("in europe")
                        .encrypted(true)
                        .kmsKeyId("alias/aws/ebs"))
            .imageId();

    Image local = ec2.describeImages(r -> r.imageIds(here)).images().get(0);
    assertThat(local.description()).isEqualTo("v1");
    assertThat(local.sourceImageId()).isEqualTo(id);
    assertThat(local.sourceImageRegion()).isEqualTo("us-east-1");
    assertThat(local.tags()).containsExactly(Tag.builder().key("team").value("blue").build());
    Image remote = europe.describeImages(r -> r.imageIds(there)).images().get(0);
    assertThat(remote.description()).isEqualTo("in europe");
    assertThat(remote.ownerId()).isEqualTo(OWNER);
    assertThat(remote.blockDeviceMappings().get(0).ebs().encrypted()).isTrue();
    assertThat(remote.tags()).isEmpty();
    assertThat(
            ids(
                europe
                    .describeImages(
                        r ->
                            r.owners("self")
                                .filters(
                                    Filter.builder().name("source-image-id").values(id).build()))
                    .images()))
        .containsExactly(there);
    assertError(() -> ec2.describeImages(r -> r.imageIds(there)), "InvalidAMIID.NotFound");
    // the copy launches like its source
    String instance = launch(europe, there);
    europe.terminateInstances(r -> r.instanceIds(instance));
    // the copy outlives its source
    ec2.deregisterImage(r -> r.imageId(id));
    assertThat(europe.describeImages(r -> r.imageIds(there)).images()).hasSize(1);

    assertError(
        () -> ec2.copyImage(r -> r.sourceImageId(here).sourceRegion("eu-west-1").name("x-" + here)),
        "InvalidAMIID.NotFound");
    assertError(
        () ->
            ec2.copyImage(
                r ->
                    r.sourceImageId(here)
                        .sourceRegion("us-east-1")
                        .name("k-" + here)
                        .kmsKeyId("k")),
        "InvalidParameterCombination");
    assertError(
        () -> ec2.copyImage(r -> r.sourceImageId(here).sourceRegion("us-east-1")),
        "MissingParameter");
    assertError(
        () -> ec2.copyImage(r -> r.sourceImageId(here).sourceRegion("mars-1").name("m-" + here)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.copyImage(
                r -> r.sourceImageId(here).sourceRegion("us-east-1").name("copy-here-" + id)),
        "InvalidAMIName.Duplicate");
  }

  @Test
  void deprecatedImagesAreHiddenFromOthersUnlessAskedFor(TestInfo test) {
    String id = register(test);
    ec2.modifyImageAttribute(
        r ->
            r.imageId(id)
                .launchPermission(p -> p.add(LaunchPermission.builder().userId(OTHER).build())));
    Instant past = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
    ec2.enableImageDeprecation(r -> r.imageId(id).deprecateAt(past));

    assertThat(ec2.describeImages(r -> r.imageIds(id)).images().get(0).deprecationTime())
        .isEqualTo(past.toString());
    assertThat(ids(ec2.describeImages(r -> r.owners("self")).images()))
        .as("the owner always sees them")
        .contains(id);
    assertThat(ids(other.describeImages(r -> r.owners(OWNER)).images())).doesNotContain(id);
    assertThat(ids(other.describeImages(r -> r.owners(OWNER).includeDeprecated(true)).images()))
        .contains(id);
    // still launched: deprecation only hides it
    other.terminateInstances(r -> r.instanceIds(launch(other, id)));

    ec2.disableImageDeprecation(r -> r.imageId(id));
    assertThat(ids(other.describeImages(r -> r.owners(OWNER)).images())).contains(id);
    assertThat(ec2.describeImages(r -> r.imageIds(id)).images().get(0).deprecationTime()).isNull();
    assertError(
        () -> other.enableImageDeprecation(r -> r.imageId(id).deprecateAt(past)), "AuthFailure");
    assertError(() -> ec2.enableImageDeprecation(r -> r.imageId(id)), "MissingParameter");
  }

  @Test
  void aDisabledImageIsNotLaunchedNorListedUntilEnabled(TestInfo test) {
    String id = register(test);
    ec2.disableImage(r -> r.imageId(id));

    assertThat(ids(ec2.describeImages(r -> r.owners("self")).images())).doesNotContain(id);
    Image disabled =
        ec2.describeImages(r -> r.owners("self").includeDisabled(true)).images().stream()
            .filter(i -> i.imageId().equals(id))
            .findFirst()
            .orElseThrow();
    assertThat(disabled.stateAsString()).isEqualTo("disabled");
    assertError(() -> launch(ec2, id), "InvalidAMIID.Unavailable");
    assertError(() -> ec2.enableImage(r -> r.imageId("ami-0ec2d00000000de12")), "AuthFailure");

    ec2.enableImage(r -> r.imageId(id));
    assertThat(ec2.describeImages(r -> r.imageIds(id)).images().get(0).stateAsString())
        .isEqualTo("available");
    assertError(() -> ec2.enableImage(r -> r.imageId(id)), "IncorrectState");
    ec2.terminateInstances(r -> r.instanceIds(launch(ec2, id)));
  }

  @Test
  void deregistrationProtectionRefusesDeregisterImage(TestInfo test) {
    String id = register(test);
    ec2.enableImageDeregistrationProtection(r -> r.imageId(id).withCooldown(true));
    assertThat(ec2.describeImages(r -> r.imageIds(id)).images().get(0).deregistrationProtection())
        .isEqualTo("enabled-with-cooldown");
    assertThat(
            ec2.describeImageAttribute(r -> r.imageId(id).attribute("deregistrationProtection"))
                .deregistrationProtection()
                .value())
        .isEqualTo("enabled-with-cooldown");
    assertError(() -> ec2.deregisterImage(r -> r.imageId(id)), "InvalidParameterValue");
    assertThat(ec2.describeImages(r -> r.imageIds(id)).images()).hasSize(1);

    ec2.disableImageDeregistrationProtection(r -> r.imageId(id));
    ec2.deregisterImage(r -> r.imageId(id));
    assertError(() -> ec2.describeImages(r -> r.imageIds(id)), "InvalidAMIID.NotFound");
  }

  @Test
  void filtersOnEveryDocumentedField(TestInfo test) {
    String id = register(test);
    List<String[]> matching =
        List.of(
            new String[] {"block-device-mapping.device-name", "/dev/xvda"},
            new String[] {"block-device-mapping.volume-size", "8"},
            new String[] {"block-device-mapping.volume-type", "gp3"},
            new String[] {"block-device-mapping.delete-on-termination", "true"},
            new String[] {"block-device-mapping.encrypted", "false"},
            new String[] {"ena-support", "true"},
            new String[] {"manifest-location", OWNER + "/*"},
            new String[] {"image-allowed", "true"},
            new String[] {"sriov-net-support", "simple"},
            new String[] {"tag:team", "blue"},
            new String[] {"tag-key", "team"},
            new String[] {"free-tier-eligible", "false"});
    for (String[] f : matching) {
      assertThat(
              ids(
                  ec2.describeImages(
                          r ->
                              r.owners("self")
                                  .filters(Filter.builder().name(f[0]).values(f[1]).build()))
                      .images()))
          .as(f[0])
          .contains(id);
    }
    assertThat(
            ec2.describeImages(
                    r ->
                        r.owners("self")
                            .filters(
                                Filter.builder()
                                    .name("block-device-mapping.volume-size")
                                    .values("9")
                                    .build()))
                .images())
        .extracting(Image::imageId)
        .doesNotContain(id);
    assertError(
        () ->
            ec2.describeImages(r -> r.filters(Filter.builder().name("colour").values("x").build())),
        "InvalidParameterValue");
  }

  @Test
  void theRecycleBinIsEmptyAndChecksItsInput() {
    assertThat(ec2.listImagesInRecycleBin(r -> {}).images()).isEmpty();
    assertError(() -> ec2.listImagesInRecycleBin(r -> r.maxResults(0)), "InvalidParameterValue");
    assertError(
        () -> ec2.listImagesInRecycleBin(r -> r.imageIds("image-1")), "InvalidAMIID.Malformed");
  }
}
