package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.CreateDefaultSubnetRequest;
import software.amazon.awssdk.services.ec2.model.CreateDefaultSubnetResponse;
import software.amazon.awssdk.services.ec2.model.CreateDefaultVpcRequest;
import software.amazon.awssdk.services.ec2.model.CreateDefaultVpcResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcTenancyRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcTenancyResponse;

/**
 * CreateDefaultVpc and CreateDefaultSubnet (a default VPC or subnet made again after the user
 * deleted it, with AWS's errors while one exists) and ModifyVpcTenancy.
 * https://docs.aws.amazon.com/vpc/latest/userguide/work-with-default-vpc.html
 */
public final class DefaultVpcService {

  public CreateDefaultVpcResponse createDefaultVpc(
      RequestContext ctx, CreateDefaultVpcRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      if (st.defaultVpc() != null) {
        throw new AwsException(
            "DefaultVpcAlreadyExists",
            "A Default VPC already exists for this account in this region.");
      }
      VpcRecord vpc = st.createDefaultVpc();
      return CreateDefaultVpcResponse.builder().vpc(VpcViews.vpc(ctx, st, vpc, "pending")).build();
    }
  }

  public CreateDefaultSubnetResponse createDefaultSubnet(
      RequestContext ctx, CreateDefaultSubnetRequest req) {
    if (req.availabilityZone() == null && req.availabilityZoneId() == null) {
      throw AwsException.missingParameter("AvailabilityZone");
    }
    if (Boolean.TRUE.equals(req.ipv6Native())) {
      throw AwsException.invalidParameterValue(
          "An IPv6-only default subnet needs an IPv6 CIDR block on the default VPC.");
    }
    RegionCatalog.Zone zone =
        SubnetsService.zone(ctx, req.availabilityZone(), req.availabilityZoneId());
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      VpcRecord vpc = st.defaultVpc();
      if (vpc == null) {
        throw new AwsException("DefaultVpcDoesNotExist", "No default VPC for this user");
      }
      boolean exists =
          st.subnets.values().stream()
              .anyMatch(
                  s -> s.vpcId.equals(vpc.id) && s.defaultForAz && s.zone.equals(zone.name()));
      if (exists) {
        throw new AwsException(
            "DefaultSubnetAlreadyExistsInAvailabilityZone",
            "A Default Subnet already exists in availability zone " + zone.name() + ".");
      }
      SubnetRecord s = st.createDefaultSubnet(vpc, zone);
      if (s == null) {
        throw new AwsException(
            "InsufficientFreeAddressesInSubnet",
            "The default VPC " + vpc.id + " has no free /20 left for a default subnet.");
      }
      return CreateDefaultSubnetResponse.builder().subnet(VpcViews.subnet(ctx, st, s)).build();
    }
  }

  /** Only {@code default} is taken: a dedicated VPC can become default, never the reverse. */
  public ModifyVpcTenancyResponse modifyVpcTenancy(
      RequestContext ctx, ModifyVpcTenancyRequest req) {
    if (req.instanceTenancyAsString() == null) {
      throw AwsException.missingParameter("InstanceTenancy");
    }
    if (!req.instanceTenancyAsString().equals("default")) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + req.instanceTenancyAsString()
              + ") for parameter instanceTenancy is invalid. The only supported value is"
              + " default.");
    }
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      st.vpc(req.vpcId()).instanceTenancy = "default";
    }
    return ModifyVpcTenancyResponse.builder().returnValue(true).build();
  }
}
