package dev.ec2double.it.images;

import static dev.ec2double.it.Ec2Calls.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AssociatedRole;
import software.amazon.awssdk.services.ec2.model.DescribeFastLaunchImagesSuccessItem;
import software.amazon.awssdk.services.ec2.model.EnableFastLaunchResponse;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageWatermark;
import software.amazon.awssdk.services.ec2.model.InstanceTypeItem;

/**
 * What an owner sets on its AMIs (mock backend): Windows fast launch, watermarks (carried by
 * copies, matched by Allowed AMIs), the instance type specification RunInstances enforces, image
 * findings, and the IAM roles of enclave certificates.
 */
class ImageMarksIT {
  private static final String OWNER = "818181818181";
  private static final String OTHER = "828282828282";

  private static Ec2Client ec2;
  private static Ec2Client other;

  @BeforeAll
  static void clients() {
    ec2 = TestServer.ec2("us-east-1", OWNER);
    other = TestServer.ec2("us-east-1", OTHER);
  }

  @AfterAll
  static void close() {
    ec2.close();
    other.close();
  }

  private static String register(String name) {
    return ec2.registerImage(r -> r.name(name).imageLocation("owner/app:1")).imageId();
  }

  private static Image image(Ec2Client client, String id) {
    return client.describeImages(r -> r.imageIds(id)).images().get(0);
  }

  private static void launch(Ec2Client client, String ami, String type) {
    client.runInstances(r -> r.imageId(ami).instanceType(type).minCount(1).maxCount(1));
  }

