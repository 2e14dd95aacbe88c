package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.CreateVpcRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcAttributeResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * CreateVpc, DescribeVpcs, DeleteVpc, ModifyVpcAttribute, DescribeVpcAttribute.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpc.html
 */
public final class VpcsService {
  private final VpcNetworks networks;
  private final VpcAddressPools pools;

  public VpcsService(VpcNetworks networks, Resources resources) {
    this(networks, resources, VpcAddressPools.NONE);
  }

  public VpcsService(VpcNetworks networks, Resources resources, VpcAddressPools pools) {
    this.networks = networks;
    this.pools = pools;
    VpcKinds.register(resources);
  }

  public CreateVpcResponse createVpc(RequestContext ctx, CreateVpcRequest req) {
    if (req.cidrBlock() == null && req.ipv4IpamPoolId() == null) {
      throw AwsException.missingParameter("CidrBlock");
    }
    if (req.ipv4NetmaskLength() != null && req.ipv4IpamPoolId() == null
        || req.ipv6NetmaskLength() != null && req.ipv6IpamPoolId() == null) {
      throw AwsException.invalidParameterCombination(
          "A netmask length is only taken with an IPAM pool (Ipv4IpamPoolId, Ipv6IpamPoolId).");
    }
    if (req.cidrBlock() != null) {
      vpcCidr(req.cidrBlock());
    }
    String tenancy =
        req.instanceTenancyAsString() == null ? "default" : req.instanceTenancyAsString();
    if (!tenancy.equals("default") && !tenancy.equals("dedicated")) {
      throw AwsException.invalidParameterValue(
          "Value (" + tenancy + ") for parameter instanceTenancy is invalid.");
    }
    List<Tag> tags = VpcTags.of(req.tagSpecifications(), "vpc");
    String id = dev.ec2double.core.Ids.next("vpc");
    Cidr cidr;
    String ipv6 = null;
    try {
      if (req.ipv4IpamPoolId() != null) {
        cidr =
            vpcCidr(
                pools.allocate(
                    ctx,
                    req.ipv4IpamPoolId(),
                    req.cidrBlock(),
                    req.ipv4NetmaskLength(),
                    false,
                    id,
                    tags));
      } else {
        cidr = vpcCidr(req.cidrBlock());
      }
      ipv6 =
          pools.ipv6(
              ctx,
              req.ipv6IpamPoolId(),
              req.ipv6Pool(),
              req.ipv6CidrBlock(),
              req.ipv6NetmaskLength(),
              id,
              tags);
    } catch (AwsException e) {
      pools.release(ctx, id, null);
      throw e;
    }
    VpcState st = VpcState.of(ctx.state());
    VpcRecord vpc;
    synchronized (st) {
      vpc = st.createVpc(id, cidr, false, tenancy);
      if (ipv6 != null) {
        vpc.extraCidrs.add(
            new VpcRecord.CidrBlock(dev.ec2double.core.Ids.next("vpc-cidr-assoc"), ipv6, true));
        st.routeTables
            .get(vpc.mainRouteTableId)
            .routes
            .add(new RouteTableRecord.Route(ipv6, "local", null, null, null, "CreateRouteTable"));
      }
    }
    VpcTags.apply(ctx, vpc.id, tags);
    return CreateVpcResponse.builder().vpc(VpcViews.vpc(ctx, st, vpc, "pending")).build();
  }

  /** A VPC's IPv4 CIDR: /16 to /28. */
  private static Cidr vpcCidr(String text) {
    Cidr cidr = VpcCidrBlocksService.ipv4(text);
    if (cidr.prefix() < 16 || cidr.prefix() > 28) {
      throw new AwsException("InvalidVpc.Range", "The CIDR '" + cidr + "' is invalid.");
    }
    return cidr;
  }

  public DescribeVpcsResponse describeVpcs(RequestContext ctx, DescribeVpcsRequest req) {
    VpcState st = VpcState.of(ctx.state());
    List<VpcRecord> records;
    synchronized (st) {
      records = new ArrayList<>();
      for (String id : req.vpcIds()) {
        records.add(st.vpc(id));
      }
      if (req.vpcIds().isEmpty()) {
        records.addAll(st.vpcs.values());
      }
    }
    Predicate<Vpc> filter = VpcFilters.VPCS.compile(req.filters());
    List<Vpc> out = new ArrayList<>();
    for (VpcRecord r : records) {
      Vpc v = VpcViews.vpc(ctx, st, r, "available");
      if (filter.test(v)) {
        out.add(v);
      }
    }
    var page =
        dev.ec2double.core.Pages.page("DescribeVpcs", out, req.maxResults(), req.nextToken());
    return DescribeVpcsResponse.builder().vpcs(page.items()).nextToken(page.nextToken()).build();
  }

