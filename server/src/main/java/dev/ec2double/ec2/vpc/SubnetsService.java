package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.CreateSubnetRequest;
import software.amazon.awssdk.services.ec2.model.CreateSubnetResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSubnetRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSubnetResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.ModifySubnetAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifySubnetAttributeResponse;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * CreateSubnet, DescribeSubnets, DeleteSubnet, ModifySubnetAttribute. A subnet is a /16 to /28
 * inside its VPC that overlaps no other subnet of the VPC.
 */
public final class SubnetsService {
  private final NetworkAclEnforcer acls;
  private final VpcPeeringEnforcer peerings;
  private final VpcAddressPools pools;

  public SubnetsService(NetworkAclEnforcer acls) {
    this(acls, null);
  }

  /**
   * @param peerings what the host routes between peered VPCs, which a subnet joins or leaves
   */
  public SubnetsService(NetworkAclEnforcer acls, VpcPeeringEnforcer peerings) {
    this(acls, peerings, VpcAddressPools.NONE);
  }

  /**
   * @param pools where a deleted subnet's IPv6 block from an IPAM pool goes back to
   */
  public SubnetsService(
      NetworkAclEnforcer acls, VpcPeeringEnforcer peerings, VpcAddressPools pools) {
    this.acls = acls;
    this.peerings = peerings;
    this.pools = pools;
  }

  private void refresh(RequestContext ctx) {
    acls.refresh(ctx.state());
    if (peerings != null) {
      peerings.refresh(ctx.state());
    }
  }

