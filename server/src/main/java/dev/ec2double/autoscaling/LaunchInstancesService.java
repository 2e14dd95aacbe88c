package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.model.InstanceCollection;
import software.amazon.awssdk.services.autoscaling.model.LaunchInstancesError;
import software.amazon.awssdk.services.autoscaling.model.LaunchInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.LaunchInstancesResponse;

/**
 * LaunchInstances: launches the requested number of instances into the group at once (not on the
 * reconciler's next pass), in the zones or subnets asked for, and raises the desired capacity by as
 * many as were launched. What could not be launched is answered as an error entry, not a failure of
 * the call.
 */
public final class LaunchInstancesService {
  /** The most one call may ask for. */
  static final int MAX_REQUESTED = 100;

  private final AutoScaling as;

  public LaunchInstancesService(AutoScaling as) {
    this.as = as;
  }

  private record Place(String subnet, String zone) {}

  public LaunchInstancesResponse launchInstances(RequestContext ctx, LaunchInstancesRequest req) {
    Integer requested = req.requestedCapacity();
    if (requested == null || requested < 1 || requested > MAX_REQUESTED) {
      throw AutoScalingErrors.validation(
          "RequestedCapacity must be between 1 and " + MAX_REQUESTED + ".");
    }
    AutoScalingStore store = AutoScaling.store(ctx);
    Map<String, InstanceCollection.Builder> launched = new LinkedHashMap<>();
    Map<String, List<String>> ids = new LinkedHashMap<>();
    List<LaunchInstancesError> errors = new ArrayList<>();
    LaunchInstancesResponse answer;
    synchronized (store) {
      LaunchInstancesResponse again = LaunchTokens.replay(store.launchTokens, req);
      if (again != null) {
        return again;
      }
      GroupRecord g = store.group(req.autoScalingGroupName());
      if (g.status != null) {
        throw AutoScalingErrors.activityInProgress("The AutoScalingGroup is being deleted.");
      }
      if (g.desired + requested > g.max) {
        throw AutoScalingErrors.validation(
            "Launching "
                + requested
                + " instances would raise the desired capacity above the group's maximum size "
                + g.max
                + ".");
      }
      for (String s : req.subnetIds()) {
        if (!g.subnetZones.containsKey(s)) {
          throw AutoScalingErrors.validation("The subnet " + s + " is not one of the group's.");
        }
      }
      for (String z : req.availabilityZones()) {
        if (!g.balancedZones().contains(z)) {
          throw AutoScalingErrors.validation("The zone " + z + " is not one of the group's.");
        }
      }
      Instant now = AutoScaling.now();
      int from = g.desired;
      for (int k = 0; k < requested; k++) {
        Place p = place(g, req);
        try {
          Member m = Capacity.launch(ctx, as.fleet, g, p.subnet(), p.zone(), now);
          Capacity.join(
              g,
              m,
              "Launching a new EC2 instance: " + m.instanceId,
              Causes.at(now)
                  + " a user request launched instances (LaunchInstances), increasing the"
                  + " capacity from "
                  + from
                  + " to "
                  + (from + requested)
                  + ".",
              now);
          g.desired++;
          String key = m.instanceType + "|" + p.subnet() + "|" + m.zone;
          ids.computeIfAbsent(key, x -> new ArrayList<>()).add(m.instanceId);
          launched.computeIfAbsent(
              key,
              x ->
                  InstanceCollection.builder()
                      .instanceType(m.instanceType)
                      .marketType("on-demand")
                      .subnetId(p.subnet())
                      .availabilityZone(m.zone));
        } catch (AwsException e) {
          errors.add(
              LaunchInstancesError.builder()
                  .marketType("on-demand")
                  .subnetId(p.subnet())
                  .availabilityZone(p.zone())
                  .errorCode(e.code())
                  .errorMessage(e.getMessage())
                  .build());
          break; // the next would fail the same way
        }
      }
      answer =
          LaunchInstancesResponse.builder()
              .autoScalingGroupName(req.autoScalingGroupName())
              .clientToken(req.clientToken())
              .instances(
                  launched.entrySet().stream()
                      .map(e -> e.getValue().instanceIds(ids.get(e.getKey())).build())
                      .toList())
              .errors(errors)
              .build();
      LaunchTokens.remember(store.launchTokens, req, answer);
    }
    as.changed();
    return answer;
  }

  /** The least used of the zones (and subnets) asked for, else of the group's. */
  private static Place place(GroupRecord g, LaunchInstancesRequest req) {
    if (!req.subnetIds().isEmpty()) {
      String best = null;
      long fewest = Long.MAX_VALUE;
      for (String s : req.subnetIds()) {
        long c = g.counted().stream().filter(m -> s.equals(m.subnetId)).count();
        if (c < fewest) {
          fewest = c;
          best = s;
        }
      }
      return new Place(best, g.subnetZones.get(best));
    }
    String zone = Capacity.leastUsedZone(g);
    if (!req.availabilityZones().isEmpty()) {
      zone = null;
      long fewest = Long.MAX_VALUE;
      for (String z : req.availabilityZones()) {
        long c = g.counted().stream().filter(m -> z.equals(m.zone)).count();
        if (c < fewest) {
          fewest = c;
          zone = z;
        }
      }
    }
    return new Place(Capacity.subnetIn(g, zone), zone);
  }
}
