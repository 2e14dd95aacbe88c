package dev.ec2double.ec2.regions;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.ModifyAvailabilityZoneGroupRequest;
import software.amazon.awssdk.services.ec2.model.ModifyAvailabilityZoneGroupResponse;

/**
 * ModifyAvailabilityZoneGroup: opting in to a zone group. ec2-double's regions have Availability
 * Zones only, whose group (the region's name) needs no opt-in, so every group is refused with the
 * reason: an unknown group as AWS refuses it, the region's own group as one that cannot change.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyAvailabilityZoneGroup.html
 */
public final class ZoneGroupsService {
  public ModifyAvailabilityZoneGroupResponse modifyAvailabilityZoneGroup(
      RequestContext ctx, ModifyAvailabilityZoneGroupRequest req) {
    if (req.groupName() == null) {
      throw AwsException.missingParameter("GroupName");
    }
    String status = req.optInStatusAsString();
    if (status == null) {
      throw AwsException.missingParameter("OptInStatus");
    }
    if (!status.equals("opted-in") && !status.equals("not-opted-in")) {
      throw AwsException.invalidParameterValue(
          "Value (" + status + ") for parameter optInStatus is invalid.");
    }
    if (!req.groupName().equals(ctx.region())) {
      throw new AwsException(
          "InvalidParameterValue",
          "The zone group '"
              + req.groupName()
              + "' does not exist in region "
              + ctx.region()
              + ".");
    }
    throw new AwsException(
        "InvalidOptInStatus",
        "The zone group '"
            + req.groupName()
            + "' is made of Availability Zones, which need no opt-in: its status cannot change.");
  }
}
