package dev.ec2double.it.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;

/** AMIs through the API (mock backend: every image reference is taken to exist). */
class ImagesIT {
  private static Ec2Client ec2;
  private static Ec2Client other;

  @BeforeAll
  static void clients() {
    ec2 = TestServer.ec2("us-east-1", "111111111111");
    other = TestServer.ec2("us-east-1", "222222222222");
  }

  @AfterAll
  static void close() {
    ec2.close();
    other.close();
  }

  private static String name(TestInfo test) {
    return "img-" + test.getTestMethod().orElseThrow().getName();
  }

  @Test
  void listsTheBuiltInAmisOwnedByAmazon() {
    var images = ec2.describeImages(r -> r.owners("amazon")).images();

    assertThat(images)
        .extracting(Image::imageId)
        .contains("ami-0ec2d0000000a2023", "ami-0ec2d000000b22404", "ami-0ec2d00000000de12");
    Image debian =
        images.stream().filter(i -> i.imageId().equals("ami-0ec2d00000000de12")).findFirst().get();
    assertThat(debian.stateAsString()).isEqualTo("available");
    assertThat(debian.architectureAsString()).isEqualTo("x86_64");
    assertThat(debian.rootDeviceName()).isEqualTo("/dev/xvda");
    assertThat(debian.imageOwnerAlias()).isEqualTo("amazon");
    assertThat(debian.publicLaunchPermissions()).isTrue();
  }

  @Test
  void filtersByNameWithWildcards() {
    var images =
        ec2.describeImages(r -> r.filters(Filter.builder().name("name").values("ubuntu/*").build()))
            .images();

    assertThat(images).extracting(Image::imageId).containsExactly("ami-0ec2d000000b22404");
  }

  @Test
  void registersDescribesSharesAndDeregistersAnImage(TestInfo test) {
    String id =
        ec2.registerImage(r -> r.name(name(test)).imageLocation("my/app:1").description("v1"))
            .imageId();

    Filter byName = Filter.builder().name("name").values(name(test)).build();
    Image mine = ec2.describeImages(r -> r.owners("self").filters(byName)).images().get(0);
    assertThat(mine.imageId()).isEqualTo(id);
    assertThat(mine.ownerId()).isEqualTo("111111111111");
    assertThat(mine.publicLaunchPermissions()).isFalse();
    assertThat(ec2.describeImages(r -> r.imageIds(id)).images()).hasSize(1);

    ec2.modifyImageAttribute(
        r ->
            r.imageId(id)
                .description(d -> d.value("v2"))
                .launchPermission(
                    p -> p.add(LaunchPermission.builder().userId("222222222222").build())));
    var attribute = ec2.describeImageAttribute(r -> r.imageId(id).attribute("launchPermission"));
    assertThat(attribute.launchPermissions())
        .extracting(LaunchPermission::userId)
        .containsExactly("222222222222");
    assertThat(
            ec2.describeImageAttribute(r -> r.imageId(id).attribute("description"))
                .description()
                .value())
        .isEqualTo("v2");

    ec2.deregisterImage(r -> r.imageId(id));
    assertThat(ec2.describeImages(r -> r.owners("self").filters(byName)).images()).isEmpty();
    assertThatThrownBy(() -> ec2.describeImages(r -> r.imageIds(id)))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.NotFound"));
  }

  @Test
  void refusesDuplicateAndMalformedNamesAndIds(TestInfo test) {
    ec2.registerImage(r -> r.name(name(test)).imageLocation("my/app:1"));

    assertThatThrownBy(() -> ec2.registerImage(r -> r.name(name(test)).imageLocation("my/app:2")))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIName.Duplicate"));
    assertThatThrownBy(() -> ec2.registerImage(r -> r.name("x").imageLocation("my/app:2")))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIName.Malformed"));
    assertThatThrownBy(() -> ec2.describeImages(r -> r.imageIds("image-1")))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.Malformed"));
  }

  @Test
  void keepsAnAccountsImagesFromOtherAccountsUntilShared(TestInfo test) {
    String id = ec2.registerImage(r -> r.name(name(test)).imageLocation("my/app:1")).imageId();

    assertThat(other.describeImages(r -> r.owners("self")).images()).isEmpty();
    assertThatThrownBy(() -> other.deregisterImage(r -> r.imageId(id)))
        .isInstanceOf(Ec2Exception.class);
  }
}