  @Test
  void fastLaunchIsForWindowsImagesAndGoesEnablingEnabledDisabling() {
    String windows = register("Windows_Server-2022-English-Full-Base-marks");
    String linux = register("linux-marks");
    assertThat(image(ec2, windows).platformAsString()).isEqualTo("windows");
    String lt =
        ec2.createLaunchTemplate(
                r ->
                    r.launchTemplateName("fast-launch-lt")
                        .launchTemplateData(d -> d.instanceType("t3.micro")))
            .launchTemplate()
            .launchTemplateId();

    EnableFastLaunchResponse enabled =
        ec2.enableFastLaunch(
            r ->
                r.imageId(windows)
                    .resourceType("snapshot")
                    .maxParallelLaunches(8)
                    .snapshotConfiguration(s -> s.targetResourceCount(3))
                    .launchTemplate(t -> t.launchTemplateId(lt).version("1")));
    assertThat(enabled.stateAsString()).isEqualTo("enabling");
    assertThat(enabled.maxParallelLaunches()).isEqualTo(8);
    DescribeFastLaunchImagesSuccessItem described =
        ec2.describeFastLaunchImages(r -> r.imageIds(windows)).fastLaunchImages().get(0);
    assertThat(described.stateAsString()).isEqualTo("enabled");
    assertThat(described.ownerId()).isEqualTo(OWNER);
    assertThat(described.snapshotConfiguration().targetResourceCount()).isEqualTo(3);
    assertThat(described.launchTemplate().launchTemplateName()).isEqualTo("fast-launch-lt");
    assertThat(described.launchTemplate().version()).isEqualTo("1");
    assertThat(
            ec2.describeFastLaunchImages(r -> r.filters(f -> f.name("state").values("enabling")))
                .fastLaunchImages())
        .isEmpty();

    assertError(() -> ec2.enableFastLaunch(r -> r.imageId(linux)), "InvalidParameterValue");
    assertError(
        () -> ec2.enableFastLaunch(r -> r.imageId(windows).maxParallelLaunches(5)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.enableFastLaunch(
                r ->
                    r.imageId(windows)
                        .launchTemplate(
                            t -> t.launchTemplateId("lt-0123456789abcdef0").version("1"))),
        "InvalidLaunchTemplateId.NotFound");

    assertThat(ec2.disableFastLaunch(r -> r.imageId(windows)).stateAsString())
        .isEqualTo("disabling");
    assertThat(ec2.describeFastLaunchImages(r -> r.imageIds(windows)).fastLaunchImages()).isEmpty();
    assertError(() -> ec2.disableFastLaunch(r -> r.imageId(windows)), "InvalidParameterValue");

    ec2.enableFastLaunch(r -> r.imageId(windows));
    ec2.deregisterImage(r -> r.imageId(windows));
    assertThat(
            ec2.describeFastLaunchImages(r -> r.filters(f -> f.name("owner-id").values(OWNER)))
                .fastLaunchImages())
        .as("a deregistered AMI takes its fast launch with it")
        .isEmpty();
  }

  @Test
  void aWatermarkGoesWithCopiesAndLetsThemThroughAllowedAmis() {
    String ami = register("marked-ami");
    String key =
        ec2.attachImageWatermark(r -> r.imageId(ami).watermarkName("approved")).watermarkKey();
    assertThat(key).isEqualTo(OWNER + ":approved");
    String copy =
        ec2.copyImage(r -> r.name("marked-copy").sourceImageId(ami).sourceRegion("us-east-1"))
            .imageId();
    ImageWatermark carried = image(ec2, copy).imageWatermarks().get(0);
    assertThat(carried.watermarkKey()).isEqualTo(key);
    assertThat(carried.sourceImageId()).isEqualTo(ami);
    assertThat(carried.sourceImageRegion()).isEqualTo("us-east-1");

    // another account allows only AMIs with this watermark
    ec2.modifyImageAttribute(
        r -> r.imageId(copy).launchPermission(p -> p.add(l -> l.userId(OTHER))));
    other.replaceImageCriteriaInAllowedImagesSettings(
        r -> r.imageCriteria(c -> c.imageWatermarks(w -> w.watermarkKey(key))));
    other.enableAllowedImagesSettings(r -> r.allowedImagesSettingsState("enabled"));
    try {
      assertThat(image(other, copy).imageAllowed()).isTrue();
      launch(other, copy, "t3.micro");
      assertError(
          () -> launch(other, "ami-0ec2d00000000de12", "t3.micro"), "InvalidAMIID.NotFound");
    } finally {
      other.disableAllowedImagesSettings(r -> {});
    }

    assertThat(ec2.detachImageWatermark(r -> r.imageId(ami).watermarkKey(key)).returnValue())
        .isTrue();
    assertThat(image(ec2, ami).imageWatermarks()).isEmpty();
    assertThat(image(ec2, copy).imageWatermarks()).as("copies keep theirs").hasSize(1);
    assertThat(ec2.detachImageWatermark(r -> r.imageId(ami).watermarkKey(key)).returnValue())
        .as("idempotent")
        .isTrue();

    assertError(
        () -> ec2.attachImageWatermark(r -> r.imageId(ami).watermarkName("x!")),
        "InvalidParameterValue");
    assertError(
        () -> other.attachImageWatermark(r -> r.imageId(copy).watermarkName("mine")),
        "AuthFailure");
    ec2.modifyImageAttribute(r -> r.imageId(ami).launchPermission(p -> p.add(l -> l.group("all"))));
    assertError(
        () -> ec2.attachImageWatermark(r -> r.imageId(ami).watermarkName("public")),
        "InvalidParameterValue");
  }

  @Test
  void theInstanceTypeSpecificationDecidesWhichTypesLaunch() {
    String ami = register("typed-ami");
    ec2.replaceImageInstanceTypeSpecification(
        r ->
            r.imageId(ami)
                .instanceTypeSpecification(
                    s -> s.supportedInstanceTypes("t3.*").unsupportedInstanceTypes("t3.nano")));
    assertThat(image(ec2, ami).instanceTypeSpecification().supportedInstanceTypes())
        .extracting(InstanceTypeItem::instanceType)
        .containsExactly("t3.*");
    launch(ec2, ami, "t3.micro");
    assertError(() -> launch(ec2, ami, "m5.large"), "InvalidParameterCombination");
    assertError(() -> launch(ec2, ami, "t3.nano"), "InvalidParameterCombination");

    assertError(
        () ->
            ec2.replaceImageInstanceTypeSpecification(
                r ->
                    r.imageId(ami)
                        .instanceTypeSpecification(
                            s ->
                                s.supportedInstanceTypes("m5.*").unsupportedInstanceTypes("m5.*"))),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.replaceImageInstanceTypeSpecification(
                r ->
                    r.imageId(ami)
                        .instanceTypeSpecification(s -> s.supportedInstanceTypes("t3.**"))),
        "InvalidParameterValue");

    ec2.replaceImageInstanceTypeSpecification(r -> r.imageId(ami));
    assertThat(image(ec2, ami).instanceTypeSpecification()).isNull();
    launch(ec2, ami, "m5.large");
  }

  @Test
  void findingsAreEmptyForAnImageTheCallerCanSee() {
    String ami = register("findings-ami");
    assertThat(ec2.getImageFindings(r -> r.imageId(ami)).imageFindings()).isEmpty();
    assertThat(ec2.getImageFindings(r -> r.imageId("ami-0ec2d00000000de12")).imageFindings())
        .isEmpty();
    assertError(() -> other.getImageFindings(r -> r.imageId(ami)), "InvalidAMIID.NotFound");
    assertError(
        () -> ec2.getImageFindings(r -> r.imageId(ami).maxResults(0)), "InvalidParameterValue");
  }

  @Test
  void enclaveCertificateRolesAreAssociatedWithTheBucketAndKeyAwsNames() {
    String cert =
        "arn:aws:acm:us-east-1:" + OWNER + ":certificate/11111111-2222-3333-4444-555555555555";
    String role = "arn:aws:iam::" + OWNER + ":role/enclave-app";
    var associated =
        ec2.associateEnclaveCertificateIamRole(r -> r.certificateArn(cert).roleArn(role));
    assertThat(associated.certificateS3BucketName())
        .isEqualTo("aws-ec2-enclave-certificate-us-east-1");
    assertThat(associated.certificateS3ObjectKey()).isEqualTo(role + "/" + cert);
    assertThat(associated.encryptionKmsKeyId())
        .startsWith("arn:aws:kms:us-east-1:" + OWNER + ":key/");

    assertThat(
            ec2.getAssociatedEnclaveCertificateIamRoles(r -> r.certificateArn(cert))
                .associatedRoles())
        .extracting(AssociatedRole::associatedRoleArn, AssociatedRole::certificateS3ObjectKey)
        .containsExactly(org.assertj.core.api.Assertions.tuple(role, role + "/" + cert));
    assertThat(
            other
                .getAssociatedEnclaveCertificateIamRoles(r -> r.certificateArn(cert))
                .associatedRoles())
        .isEmpty();

    assertThat(
            ec2.disassociateEnclaveCertificateIamRole(r -> r.certificateArn(cert).roleArn(role))
                .returnValue())
        .isTrue();
    assertThat(
            ec2.getAssociatedEnclaveCertificateIamRoles(r -> r.certificateArn(cert))
                .associatedRoles())
        .isEmpty();
    assertError(
        () -> ec2.disassociateEnclaveCertificateIamRole(r -> r.certificateArn(cert).roleArn(role)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.associateEnclaveCertificateIamRole(
                r -> r.certificateArn("arn:aws:s3:::bucket").roleArn(role)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.associateEnclaveCertificateIamRole(
                r -> r.certificateArn(cert.replace("us-east-1", "eu-west-1")).roleArn(role)),
        "InvalidParameterValue");
    assertError(
        () -> ec2.associateEnclaveCertificateIamRole(r -> r.certificateArn(cert).roleArn("admin")),
        "InvalidParameterValue");
  }
}
