package dev.ec2double.ec2.imagesettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.errors.AwsException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.ImageCriterion;
import software.amazon.awssdk.services.ec2.model.ImageCriterionRequest;

class ImageCriteriaTest {
  private static final String ME = "111111111111";
  private static final String PROVIDER = "222222222222";

  private static ImageRecord image(String owner, String alias, String name, Instant created) {
    return new ImageRecord(
        "ami-0123456789abcdef0",
        name,
        null,
        "x:1",
        owner,
        alias,
        "x86_64",
        created,
        "available",
        false,
        false);
  }

  private static List<ImageCriterion> criteria(ImageCriterionRequest... requests) {
    return ImageCriteria.of(List.of(requests));
  }

  @Test
  void anImageMeetsAnyCriterionWhenItMeetsEveryConditionOfIt() {
    List<ImageCriterion> c =
        criteria(
            ImageCriterionRequest.builder().imageProviders("amazon").imageNames("debian-*").build(),
            ImageCriterionRequest.builder().imageProviders(PROVIDER).build());
    Instant now = Instant.now();
    assertThat(ImageCriteria.meets(c, image("137112412989", "amazon", "debian-12", now), ME))
        .isTrue();
    assertThat(ImageCriteria.meets(c, image("137112412989", "amazon", "alpine-3", now), ME))
        .isFalse();
    assertThat(ImageCriteria.meets(c, image(PROVIDER, null, "anything", now), ME)).isTrue();
    assertThat(ImageCriteria.meets(c, image("333333333333", null, "debian-12", now), ME)).isFalse();
    assertThat(ImageCriteria.meets(List.of(), image(ME, null, "mine", now), ME))
        .as("own images always")
        .isTrue();
  }

  @Test
  void datesAndWatermarksAreMeasuredInDays() {
    Instant old = Instant.now().minus(Duration.ofDays(40));
    List<ImageCriterion> young =
        criteria(
            ImageCriterionRequest.builder()
                .creationDateCondition(d -> d.maximumDaysSinceCreated(30))
                .build());
    assertThat(ImageCriteria.meets(young, image(PROVIDER, null, "a", old), ME)).isFalse();
    assertThat(ImageCriteria.meets(young, image(PROVIDER, null, "a", Instant.now()), ME)).isTrue();

    List<ImageCriterion> deprecated =
        criteria(
            ImageCriterionRequest.builder()
                .deprecationTimeCondition(d -> d.maximumDaysSinceDeprecated(7))
                .build());
    ImageRecord i = image(PROVIDER, null, "a", old);
    assertThat(ImageCriteria.meets(deprecated, i, ME)).as("not deprecated").isTrue();
    i.deprecationTime(Instant.now().minus(Duration.ofDays(10)));
    assertThat(ImageCriteria.meets(deprecated, i, ME)).isFalse();

    List<ImageCriterion> marked =
        criteria(
            ImageCriterionRequest.builder()
                .imageWatermarks(
                    w -> w.watermarkKey(PROVIDER + ":gold").maximumDaysSinceWatermarkCreated(5))
                .build());
    assertThat(ImageCriteria.meets(marked, i, ME)).isFalse();
    i.watermarks()
        .add(new ImageRecord.Watermark(PROVIDER + ":gold", "ami-1", "us-east-1", old, old));
    assertThat(ImageCriteria.meets(marked, i, ME)).as("marked too long ago").isFalse();
    i.watermarks()
        .add(
            new ImageRecord.Watermark(
                PROVIDER + ":gold", "ami-1", "us-east-1", old, Instant.now()));
    assertThat(ImageCriteria.meets(marked, i, ME)).isTrue();
  }

  @Test
  void awsLimitsAreChecked() {
    assertThatThrownBy(
            () ->
                criteria(
                    ImageCriterionRequest.builder()
                        .imageNames(java.util.Collections.nCopies(51, "n*"))
                        .build()))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("50");
    assertThatThrownBy(() -> criteria(ImageCriterionRequest.builder().imageNames("a?").build()))
        .isInstanceOf(AwsException.class);
    assertThatThrownBy(
            () ->
                criteria(
                    ImageCriterionRequest.builder()
                        .scanResultCondition(s -> s.maximumSeverityLabel("severe"))
                        .build()))
        .isInstanceOf(AwsException.class);
  }

  @Test
  void theInstanceTypeSpecificationTakesWildcards() {
    ImageRecord i = image(ME, null, "a", Instant.now());
    assertThat(i.launchesAs("m5.large")).isTrue();
    i.instanceTypes(List.of("t3.*", "c5.large"), List.of("t3.nano"));
    assertThat(i.launchesAs("t3.micro")).isTrue();
    assertThat(i.launchesAs("c5.large")).isTrue();
    assertThat(i.launchesAs("t3.nano")).isFalse();
    assertThat(i.launchesAs("m5.large")).isFalse();
    i.instanceTypes(null, List.of("m5.*"));
    assertThat(i.launchesAs("t3.nano")).isTrue();
    assertThat(i.launchesAs("m5.xlarge")).isFalse();
  }

  @Test
  void theSettingsSurviveSerialization() throws Exception {
    ImageSettingsState st = new ImageSettingsState();
    st.allowedState = "enabled";
    st.criteria =
        List.copyOf(
            criteria(
                ImageCriterionRequest.builder()
                    .imageProviders("amazon")
                    .creationDateCondition(d -> d.maximumDaysSinceCreated(3))
                    .build()));
    st.fastLaunch.put(
        "ami-1",
        new FastLaunches.Config(
            "ami-1", ME, 5, 6, null, null, null, "enabled", "why", Instant.now()));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(st);
    }
    ImageSettingsState back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (ImageSettingsState) in.readObject();
    }
    assertThat(back.allowedState).isEqualTo("enabled");
    assertThat(back.criteria).isEqualTo(st.criteria);
    assertThat(back.fastLaunch.get("ami-1").maxParallelLaunches()).isEqualTo(6);
  }
}
