package dev.ec2double.ec2.instances;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceEventStartTimeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceEventStartTimeResponse;

/** ModifyInstanceEventStartTime: a scheduled event (an injected fault) moves, and its action. */
public final class InstanceEventsService {
  private final InstancesService instances;

  public InstanceEventsService(InstancesService instances) {
    this.instances = instances;
  }

  public ModifyInstanceEventStartTimeResponse modifyInstanceEventStartTime(
      RequestContext ctx, ModifyInstanceEventStartTimeRequest req) {
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    if (req.instanceEventId() == null) {
      throw AwsException.missingParameter("InstanceEventId");
    }
    if (req.notBefore() == null) {
      throw AwsException.missingParameter("NotBefore");
    }
    Instant notBefore = req.notBefore();
    if (!notBefore.isAfter(Instant.now())) {
      throw AwsException.invalidParameterValue(
          "The requested start time " + notBefore + " is in the past.");
    }
    InstanceFaults faults = instances.faults();
    InstanceFaults.Fault moved =
        faults == null ? null : faults.moveEvent(r.id, req.instanceEventId(), notBefore);
    if (moved == null) {
      throw new AwsException(
          "InvalidParameterValue",
          "The instance event '"
              + req.instanceEventId()
              + "' does not exist for instance '"
              + r.id
              + "'.");
    }
    return ModifyInstanceEventStartTimeResponse.builder()
        .event(FaultViews.events(List.of(moved)).get(0))
        .build();
  }
}
