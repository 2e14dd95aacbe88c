package dev.ec2double.ec2.secondarynetworks;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateSecondaryNetworkRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecondaryNetworkResponse;
import software.amazon.awssdk.services.ec2.model.CreateSecondarySubnetRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecondarySubnetResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSecondaryNetworkRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSecondaryNetworkResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSecondarySubnetRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSecondarySubnetResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecondaryInterfacesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecondaryInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecondaryNetworksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecondaryNetworksResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecondarySubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecondarySubnetsResponse;
import software.amazon.awssdk.services.ec2.model.SecondaryInterface;

/**
 * Secondary networks (RDMA) and their subnets: records with AWS's checks (a /12 to /28 block; a
 * subnet's block inside its network's and overlapping no other subnet's; a network is deleted only
 * without subnets). Deleted ones show {@code delete-complete}. Secondary interfaces come only from
 * instances launched into secondary subnets, which ec2-double's engine cannot give (no RDMA), so
 * DescribeSecondaryInterfaces answers none, with its filters and ids checked.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecondaryNetwork.html
 */
public final class SecondaryNetworksService {
  private static final FilterSpec<SecondaryInterface> INTERFACE_FILTERS =
      FilterSpec.<SecondaryInterface>of()
          .field("attachment.attachment-id", i -> i.attachment().attachmentId())
          .field("attachment.instance-id", i -> i.attachment().instanceId())
          .field("attachment.instance-owner-id", i -> i.attachment().instanceOwnerId())
          .field("attachment.status", i -> i.attachment().statusAsString())
          .field("mac-address", SecondaryInterface::macAddress)
          .field("owner-id", SecondaryInterface::ownerId)
          .field("secondary-interface-arn", SecondaryInterface::secondaryInterfaceArn)
          .field("secondary-interface-id", SecondaryInterface::secondaryInterfaceId)
          .field("secondary-interface-type", SecondaryInterface::secondaryInterfaceTypeAsString)
          .field("secondary-network-id", SecondaryInterface::secondaryNetworkId)
          .field("secondary-network-type", SecondaryInterface::secondaryNetworkTypeAsString)
          .field("secondary-subnet-id", SecondaryInterface::secondarySubnetId)
          .field("status", SecondaryInterface::statusAsString)
          .multi(
              "private-ipv4-addresses.private-ip-address",
              i -> i.privateIpv4Addresses().stream().map(a -> a.privateIpAddress()).toList())
          .tags(i -> java.util.Map.of());

  public SecondaryNetworksService(Resources resources) {
    SecondaryNetworks.NETWORKS.registerTaggable(resources);
    SecondaryNetworks.SUBNETS.registerTaggable(resources);
  }