  public DeleteVpcResponse deleteVpc(RequestContext ctx, DeleteVpcRequest req) {
    VpcState st = VpcState.of(ctx.state());
    VpcRecord vpc;
    synchronized (st) {
      vpc = st.vpc(req.vpcId());
      boolean used =
          st.subnets.values().stream().anyMatch(s -> s.vpcId.equals(vpc.id))
              || st.gateways.values().stream().anyMatch(g -> vpc.id.equals(g.vpcId))
              || st.egressOnlyGateways.values().stream().anyMatch(g -> vpc.id.equals(g.vpcId()))
              || st.carrierGateways.values().stream()
                  .anyMatch(g -> g.live() && vpc.id.equals(g.vpcId))
              || st.vpnGateways.values().stream().anyMatch(g -> vpc.id.equals(g.vpcId))
              || st.transitGatewayAttachments.values().stream()
                  .anyMatch(a -> a.live() && vpc.id.equals(a.resourceId))
              || st.interfaces.values().stream().anyMatch(n -> n.vpcId.equals(vpc.id))
              || st.routeTables.values().stream()
                  .anyMatch(t -> t.vpcId.equals(vpc.id) && !t.id.equals(vpc.mainRouteTableId))
              || st.groups.values().stream()
                  .anyMatch(
                      g ->
                          (g.vpcId.equals(vpc.id) && !g.id.equals(vpc.defaultSecurityGroupId))
                              || g.associatedVpcIds.contains(vpc.id))
              || st.networkAcls.values().stream()
                  .anyMatch(a -> a.vpcId.equals(vpc.id) && !a.isDefault);
      if (used) {
        throw new AwsException(
            "DependencyViolation",
            "The vpc '" + vpc.id + "' has dependencies and cannot be deleted.");
      }
      st.routeTables.remove(vpc.mainRouteTableId);
      st.groups.remove(vpc.defaultSecurityGroupId);
      st.networkAcls.remove(vpc.defaultNetworkAclId);
      st.vpcs.remove(vpc.id);
    }
    ctx.tags().drop(vpc.id);
    ctx.tags().drop(vpc.mainRouteTableId);
    ctx.tags().drop(vpc.defaultSecurityGroupId);
    ctx.tags().drop(vpc.defaultNetworkAclId);
    networks.remove(vpc);
    pools.release(ctx, vpc.id, null);
    return DeleteVpcResponse.builder().build();
  }

  public ModifyVpcAttributeResponse modifyVpcAttribute(
      RequestContext ctx, ModifyVpcAttributeRequest req) {
    VpcState st = VpcState.of(ctx.state());
    int given =
        (req.enableDnsSupport() != null ? 1 : 0)
            + (req.enableDnsHostnames() != null ? 1 : 0)
            + (req.enableNetworkAddressUsageMetrics() != null ? 1 : 0);
    if (given != 1) {
      throw AwsException.invalidParameterCombination(
          "Fields for multiple attribute types specified: exactly one attribute can be modified"
              + " per call.");
    }
    synchronized (st) {
      VpcRecord vpc = st.vpc(req.vpcId());
      if (req.enableDnsSupport() != null) {
        vpc.enableDnsSupport = value(req.enableDnsSupport());
      }
      if (req.enableDnsHostnames() != null) {
        boolean v = value(req.enableDnsHostnames());
        if (v && !vpc.enableDnsSupport) {
          throw AwsException.invalidParameterValue(
              "Cannot enable DNS hostnames for VPC " + vpc.id + " when DNS support is disabled.");
        }
        vpc.enableDnsHostnames = v;
      }
      if (req.enableNetworkAddressUsageMetrics() != null) {
        vpc.enableNetworkAddressUsageMetrics = value(req.enableNetworkAddressUsageMetrics());
      }
    }
    return ModifyVpcAttributeResponse.builder().build();
  }

  public DescribeVpcAttributeResponse describeVpcAttribute(
      RequestContext ctx, DescribeVpcAttributeRequest req) {
    VpcState st = VpcState.of(ctx.state());
    String attribute = req.attributeAsString();
    if (attribute == null) {
      throw AwsException.missingParameter("Attribute");
    }
    synchronized (st) {
      VpcRecord vpc = st.vpc(req.vpcId());
      var b = DescribeVpcAttributeResponse.builder().vpcId(vpc.id);
      switch (attribute) {
        case "enableDnsSupport" -> b.enableDnsSupport(bool(vpc.enableDnsSupport));
        case "enableDnsHostnames" -> b.enableDnsHostnames(bool(vpc.enableDnsHostnames));
        case "enableNetworkAddressUsageMetrics" ->
            b.enableNetworkAddressUsageMetrics(bool(vpc.enableNetworkAddressUsageMetrics));
        default ->
            throw AwsException.invalidParameterValue(
                "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
      }
      return b.build();
    }
  }

  /** An attribute's boolean, which must be there (MissingParameter). */
  static boolean value(AttributeBooleanValue v) {
    if (v.value() == null) {
      throw AwsException.missingParameter("Value");
    }
    return v.value();
  }

  private static AttributeBooleanValue bool(boolean v) {
    return AttributeBooleanValue.builder().value(v).build();
  }
}
