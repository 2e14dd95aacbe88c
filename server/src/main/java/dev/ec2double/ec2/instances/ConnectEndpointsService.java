package dev.ec2double.ec2.instances;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.vpc.SubnetRecord;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.ec2.model.CreateInstanceConnectEndpointRequest;
import software.amazon.awssdk.services.ec2.model.CreateInstanceConnectEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DeleteInstanceConnectEndpointRequest;
import software.amazon.awssdk.services.ec2.model.DeleteInstanceConnectEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceConnectEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceConnectEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceConnectEndpointRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceConnectEndpointResponse;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * EC2 Instance Connect Endpoints (a record: the tunnel of EC2 Instance Connect is another service's
 * API): in a subnet, with its VPC's security groups (the default group when none is given), AWS's
 * quotas (one per VPC, five per region), states and DNS names.
 */
public final class ConnectEndpointsService {
  public ConnectEndpointsService(Resources resources) {
    ConnectEndpoints.KIND.registerTaggable(resources);
  }

  public CreateInstanceConnectEndpointResponse createInstanceConnectEndpoint(
      RequestContext ctx, CreateInstanceConnectEndpointRequest req) {
    if (req.subnetId() == null) {
      throw AwsException.missingParameter("SubnetId");
    }
    SubnetRecord subnet = VpcLookups.subnetOrNull(ctx.state(), req.subnetId());
    if (subnet == null) {
      throw new AwsException(
          "InvalidSubnetID.NotFound", "The subnet ID '" + req.subnetId() + "' does not exist");
    }
    String ipType = ipAddressType(req.ipAddressTypeAsString(), req.preserveClientIp());
    List<String> groups = groups(ctx, subnet.vpcId(), req.securityGroupIds());
    List<Tag> tags = ConnectEndpoints.KIND.tags(req.tagSpecifications());
    ConnectEndpoints.Endpoint e =
        ConnectEndpoints.KIND.create(
            ctx,
            tags,
            id -> {
              List<ConnectEndpoints.Endpoint> all =
                  new ArrayList<>(ConnectEndpoints.Store.of(ctx.state()).byId.values());
              long inVpc = all.stream().filter(x -> x.vpcId.equals(subnet.vpcId())).count();
              if (inVpc >= ConnectEndpoints.PER_VPC || all.size() >= ConnectEndpoints.PER_REGION) {
                throw new AwsException(
                    "ResourceLimitExceeded",
                    "You have reached the maximum number of EC2 Instance Connect Endpoints ("
                        + ConnectEndpoints.PER_VPC
                        + " per VPC, "
                        + ConnectEndpoints.PER_REGION
                        + " per Region).");
              }
              byte[] part = new byte[4];
              ThreadLocalRandom.current().nextBytes(part);
              ConnectEndpoints.Endpoint made =
                  new ConnectEndpoints.Endpoint(
                      id,
                      subnet.id(),
                      subnet.vpcId(),
                      subnet.zone(),
                      InstanceTopologyService.zoneId(ctx.region(), subnet.zone()),
                      ipType,
                      HexFormat.of().formatHex(part));
              made.groupIds = groups;
              made.preserveClientIp = Boolean.TRUE.equals(req.preserveClientIp());
              return made;
            });
    var view = ConnectEndpoints.KIND.view(ctx, e).toBuilder().state("create-in-progress").build();
    return CreateInstanceConnectEndpointResponse.builder()
        .instanceConnectEndpoint(view)
        .clientToken(req.clientToken())
        .build();
  }

  public DescribeInstanceConnectEndpointsResponse describeInstanceConnectEndpoints(
      RequestContext ctx, DescribeInstanceConnectEndpointsRequest req) {
    var page =
        ConnectEndpoints.KIND.describe(
            ctx,
            req.instanceConnectEndpointIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeInstanceConnectEndpointsResponse.builder()
        .instanceConnectEndpoints(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** New security groups (at least one, of its VPC) and PreserveClientIp. */
  public ModifyInstanceConnectEndpointResponse modifyInstanceConnectEndpoint(
      RequestContext ctx, ModifyInstanceConnectEndpointRequest req) {
    if (req.instanceConnectEndpointId() == null) {
      throw AwsException.missingParameter("InstanceConnectEndpointId");
    }
    ConnectEndpoints.Endpoint e =
        ConnectEndpoints.KIND.get(ctx.state(), req.instanceConnectEndpointId());
    if (req.ipAddressTypeAsString() != null) {
      ipAddressType(req.ipAddressTypeAsString(), req.preserveClientIp());
    }
    List<String> groups =
        req.hasSecurityGroupIds() ? groups(ctx, e.vpcId, req.securityGroupIds()) : null;
    if (req.hasSecurityGroupIds() && req.securityGroupIds().isEmpty()) {
      throw AwsException.invalidParameterValue("Specify at least one security group.");
    }
    ConnectEndpoints.KIND.modify(
        ctx,
        e.id,
        found -> {
          if (groups != null) {
            found.groupIds = groups;
          }
          if (req.preserveClientIp() != null) {
            found.preserveClientIp = req.preserveClientIp();
          }
          return found;
        });
    ctx.state().changed();
    return ModifyInstanceConnectEndpointResponse.builder().returnValue(true).build();
  }

  public DeleteInstanceConnectEndpointResponse deleteInstanceConnectEndpoint(
      RequestContext ctx, DeleteInstanceConnectEndpointRequest req) {
    if (req.instanceConnectEndpointId() == null) {
      throw AwsException.missingParameter("InstanceConnectEndpointId");
    }
    ConnectEndpoints.Endpoint e =
        ConnectEndpoints.KIND.get(ctx.state(), req.instanceConnectEndpointId());
    var view = ConnectEndpoints.KIND.view(ctx, e).toBuilder().state("delete-in-progress").build();
    ConnectEndpoints.KIND.delete(ctx, e.id);
    return DeleteInstanceConnectEndpointResponse.builder().instanceConnectEndpoint(view).build();
  }

  /** The subnets here are IPv4 only: ipv4 is their type, and PreserveClientIp needs it. */
  private static String ipAddressType(String asked, Boolean preserveClientIp) {
    String type = asked == null ? "ipv4" : asked;
    if (!type.equals("ipv4") && !type.equals("dualstack") && !type.equals("ipv6")) {
      throw AwsException.invalidParameterValue(
          "Value (" + type + ") for parameter IpAddressType is invalid.");
    }
    if (!type.equals("ipv4")) {
      throw AwsException.invalidParameterValue(
          "The subnet has no IPv6 CIDR block: the IP address type " + type + " needs one.");
    }
    return type;
  }

  private static List<String> groups(RequestContext ctx, String vpcId, List<String> asked) {
    if (asked.isEmpty()) {
      return List.of(VpcLookups.defaultSecurityGroup(ctx.state(), vpcId));
    }
    for (String g : asked) {
      if (!VpcLookups.securityGroupExists(ctx.state(), vpcId, g)) {
        throw new AwsException(
            "InvalidSecurityGroupID.NotFound",
            "The security group '" + g + "' does not exist in the VPC '" + vpcId + "'");
      }
    }
    return List.copyOf(asked);
  }
}
