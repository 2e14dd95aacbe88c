package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;

/**
 * The {@code ReplaceRootVolume} strategy of an instance refresh: a member keeps its instance, whose
 * root volume is replaced in place from the image of the desired configuration's override for its
 * instance type (EC2's root volume replacement: on the engine, a fresh container from the new image
 * with the same id, addresses and data volumes). The member is {@code ReplacingRootVolume} while
 * the task runs, then {@code InService} again on the new launch source; a replacement that fails
 * terminates the instance, which the group then replaces, as Auto Scaling does.
 */
final class RootVolumeRefresh {
  static final String STRATEGY = "ReplaceRootVolume";
  static final String REPLACING = "ReplacingRootVolume";

  private RootVolumeRefresh() {}

  /** AWS's requirement: a mixed instances policy whose overrides all name an image. */
  static void check(MixedInstancesPolicy policy) {
    List<LaunchTemplateOverrides> overrides =
        policy == null || policy.launchTemplate() == null
            ? List.of()
            : policy.launchTemplate().overrides();
    if (overrides.isEmpty() || overrides.stream().anyMatch(o -> o.imageId() == null)) {
      throw AutoScalingErrors.validation(
          "The ReplaceRootVolume strategy requires a DesiredConfiguration with a"
              + " MixedInstancesPolicy whose overrides all specify an ImageId.");
    }
  }

  /** Starts replacing a member's root volume; false when EC2 refused (it is then replaced). */
  static boolean start(
      RequestContext ctx, Fleet fleet, GroupRecord g, RefreshRecord r, Member m, Instant now) {
    String image = imageFor(r, m.instanceType);
    m.activity =
        new ActivityRecord(
            "Replacing the root volume of EC2 instance: " + m.instanceId,
            Causes.at(now)
                + " the root volume of instance "
                + m.instanceId
                + " was replaced from "
                + image
                + " in response to an instance refresh.",
            now,
            Capacity.details(m.subnetId, m.zone),
            "InProgress");
    g.record(m.activity);
    try {
      m.rootTask = fleet.replaceRoot(ctx, m.instanceId, image);
      m.lifecycle = REPLACING;
      return true;
    } catch (AwsException e) {
      m.activity.end("Failed", e.getMessage(), now);
      return false;
    }
  }

  /** Moves on the members whose replacement ended: whether anything changed. */
  static boolean progress(RequestContext ctx, Fleet fleet, GroupRecord g, Instant now) {
    boolean changed = false;
    for (Member m : List.copyOf(g.members.values())) {
      if (!m.lifecycle.equals(REPLACING) || m.rootTask == null) {
        continue;
      }
      String state = fleet.rootTaskState(ctx.state(), m.rootTask);
      if ("succeeded".equals(state)) {
        m.source = g.source;
        m.lifecycle = "InService";
        m.inServiceAt = now;
        m.rootTask = null;
        m.activity.end("Successful", null, now);
        changed = true;
      } else if (state == null || state.startsWith("fail")) {
        m.rootTask = null;
        m.lifecycle = "InService";
        m.activity.end("Failed", "The root volume replacement failed.", now);
        MemberSteps.leave(
            g,
            m,
            "Terminating",
            Causes.at(now)
                + " the root volume replacement of instance "
                + m.instanceId
                + " failed, and it was taken out of service.");
        changed = true;
      }
    }
    return changed;
  }

  private static String imageFor(RefreshRecord r, String instanceType) {
    List<LaunchTemplateOverrides> overrides =
        r.desiredConfiguration.mixedInstancesPolicy().launchTemplate().overrides();
    return overrides.stream()
        .filter(o -> instanceType.equals(o.instanceType()))
        .findFirst()
        .orElse(overrides.get(0))
        .imageId();
  }
}