  public CreateSubnetResponse createSubnet(RequestContext ctx, CreateSubnetRequest req) {
    if (req.vpcId() == null) {
      throw AwsException.missingParameter("VpcId");
    }
    if (req.cidrBlock() == null) {
      throw AwsException.missingParameter("CidrBlock");
    }
    Cidr cidr = Cidr.parseOrNull(req.cidrBlock());
    if (cidr == null) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + req.cidrBlock()
              + ") for parameter cidrBlock is invalid. This is not a"
              + " valid CIDR block.");
    }
    RegionCatalog.Zone zone = zone(ctx, req.availabilityZone(), req.availabilityZoneId());
    List<Tag> tags = VpcTags.of(req.tagSpecifications(), "subnet");
    VpcState st = VpcState.of(ctx.state());
    SubnetRecord s;
    synchronized (st) {
      VpcRecord vpc = st.vpc(req.vpcId());
      if (cidr.prefix() < 16 || cidr.prefix() > 28 || !vpc.holds(cidr)) {
        throw new AwsException("InvalidSubnet.Range", "The CIDR '" + cidr + "' is invalid.");
      }
      for (SubnetRecord other : st.subnets.values()) {
        if (other.vpcId.equals(vpc.id) && other.cidr.overlaps(cidr)) {
          throw new AwsException(
              "InvalidSubnet.Conflict", "The CIDR '" + cidr + "' conflicts with another subnet");
        }
      }
      s = new SubnetRecord(Ids.next("subnet"), vpc.id, cidr, zone.name(), zone.zoneId(), false);
      st.subnets.put(s.id, s);
      NetworkAcls.associateDefault(st, s);
    }
    VpcTags.apply(ctx, s.id, tags);
    refresh(ctx);
    return CreateSubnetResponse.builder().subnet(VpcViews.subnet(ctx, st, s)).build();
  }

  /** The zone asked for, or the region's first (AWS picks one for you). */
  static RegionCatalog.Zone zone(RequestContext ctx, String name, String zoneId) {
    RegionCatalog.Zone found = RegionCatalog.zoneOrNull(ctx.region(), name, zoneId);
    if (found != null) {
      return found;
    }
    List<RegionCatalog.Zone> zones = RegionCatalog.zones(ctx.region());
    throw AwsException.invalidParameterValue(
        "Value ("
            + (name != null ? name : zoneId)
            + ") for parameter availabilityZone is invalid."
            + " Subnets can currently only be created in the following availability zones: "
            + String.join(", ", zones.stream().map(RegionCatalog.Zone::name).toList())
            + ".");
  }

  public DescribeSubnetsResponse describeSubnets(RequestContext ctx, DescribeSubnetsRequest req) {
    VpcState st = VpcState.of(ctx.state());
    List<Subnet> views = new ArrayList<>();
    Predicate<Subnet> filter = VpcFilters.SUBNETS.compile(req.filters());
    synchronized (st) {
      List<SubnetRecord> records = new ArrayList<>();
      for (String id : req.subnetIds()) {
        records.add(st.subnet(id));
      }
      if (req.subnetIds().isEmpty()) {
        records.addAll(st.subnets.values());
      }
      for (SubnetRecord r : records) {
        Subnet s = VpcViews.subnet(ctx, st, r);
        if (filter.test(s)) {
          views.add(s);
        }
      }
    }
    var page = Pages.page("DescribeSubnets", views, req.maxResults(), req.nextToken());
    return DescribeSubnetsResponse.builder()
        .subnets(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DeleteSubnetResponse deleteSubnet(RequestContext ctx, DeleteSubnetRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      SubnetRecord s = st.subnet(req.subnetId());
      boolean used =
          s.pool.inUse()
              || st.interfaces.values().stream().anyMatch(n -> n.subnetId.equals(s.id))
              || st.transitGatewayAttachments.values().stream()
                  .anyMatch(a -> a.live() && a.subnetIds.contains(s.id));
      if (used) {
        throw new AwsException(
            "DependencyViolation",
            "The subnet '" + s.id + "' has dependencies and cannot be deleted.");
      }
      st.subnets.remove(s.id);
      for (RouteTableRecord t : st.routeTables.values()) {
        t.associations.removeIf(a -> s.id.equals(a.subnetId()));
      }
      NetworkAcls.dropAssociation(st, s.id);
      // a subnet's CIDR reservations go with it
      for (var r : List.copyOf(st.subnetCidrReservations.values())) {
        if (r.subnetId().equals(s.id)) {
          st.subnetCidrReservations.remove(r.id());
          ctx.tags().drop(r.id());
        }
      }
    }
    ctx.tags().drop(req.subnetId());
    pools.releaseSubnet(ctx, req.subnetId(), null);
    refresh(ctx);
    return DeleteSubnetResponse.builder().build();
  }

  /**
   * One attribute a call, as AWS takes them: MapPublicIpOnLaunch, AssignIpv6AddressOnCreation (a
   * subnet with an IPv6 block), EnableDns64, PrivateDnsHostnameTypeOnLaunch,
   * EnableResourceNameDnsARecordOnLaunch / AAAA, Enable/DisableLniAtDeviceIndex;
   * MapCustomerOwnedIpOnLaunch needs an Outpost's pool, which does not exist here. Recorded and
   * shown by DescribeSubnets.
   */
  public ModifySubnetAttributeResponse modifySubnetAttribute(
      RequestContext ctx, ModifySubnetAttributeRequest req) {
    int given =
        count(
            req.mapPublicIpOnLaunch(),
            req.assignIpv6AddressOnCreation(),
            req.enableDns64(),
            req.privateDnsHostnameTypeOnLaunchAsString(),
            req.enableResourceNameDnsARecordOnLaunch(),
            req.enableResourceNameDnsAAAARecordOnLaunch(),
            req.mapCustomerOwnedIpOnLaunch(),
            req.enableLniAtDeviceIndex(),
            req.disableLniAtDeviceIndex());
    if (given != 1) {
      throw AwsException.invalidParameterCombination(
          "Fields for multiple attribute types specified: exactly one attribute can be modified"
              + " per call.");
    }
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      SubnetRecord s = st.subnet(req.subnetId());
      if (req.mapPublicIpOnLaunch() != null) {
        s.mapPublicIpOnLaunch = value(req.mapPublicIpOnLaunch());
      } else if (req.assignIpv6AddressOnCreation() != null) {
        boolean v = value(req.assignIpv6AddressOnCreation());
        if (v && s.ipv6Cidr == null) {
          throw AwsException.invalidParameterValue(
              "Invalid value for subnet " + s.id + ": it has no IPv6 CIDR block.");
        }
        s.assignIpv6AddressOnCreation = v;
      } else if (req.enableDns64() != null) {
        s.enableDns64 = value(req.enableDns64());
      } else if (req.privateDnsHostnameTypeOnLaunchAsString() != null) {
        String type = req.privateDnsHostnameTypeOnLaunchAsString();
        if (!type.equals("ip-name") && !type.equals("resource-name")) {
          throw AwsException.invalidParameterValue(
              "Value ("
                  + type
                  + ") for parameter PrivateDnsHostnameTypeOnLaunch is invalid. Use ip-name or"
                  + " resource-name.");
        }
        s.hostnameType = type;
      } else if (req.enableResourceNameDnsARecordOnLaunch() != null) {
        s.resourceNameDnsA = value(req.enableResourceNameDnsARecordOnLaunch());
      } else if (req.enableResourceNameDnsAAAARecordOnLaunch() != null) {
        boolean v = value(req.enableResourceNameDnsAAAARecordOnLaunch());
        if (v && s.ipv6Cidr == null) {
          throw AwsException.invalidParameterValue(
              "Invalid value for subnet " + s.id + ": it has no IPv6 CIDR block.");
        }
        s.resourceNameDnsAaaa = v;
      } else if (req.mapCustomerOwnedIpOnLaunch() != null) {
        if (value(req.mapCustomerOwnedIpOnLaunch())) {
          throw AwsException.invalidParameterValue(
              "The subnet " + s.id + " is not on an Outpost: it has no customer-owned IP pool.");
        }
      } else if (req.enableLniAtDeviceIndex() != null) {
        if (req.enableLniAtDeviceIndex() < 1) {
          throw AwsException.invalidParameterValue(
              "The device index for local network interfaces must be 1 or more.");
        }
        s.lniAtDeviceIndex = req.enableLniAtDeviceIndex();
      } else if (value(req.disableLniAtDeviceIndex())) {
        s.lniAtDeviceIndex = null;
      }
    }
    return ModifySubnetAttributeResponse.builder().build();
  }

  private static int count(Object... values) {
    int n = 0;
    for (Object v : values) {
      n += v == null ? 0 : 1;
    }
    return n;
  }

  private static boolean value(AttributeBooleanValue v) {
    return VpcsService.value(v);
  }
}
