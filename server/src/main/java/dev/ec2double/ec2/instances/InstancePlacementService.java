package dev.ec2double.ec2.instances;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.ModifyInstancePlacementRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstancePlacementResponse;

/**
 * ModifyInstancePlacement: a stopped instance moves into, out of or between placement groups and
 * partitions, or onto a Dedicated Host; each part is checked by the feature that owns it ({@link
 * PlacementRules}).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyInstancePlacement.html
 */
public final class InstancePlacementService {
  private final InstancesService instances;

  public InstancePlacementService(InstancesService instances) {
    this.instances = instances;
  }

  public ModifyInstancePlacementResponse modifyInstancePlacement(
      RequestContext ctx, ModifyInstancePlacementRequest req) {
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    if (req.groupName() == null
        && req.groupId() == null
        && req.partitionNumber() == null
        && req.tenancy() == null
        && req.hostId() == null
        && req.affinity() == null
        && req.hostResourceGroupArn() == null) {
      throw AwsException.missingParameter(
          "Affinity, GroupName, GroupId, HostId, PartitionNumber or Tenancy");
    }
    if (req.hostResourceGroupArn() != null) {
      throw new AwsException(
          "Unsupported", "ec2-double does not support host resource groups (License Manager).");
    }
    InstanceStore store = Instances.store(ctx.state());
    synchronized (store) {
      if (r.state() != InstanceState.STOPPED) {
        throw new AwsException(
            "IncorrectInstanceState",
            "The instance '"
                + r.id
                + "' is not in the 'stopped' state; stop it to change its"
                + " placement.");
      }
      r.placement(instances.placementRules().modify(ctx, r, req, r.placement()));
    }
    return ModifyInstancePlacementResponse.builder().returnValue(true).build();
  }
}
