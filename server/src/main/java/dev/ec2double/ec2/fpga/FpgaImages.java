package dev.ec2double.ec2.fpga;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.FpgaImage;
import software.amazon.awssdk.services.ec2.model.FpgaImageState;
import software.amazon.awssdk.services.ec2.model.PciId;
import software.amazon.awssdk.services.ec2.model.ProductCode;

/** AFIs as a resource kind, their view, and the filters of DescribeFpgaImages. */
final class FpgaImages {
  /** The shell AWS's current F1 development kit builds on, and the PCI ids an AFI shows. */
  static final String SHELL_VERSION = "0x04261818";

  /** Times as the wire writes them, for the time filters. */
  private static final java.time.format.DateTimeFormatter TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  static final ResourceKind<FpgaImageRecord, FpgaImage> KIND =
      ResourceKind.<FpgaImageRecord, FpgaImage>of("afi", "fpga-image")
          .errors("InvalidFpgaImageID.NotFound", "fpga image", "InvalidFpgaImageID.Malformed")
          .storedIn(FpgaStore::of, s -> s.images)
          .id(r -> r.id)
          .view(FpgaImages::view, FpgaImage::tags)
          .build();

  /** DescribeFpgaImages' filters, over every AFI the caller sees (its own and shared ones). */
  static final FilterSpec<FpgaImage> FILTERS =
      FilterSpec.<FpgaImage>of()
          .field("create-time", i -> TIME.format(i.createTime()))
          .field("fpga-image-id", FpgaImage::fpgaImageId)
          .field("fpga-image-global-id", FpgaImage::fpgaImageGlobalId)
          .field("name", FpgaImage::name)
          .field("owner-id", FpgaImage::ownerId)
          .multi(
              "product-code",
              i -> i.productCodes().stream().map(ProductCode::productCodeId).toList())
          .field("shell-version", FpgaImage::shellVersion)
          .field("state", i -> i.state().codeAsString())
          .field("update-time", i -> TIME.format(i.updateTime()))
          .tags(
              i -> {
                java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
                i.tags().forEach(t -> m.put(t.key(), t.value()));
                return m;
              });

  private FpgaImages() {}

  /** An AFI's product codes as AWS shows them (Marketplace codes). */
  static List<ProductCode> productCodes(FpgaImageRecord r) {
    return r.productCodes.stream()
        .map(c -> ProductCode.builder().productCodeId(c).productCodeType("marketplace").build())
        .toList();
  }

  static FpgaImage view(RequestContext ctx, FpgaImageRecord r) {
    Instant now = Instant.now();
    String state = r.state(now);
    boolean own = r.ownerId.equals(ctx.account());
    return FpgaImage.builder()
        .fpgaImageId(r.id)
        .fpgaImageGlobalId(r.globalId)
        .name(r.name)
        .description(r.description)
        .shellVersion(SHELL_VERSION)
        .pciId(
            PciId.builder()
                .deviceId("0xf000")
                .vendorId("0x1d0f")
                .subsystemId("0x1d51")
                .subsystemVendorId("0xfedd")
                .build())
        .state(
            FpgaImageState.builder()
                .code(state)
                .message(
                    state.equals("pending")
                        ? "Generating the AFI from the design checkpoint"
                        : null)
                .build())
        .createTime(r.created)
        .updateTime(r.updated)
        .ownerId(r.ownerId)
        .ownerAlias(own ? "self" : null)
        .productCodes(productCodes(r))
        .tags(own ? ctx.tags().sdkTags(r.id) : List.of())
        .isPublic(r.isPublic)
        .dataRetentionSupport(false)
        .instanceTypes(List.of("f1.2xlarge", "f1.4xlarge", "f1.16xlarge"))
        .build();
  }
}
