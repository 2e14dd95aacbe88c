package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.DhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.DhcpOptions;

/**
 * DHCP options sets as a resource kind: records in the region's VPC state, in use while a VPC is
 * associated with them. The filters are DescribeDhcpOptions'.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeDhcpOptions.html
 */
final class DhcpOptionsSets {
  private DhcpOptionsSets() {}

  // tag::kind[]
  static final ResourceKind<DhcpOptionsRecord, DhcpOptions> KIND =
      ResourceKind.<DhcpOptionsRecord, DhcpOptions>of("dopt", "dhcp-options")
          .errors("InvalidDhcpOptionID.NotFound", "dhcpOptions", "InvalidDhcpOptionsId.Malformed")
          .storedIn(VpcState::of, st -> st.dhcpOptions)
          .id(DhcpOptionsRecord::id)
          .view(DhcpOptionsSets::view, DhcpOptions::tags)
          .filter("dhcp-options-id", DhcpOptions::dhcpOptionsId)
          .filter("owner-id", DhcpOptions::ownerId)
          .filterMany("key", d -> d.dhcpConfigurations().stream().map(c -> c.key()).toList())
          .filterMany(
              "value",
              d ->
                  d.dhcpConfigurations().stream()
                      .flatMap(c -> c.values().stream().map(AttributeValue::value))
                      .toList())
          .inUseWhen(
              (region, d) ->
                  VpcState.of(region).vpcs.values().stream()
                      .anyMatch(v -> d.id().equals(v.dhcpOptionsId)))
          .build();

  // end::kind[]

  private static DhcpOptions view(RequestContext ctx, DhcpOptionsRecord r) {
    List<DhcpConfiguration> configurations =
        r.options().entrySet().stream()
            .map(
                e ->
                    DhcpConfiguration.builder()
                        .key(e.getKey())
                        .values(
                            e.getValue().stream()
                                .map(v -> AttributeValue.builder().value(v).build())
                                .toList())
                        .build())
            .toList();
    return DhcpOptions.builder()
        .dhcpOptionsId(r.id())
        .ownerId(ctx.account())
        .dhcpConfigurations(configurations)
        .tags(ctx.tags().sdkTags(r.id()))
        .build();
  }
}
