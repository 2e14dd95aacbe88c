package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import software.amazon.awssdk.services.ec2.model.AssociateDhcpOptionsRequest;
import software.amazon.awssdk.services.ec2.model.AssociateDhcpOptionsResponse;
import software.amazon.awssdk.services.ec2.model.CreateDhcpOptionsRequest;
import software.amazon.awssdk.services.ec2.model.CreateDhcpOptionsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteDhcpOptionsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteDhcpOptionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeDhcpOptionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeDhcpOptionsResponse;
import software.amazon.awssdk.services.ec2.model.DhcpOptions;

/**
 * CreateDhcpOptions, DescribeDhcpOptions, DeleteDhcpOptions and AssociateDhcpOptions. The sets are
 * records; a VPC shows the set it is associated with. Instances do not receive the options yet.
 */
public final class DhcpOptionsService {
  private static final ResourceKind<DhcpOptionsRecord, DhcpOptions> KIND = DhcpOptionsSets.KIND;

  public CreateDhcpOptionsResponse createDhcpOptions(
      RequestContext ctx, CreateDhcpOptionsRequest req) {
    var options = DhcpValues.of(req.dhcpConfigurations());
    var tags = KIND.tags(req.tagSpecifications());
    DhcpOptionsRecord d = KIND.create(ctx, tags, id -> new DhcpOptionsRecord(id, options));
    return CreateDhcpOptionsResponse.builder().dhcpOptions(KIND.view(ctx, d)).build();
  }

  // tag::describe[]
  public DescribeDhcpOptionsResponse describeDhcpOptions(
      RequestContext ctx, DescribeDhcpOptionsRequest req) {
    var page =
        KIND.describe(ctx, req.dhcpOptionsIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeDhcpOptionsResponse.builder()
        .dhcpOptions(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  // end::describe[]

  public DeleteDhcpOptionsResponse deleteDhcpOptions(
      RequestContext ctx, DeleteDhcpOptionsRequest req) {
    KIND.delete(ctx, req.dhcpOptionsId());
    return DeleteDhcpOptionsResponse.builder().build();
  }

  /** {@code default} associates no options with the VPC, which then shows {@code default}. */
  public AssociateDhcpOptionsResponse associateDhcpOptions(
      RequestContext ctx, AssociateDhcpOptionsRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      String id = req.dhcpOptionsId();
      if (!VpcState.NO_DHCP_OPTIONS.equals(id)) {
        KIND.get(ctx.state(), id);
      }
      st.vpc(req.vpcId()).dhcpOptionsId = id;
    }
    return AssociateDhcpOptionsResponse.builder().build();
  }
}
