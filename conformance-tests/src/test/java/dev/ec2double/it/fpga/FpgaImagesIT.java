package dev.ec2double.it.fpga;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateFpgaImageResponse;
import software.amazon.awssdk.services.ec2.model.FpgaImage;
import software.amazon.awssdk.services.ec2.model.LoadPermission;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * FPGA images through the SDK (records, mock backend): create ({@code pending}, then {@code
 * available}), every DescribeFpgaImages filter, the attributes and load permissions (what another
 * account sees), product codes, reset, copy across regions, delete, owner rules.
 */
class FpgaImagesIT {
  private static final String OWNER = "757575757575";
  private static final String OTHER = "868686868686";

  private static Ec2Client ec2;
  private static Ec2Client other;
  private static Ec2Client west;

  @BeforeAll
  static void clients() {
    ec2 = TestServer.ec2("us-east-2", OWNER);
    other = TestServer.ec2("us-east-2", OTHER);
    west = TestServer.ec2("us-west-2", OWNER);
  }

  @AfterAll
  static void close() {
    ec2.close();
    other.close();
    west.close();
  }

  private static CreateFpgaImageResponse create(Ec2Client client, String name) {
    return client.createFpgaImage(
        r ->
            r.name(name)
                .description("accelerator " + name)
                .inputStorageLocation(l -> l.bucket("dcp").key(name + ".tar"))
                .logsStorageLocation(l -> l.bucket("logs").key(name))
                .tagSpecifications(
                    t ->
                        t.resourceType("fpga-image")
                            .tags(Tag.builder().key("chip").value(name).build())));
  }

  private static FpgaImage describe(Ec2Client client, String id) {
    return client.describeFpgaImages(r -> r.fpgaImageIds(id)).fpgaImages().get(0);
  }

