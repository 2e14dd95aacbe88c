package dev.ec2double.it.images;

import static dev.ec2double.it.Ec2Calls.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GetAllowedImagesSettingsResponse;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageCriterionRequest;

/**
 * Allowed AMIs through the SDK (mock backend): the settings and AWS's limits on the criteria, the
 * imageAllowed flag in audit mode, and in enabled mode AMIs outside the criteria hidden by
 * DescribeImages and refused by RunInstances, directly and through a launch template. Each test is
 * its own account: the settings are per account and region.
 */
class AllowedImagesIT {
  private static final String AMAZON_DEBIAN = "ami-0ec2d00000000de12";
  private static final String PROVIDER = "515151515151";

  private static Ec2Client provider;

  @BeforeAll
  static void clients() {
    provider = TestServer.ec2("us-east-1", PROVIDER);
  }

  @AfterAll
  static void close() {
    provider.close();
  }

  /** An AMI of the provider's account, launchable by {@code account}. */
  private static String sharedWith(String account, String name) {
    String id = provider.registerImage(r -> r.name(name).imageLocation("provider/app:1")).imageId();
    provider.modifyImageAttribute(
        r -> r.imageId(id).launchPermission(p -> p.add(l -> l.userId(account))));
    return id;
  }

  private static Map<String, Image> byId(Ec2Client ec2, String... ids) {
    return ec2.describeImages(r -> r.filters(f -> f.name("image-id").values(ids))).images().stream()
        .collect(Collectors.toMap(Image::imageId, Function.identity()));
  }