  private static Cidr block(String text) {
    if (text == null) {
      throw AwsException.missingParameter("Ipv4CidrBlock");
    }
    Cidr c = Cidr.parseOrNull(text);
    if (c == null) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + text
              + ") for parameter ipv4CidrBlock is invalid. This is not a valid CIDR block.");
    }
    if (c.prefix() < 12 || c.prefix() > 28) {
      throw new AwsException(
          "InvalidParameterValue",
          "The CIDR block " + text + " is invalid: its size must be between /12 and /28.");
    }
    return c;
  }

  public CreateSecondaryNetworkResponse createSecondaryNetwork(
      RequestContext ctx, CreateSecondaryNetworkRequest req) {
    var tags = SecondaryNetworks.NETWORKS.tags(req.tagSpecifications());
    Cidr cidr = block(req.ipv4CidrBlock());
    String type = req.networkTypeAsString();
    if (type == null) {
      throw AwsException.missingParameter("NetworkType");
    }
    if (!type.equals("rdma")) {
      throw AwsException.invalidParameterValue(
          "Value (" + type + ") for parameter networkType is invalid.");
    }
    var made =
        SecondaryNetworks.NETWORKS.create(
            ctx,
            tags,
            id -> new SecondaryNetworkState.Network(id, type, cidr, Ids.next("sn-cidr-assoc")));
    return CreateSecondaryNetworkResponse.builder()
        .secondaryNetwork(
            SecondaryNetworks.NETWORKS.view(ctx, made).toBuilder()
                .state("create-in-progress")
                .build())
        .clientToken(req.clientToken())
        .build();
  }

  public DeleteSecondaryNetworkResponse deleteSecondaryNetwork(
      RequestContext ctx, DeleteSecondaryNetworkRequest req) {
    if (req.secondaryNetworkId() == null) {
      throw AwsException.missingParameter("SecondaryNetworkId");
    }
    SecondaryNetworkState st = SecondaryNetworkState.of(ctx.state());
    SecondaryNetworkState.Network n;
    synchronized (st) {
      n =
          SecondaryNetworks.NETWORKS.getLive(
              ctx.state(), req.secondaryNetworkId(), SecondaryNetworkState.Network::live);
      boolean used =
          st.subnets.values().stream().anyMatch(s -> s.live() && s.networkId.equals(n.id));
      if (used) {
        throw new AwsException(
            "DependencyViolation",
            "The secondaryNetwork '" + n.id + "' has dependencies and cannot be deleted.");
      }
      n.state = "delete-complete";
    }
    return DeleteSecondaryNetworkResponse.builder()
        .secondaryNetwork(
            SecondaryNetworks.NETWORKS.view(ctx, n).toBuilder().state("delete-in-progress").build())
        .clientToken(req.clientToken())
        .build();
  }

  public DescribeSecondaryNetworksResponse describeSecondaryNetworks(
      RequestContext ctx, DescribeSecondaryNetworksRequest req) {
    var page =
        SecondaryNetworks.NETWORKS.describe(
            ctx, req.secondaryNetworkIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeSecondaryNetworksResponse.builder()
        .secondaryNetworks(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public CreateSecondarySubnetResponse createSecondarySubnet(
      RequestContext ctx, CreateSecondarySubnetRequest req) {
    var tags = SecondaryNetworks.SUBNETS.tags(req.tagSpecifications());
    if (req.secondaryNetworkId() == null) {
      throw AwsException.missingParameter("SecondaryNetworkId");
    }
    Cidr cidr = block(req.ipv4CidrBlock());
    RegionCatalog.Zone zone = zone(ctx.region(), req.availabilityZone(), req.availabilityZoneId());
    SecondaryNetworkState st = SecondaryNetworkState.of(ctx.state());
    var made =
        SecondaryNetworks.SUBNETS.create(
            ctx,
            tags,
            id -> {
              var n =
                  SecondaryNetworks.NETWORKS.getLive(
                      ctx.state(), req.secondaryNetworkId(), SecondaryNetworkState.Network::live);
              if (!n.cidr.contains(cidr)) {
                throw new AwsException(
                    "InvalidSubnet.Range",
                    "The CIDR '" + cidr + "' is invalid for secondary network " + n.id + ".");
              }
              for (var other : st.subnets.values()) {
                if (other.live() && other.networkId.equals(n.id) && other.cidr.overlaps(cidr)) {
                  throw new AwsException(
                      "InvalidSubnet.Conflict",
                      "The CIDR '" + cidr + "' conflicts with another subnet");
                }
              }
              return new SecondaryNetworkState.Subnet(
                  id, n, cidr, Ids.next("ss-cidr-assoc"), zone.name(), zone.zoneId());
            });
    return CreateSecondarySubnetResponse.builder()
        .secondarySubnet(
            SecondaryNetworks.SUBNETS.view(ctx, made).toBuilder()
                .state("create-in-progress")
                .build())
        .clientToken(req.clientToken())
        .build();
  }

  private static RegionCatalog.Zone zone(String region, String name, String zoneId) {
    if (name != null && zoneId != null) {
      throw AwsException.invalidParameterCombination(
          "Specify either AvailabilityZone or AvailabilityZoneId, not both.");
    }
    RegionCatalog.Zone found = RegionCatalog.zoneOrNull(region, name, zoneId);
    if (found != null) {
      return found;
    }
    throw AwsException.invalidParameterValue(
        "Value ("
            + (name != null ? name : zoneId)
            + ") for parameter availabilityZone is invalid.");
  }

  public DeleteSecondarySubnetResponse deleteSecondarySubnet(
      RequestContext ctx, DeleteSecondarySubnetRequest req) {
    if (req.secondarySubnetId() == null) {
      throw AwsException.missingParameter("SecondarySubnetId");
    }
    SecondaryNetworkState.Subnet s =
        SecondaryNetworks.SUBNETS.modify(
            ctx,
            req.secondarySubnetId(),
            r -> {
              if (!r.live()) {
                throw new AwsException(
                    "InvalidSecondarySubnetId.NotFound",
                    "The secondarySubnet ID '" + r.id + "' does not exist");
              }
              r.state = "delete-complete";
              return r;
            });
    return DeleteSecondarySubnetResponse.builder()
        .secondarySubnet(
            SecondaryNetworks.SUBNETS.view(ctx, s).toBuilder().state("delete-in-progress").build())
        .clientToken(req.clientToken())
        .build();
  }

  public DescribeSecondarySubnetsResponse describeSecondarySubnets(
      RequestContext ctx, DescribeSecondarySubnetsRequest req) {
    var page =
        SecondaryNetworks.SUBNETS.describe(
            ctx, req.secondarySubnetIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeSecondarySubnetsResponse.builder()
        .secondarySubnets(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeSecondaryInterfacesResponse describeSecondaryInterfaces(
      RequestContext ctx, DescribeSecondaryInterfacesRequest req) {
    INTERFACE_FILTERS.compile(req.filters());
    for (String id : req.secondaryInterfaceIds()) {
      throw new AwsException(
          "InvalidSecondaryInterfaceId.NotFound",
          "The secondaryInterface ID '" + id + "' does not exist");
    }
    var page =
        Pages.page(
            "DescribeSecondaryInterfaces",
            List.<SecondaryInterface>of(),
            req.maxResults(),
            req.nextToken());
    return DescribeSecondaryInterfacesResponse.builder()
        .secondaryInterfaces(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