  private static FpgaImage available(Ec2Client client, String id) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> describe(client, id), i -> i.state().codeAsString().equals("available"));
  }

  @Test
  void anAfiIsCreatedDescribedWithEveryFilterAndDeleted() {
    CreateFpgaImageResponse made = create(ec2, "sobel");
    assertThat(made.fpgaImageId()).startsWith("afi-");
    assertThat(made.fpgaImageGlobalId()).startsWith("agfi-");
    FpgaImage pending = describe(ec2, made.fpgaImageId());
    assertThat(pending.state().codeAsString()).isEqualTo("pending");
    FpgaImage afi = available(ec2, made.fpgaImageId());
    assertThat(afi.ownerId()).isEqualTo(OWNER);
    assertThat(afi.name()).isEqualTo("sobel");
    assertThat(afi.tags()).containsExactly(Tag.builder().key("chip").value("sobel").build());
    assertThat(afi.pciId().vendorId()).isEqualTo("0x1d0f");
    for (var f :
        java.util.List.of(
            filter("name", "sob*"),
            filter("state", "available"),
            filter("owner-id", OWNER),
            filter("fpga-image-id", made.fpgaImageId()),
            filter("fpga-image-global-id", made.fpgaImageGlobalId()),
            filter("shell-version", afi.shellVersion()),
            filter("tag:chip", "sobel"),
            filter("tag-key", "chip"),
            filter("create-time", afi.createTime().toString()),
            filter("update-time", afi.updateTime().toString()))) {
      assertThat(ec2.describeFpgaImages(r -> r.filters(f)).fpgaImages())
          .as(f.name())
          .extracting(FpgaImage::fpgaImageId)
          .contains(made.fpgaImageId());
    }
    assertThat(ec2.describeFpgaImages(r -> r.filters(filter("state", "pending"))).fpgaImages())
        .extracting(FpgaImage::fpgaImageId)
        .doesNotContain(made.fpgaImageId());
    assertThat(ec2.describeFpgaImages(r -> r.owners("self")).fpgaImages())
        .extracting(FpgaImage::fpgaImageId)
        .contains(made.fpgaImageId());
    assertThat(ec2.describeFpgaImages(r -> r.owners("amazon")).fpgaImages()).isEmpty();
    assertError(
        () -> ec2.describeFpgaImages(r -> r.filters(filter("size", "1"))), "InvalidParameterValue");
    assertError(() -> ec2.describeFpgaImages(r -> r.maxResults(4)), "InvalidParameterValue");
    assertError(
        () -> ec2.describeFpgaImages(r -> r.fpgaImageIds("afi-1")), "InvalidFpgaImageID.Malformed");
    assertError(
        () -> ec2.createFpgaImage(r -> r.inputStorageLocation(l -> l.bucket("dcp"))),
        "MissingParameter");

    CreateFpgaImageResponse second = create(ec2, "fir");
    var page = ec2.describeFpgaImages(r -> r.owners("self").maxResults(5));
    assertThat(page.fpgaImages()).hasSizeLessThanOrEqualTo(5);

    assertThat(ec2.deleteFpgaImage(r -> r.fpgaImageId(made.fpgaImageId())).returnValue()).isTrue();
    assertError(() -> describe(ec2, made.fpgaImageId()), "InvalidFpgaImageID.NotFound");
    assertError(
        () -> ec2.deleteFpgaImage(r -> r.fpgaImageId(made.fpgaImageId())),
        "InvalidFpgaImageID.NotFound");
    ec2.deleteFpgaImage(r -> r.fpgaImageId(second.fpgaImageId()));
  }

  @Test
  void attributesAndLoadPermissionsDecideWhoSeesAnAfi() {
    String id = create(ec2, "crypto").fpgaImageId();
    assertError(() -> describe(other, id), "InvalidFpgaImageID.NotFound");

    var named =
        ec2.modifyFpgaImageAttribute(r -> r.fpgaImageId(id).attribute("name").name("crypto-v2"))
            .fpgaImageAttribute();
    assertThat(named.name()).isEqualTo("crypto-v2");
    ec2.modifyFpgaImageAttribute(r -> r.fpgaImageId(id).description("faster"));
    assertThat(
            ec2.describeFpgaImageAttribute(r -> r.fpgaImageId(id).attribute("description"))
                .fpgaImageAttribute()
                .description())
        .isEqualTo("faster");

    ec2.modifyFpgaImageAttribute(
        r -> r.fpgaImageId(id).loadPermission(p -> p.add(a -> a.userId(OTHER))));
    assertThat(describe(other, id).ownerId()).isEqualTo(OWNER);
    assertThat(describe(other, id).tags()).isEmpty();
    assertThat(other.describeFpgaImages(r -> r.owners(OWNER)).fpgaImages())
        .extracting(FpgaImage::fpgaImageId)
        .contains(id);
    assertError(
        () -> other.modifyFpgaImageAttribute(r -> r.fpgaImageId(id).description("mine")),
        "AuthFailure");
    assertError(() -> other.deleteFpgaImage(r -> r.fpgaImageId(id)), "AuthFailure");

    ec2.modifyFpgaImageAttribute(
        r -> r.fpgaImageId(id).operationType("add").userGroups("all").attribute("loadPermission"));
    var perms =
        ec2.describeFpgaImageAttribute(r -> r.fpgaImageId(id).attribute("loadPermission"))
            .fpgaImageAttribute()
            .loadPermissions();
    assertThat(perms)
        .containsExactlyInAnyOrder(
            LoadPermission.builder().group("all").build(),
            LoadPermission.builder().userId(OTHER).build());
    assertThat(describe(ec2, id).isPublic()).isTrue();
    assertError(
        () ->
            ec2.modifyFpgaImageAttribute(
                r -> r.fpgaImageId(id).operationType("add").userGroups("friends")),
        "InvalidParameterValue");

    ec2.modifyFpgaImageAttribute(r -> r.fpgaImageId(id).productCodes("abcdef1234567890"));
    assertThat(describe(ec2, id).productCodes().get(0).productCodeId())
        .isEqualTo("abcdef1234567890");
    assertThat(
            ec2.describeFpgaImages(r -> r.filters(filter("product-code", "abcdef1234567890")))
                .fpgaImages())
        .extracting(FpgaImage::fpgaImageId)
        .containsExactly(id);
    assertError(
        () -> ec2.modifyFpgaImageAttribute(r -> r.fpgaImageId(id).productCodes("other")),
        "InvalidParameter");

    assertThat(
            ec2.resetFpgaImageAttribute(r -> r.fpgaImageId(id).attribute("loadPermission"))
                .returnValue())
        .isTrue();
    assertError(() -> describe(other, id), "InvalidFpgaImageID.NotFound");
    assertThat(describe(ec2, id).isPublic()).isFalse();
    assertError(
        () -> ec2.describeFpgaImageAttribute(r -> r.fpgaImageId(id).attribute("shell")),
        "InvalidParameterValue");
  }

  @Test
  void anAfiCopiesToAnotherRegionWithItsGlobalId() {
    CreateFpgaImageResponse made = create(ec2, "copyme");
    assertError(
        () ->
            west.copyFpgaImage(
                r -> r.sourceFpgaImageId(made.fpgaImageId()).sourceRegion("us-east-2")),
        "InvalidFpgaImageID.Unavailable");
    available(ec2, made.fpgaImageId());
    String copy =
        west.copyFpgaImage(
                r ->
                    r.sourceFpgaImageId(made.fpgaImageId())
                        .sourceRegion("us-east-2")
                        .name("west-copy"))
            .fpgaImageId();
    assertThat(copy).startsWith("afi-").isNotEqualTo(made.fpgaImageId());
    FpgaImage copied = describe(west, copy);
    assertThat(copied.fpgaImageGlobalId()).isEqualTo(made.fpgaImageGlobalId());
    assertThat(copied.name()).isEqualTo("west-copy");
    assertThat(copied.description()).isEqualTo("accelerator copyme");
    assertError(
        () ->
            west.copyFpgaImage(r -> r.sourceFpgaImageId(made.fpgaImageId()).sourceRegion("mars-1")),
        "InvalidParameterValue");
    assertError(
        () ->
            west.copyFpgaImage(
                r -> r.sourceFpgaImageId("afi-0123456789abcdef0").sourceRegion("us-east-2")),
        "InvalidFpgaImageID.NotFound");
  }
}