  private static void launch(Ec2Client ec2, String ami) {
    ec2.runInstances(r -> r.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1));
  }

  @Test
  void startsDisabledWithNoCriteriaAndKeepsWhatItIsGiven() {
    try (Ec2Client ec2 = TestServer.ec2("us-east-1", "616161616161")) {
      GetAllowedImagesSettingsResponse fresh = ec2.getAllowedImagesSettings(r -> {});
      assertThat(fresh.state()).isEqualTo("disabled");
      assertThat(fresh.imageCriteria()).isEmpty();
      assertThat(fresh.managedByAsString()).isEqualTo("account");

      assertThat(
              ec2.enableAllowedImagesSettings(r -> r.allowedImagesSettingsState("audit-mode"))
                  .allowedImagesSettingsStateAsString())
          .isEqualTo("audit-mode");
      assertThat(
              ec2.replaceImageCriteriaInAllowedImagesSettings(
                      r ->
                          r.imageCriteria(
                              c ->
                                  c.imageProviders("amazon", "123456789012")
                                      .imageNames("debian-*")
                                      .creationDateCondition(d -> d.maximumDaysSinceCreated(3650)),
                              c ->
                                  c.deprecationTimeCondition(d -> d.maximumDaysSinceDeprecated(0))))
                  .returnValue())
          .isTrue();
      GetAllowedImagesSettingsResponse got = ec2.getAllowedImagesSettings(r -> {});
      assertThat(got.state()).isEqualTo("audit-mode");
      assertThat(got.imageCriteria()).hasSize(2);
      assertThat(got.imageCriteria().get(0).imageProviders())
          .containsExactly("amazon", "123456789012");
      assertThat(got.imageCriteria().get(0).imageNames()).containsExactly("debian-*");
      assertThat(got.imageCriteria().get(0).creationDateCondition().maximumDaysSinceCreated())
          .isEqualTo(3650);
      assertThat(got.imageCriteria().get(1).deprecationTimeCondition().maximumDaysSinceDeprecated())
          .isZero();

      assertThat(ec2.disableAllowedImagesSettings(r -> {}).allowedImagesSettingsStateAsString())
          .isEqualTo("disabled");
      assertThat(ec2.getAllowedImagesSettings(r -> {}).imageCriteria()).hasSize(2);
    }
  }

  @Test
  void refusesCriteriaBeyondAwsLimits() {
    try (Ec2Client ec2 = TestServer.ec2("us-east-1", "626262626262")) {
      assertError(
          () -> ec2.enableAllowedImagesSettings(r -> r.allowedImagesSettingsState("on")),
          "InvalidParameterValue");
      List<ImageCriterionRequest> eleven =
          Collections.nCopies(11, ImageCriterionRequest.builder().imageProviders("amazon").build());
      assertError(
          () -> ec2.replaceImageCriteriaInAllowedImagesSettings(r -> r.imageCriteria(eleven)),
          "InvalidParameterValue");
      assertError(
          () ->
              ec2.replaceImageCriteriaInAllowedImagesSettings(
                  r -> r.imageCriteria(c -> c.imageProviders("none", "amazon"))),
          "InvalidParameterValue");
      assertError(
          () ->
              ec2.replaceImageCriteriaInAllowedImagesSettings(
                  r -> r.imageCriteria(c -> c.imageProviders("someone"))),
          "InvalidParameterValue");
      assertError(
          () ->
              ec2.replaceImageCriteriaInAllowedImagesSettings(
                  r -> r.imageCriteria(c -> c.marketplaceProductCodes("not-a-code!"))),
          "InvalidParameterValue");
      assertError(
          () ->
              ec2.replaceImageCriteriaInAllowedImagesSettings(
                  r ->
                      r.imageCriteria(
                          c -> c.creationDateCondition(d -> d.maximumDaysSinceCreated(-1)))),
          "InvalidParameterValue");
      // nothing refused was kept
      assertThat(ec2.getAllowedImagesSettings(r -> {}).imageCriteria()).isEmpty();
    }
  }

  @Test
  void auditModeFlagsEachImageAndLaunchesThemAll() {
    String me = "636363636363";
    String shared = sharedWith(me, "audit-shared");
    try (Ec2Client ec2 = TestServer.ec2("us-east-1", me)) {
      String own = ec2.registerImage(r -> r.name("audit-own").imageLocation("me/app:1")).imageId();
      ec2.replaceImageCriteriaInAllowedImagesSettings(
          r -> r.imageCriteria(c -> c.imageProviders("amazon")));
      ec2.enableAllowedImagesSettings(r -> r.allowedImagesSettingsState("audit-mode"));

      Map<String, Image> images = byId(ec2, shared, own, AMAZON_DEBIAN);
      assertThat(images.get(shared).imageAllowed()).isFalse();
      assertThat(images.get(own).imageAllowed()).as("own AMIs are always allowed").isTrue();
      assertThat(images.get(AMAZON_DEBIAN).imageAllowed()).isTrue();
      assertThat(
              ec2.describeImages(r -> r.filters(f -> f.name("image-allowed").values("false")))
                  .images())
          .extracting(Image::imageId)
          // public AMIs of other tests' accounts may be listed too
          .contains(shared)
          .doesNotContain(own, AMAZON_DEBIAN);
      launch(ec2, shared);
    }
  }

  @Test
  void enabledHidesAndRefusesImagesOutsideTheCriteriaUntilDisabled() {
    String me = "646464646464";
    String shared = sharedWith(me, "enabled-shared");
    try (Ec2Client ec2 = TestServer.ec2("us-east-1", me)) {
      String own =
          ec2.registerImage(r -> r.name("enabled-own").imageLocation("me/app:1")).imageId();
      String template =
          ec2.createLaunchTemplate(
                  r ->
                      r.launchTemplateName("allowed-amis-lt")
                          .launchTemplateData(d -> d.imageId(shared).instanceType("t3.micro")))
              .launchTemplate()
              .launchTemplateId();
      ec2.replaceImageCriteriaInAllowedImagesSettings(
          r -> r.imageCriteria(c -> c.imageProviders("amazon").imageNames("debian-*")));
      ec2.enableAllowedImagesSettings(r -> r.allowedImagesSettingsState("enabled"));

      assertThat(byId(ec2, shared, own, AMAZON_DEBIAN, "ami-0ec2d0000000a2023"))
          .containsOnlyKeys(own, AMAZON_DEBIAN);
      assertThat(ec2.describeImages(r -> r.imageIds(shared)).images()).isEmpty();
      assertError(() -> launch(ec2, shared), "InvalidAMIID.NotFound");
      assertError(() -> launch(ec2, "ami-0ec2d0000000a2023"), "InvalidAMIID.NotFound");
      assertError(
          () ->
              ec2.runInstances(
                  r -> r.launchTemplate(t -> t.launchTemplateId(template)).minCount(1).maxCount(1)),
          "InvalidAMIID.NotFound");
      launch(ec2, own);
      launch(ec2, AMAZON_DEBIAN);

      // a provider named by account id lets its AMIs in
      ec2.replaceImageCriteriaInAllowedImagesSettings(
          r -> r.imageCriteria(c -> c.imageProviders(PROVIDER)));
      assertThat(byId(ec2, shared)).containsOnlyKeys(shared);

      ec2.disableAllowedImagesSettings(r -> {});
      ec2.replaceImageCriteriaInAllowedImagesSettings(
          r -> r.imageCriteria(c -> c.imageProviders("none")));
      assertThat(byId(ec2, shared).get(shared).imageAllowed())
          .as("disabled: every AMI is allowed")
          .isTrue();
      ec2.runInstances(
          r -> r.launchTemplate(t -> t.launchTemplateId(template)).minCount(1).maxCount(1));
    }
  }
}
