package dev.ec2double.ec2.instances;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AssociateInstanceEventWindowRequest;
import software.amazon.awssdk.services.ec2.model.AssociateInstanceEventWindowResponse;
import software.amazon.awssdk.services.ec2.model.CreateInstanceEventWindowRequest;
import software.amazon.awssdk.services.ec2.model.CreateInstanceEventWindowResponse;
import software.amazon.awssdk.services.ec2.model.DeleteInstanceEventWindowRequest;
import software.amazon.awssdk.services.ec2.model.DeleteInstanceEventWindowResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceEventWindowsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceEventWindowsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateInstanceEventWindowRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateInstanceEventWindowResponse;
import software.amazon.awssdk.services.ec2.model.InstanceEventWindowStateChange;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceEventWindowRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceEventWindowResponse;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Instance event windows (a record: ec2-double's scheduled events are injected faults, which run
 * when they are due): create with time ranges or a cron expression, modify, describe with filters,
 * associate instances, instance tags or Dedicated Hosts (one kind of target per window, a target in
 * one window at most), delete (ForceDelete while it has targets).
 */
public final class EventWindowsService {
  private final Resources resources;

  public EventWindowsService(Resources resources) {
    this.resources = resources;
    EventWindows.KIND.registerTaggable(resources);
  }

  public CreateInstanceEventWindowResponse createInstanceEventWindow(
      RequestContext ctx, CreateInstanceEventWindowRequest req) {
    EventWindowTimes.checkOneOf(req.timeRanges(), req.cronExpression());
    List<EventWindowTimes.Range> ranges = EventWindowTimes.ranges(req.timeRanges());
    String cron = req.cronExpression() == null ? null : EventWindowTimes.cron(req.cronExpression());
    List<Tag> tags = EventWindows.KIND.tags(req.tagSpecifications());
    EventWindows.Window w =
        EventWindows.KIND.create(
            ctx,
            tags,
            id -> {
              if (EventWindows.Store.of(ctx.state()).byId.size() >= EventWindows.MAX) {
                throw new AwsException(
                    "InstanceEventWindowLimitExceeded",
                    "You have reached the limit of " + EventWindows.MAX + " event windows.");
              }
              EventWindows.Window made = new EventWindows.Window(id);
              made.name = req.name();
              made.ranges = ranges;
              made.cron = cron;
              return made;
            });
    return CreateInstanceEventWindowResponse.builder()
        .instanceEventWindow(EventWindows.KIND.view(ctx, w))
        .build();
  }

  public ModifyInstanceEventWindowResponse modifyInstanceEventWindow(
      RequestContext ctx, ModifyInstanceEventWindowRequest req) {
    if (!req.timeRanges().isEmpty() && req.cronExpression() != null) {
      EventWindowTimes.checkOneOf(req.timeRanges(), req.cronExpression());
    }
    List<EventWindowTimes.Range> ranges =
        req.timeRanges().isEmpty() ? null : EventWindowTimes.ranges(req.timeRanges());
    String cron = req.cronExpression() == null ? null : EventWindowTimes.cron(req.cronExpression());
    EventWindows.Window w =
        EventWindows.KIND.modify(
            ctx,
            req.instanceEventWindowId(),
            found -> {
              if (req.name() != null) {
                found.name = req.name();
              }
              if (ranges != null) {
                found.ranges = ranges;
                found.cron = null;
              }
              if (cron != null) {
                found.cron = cron;
                found.ranges = List.of();
              }
              return found;
            });
    ctx.state().changed();
    return ModifyInstanceEventWindowResponse.builder()
        .instanceEventWindow(EventWindows.KIND.view(ctx, w))
        .build();
  }

  public DescribeInstanceEventWindowsResponse describeInstanceEventWindows(
      RequestContext ctx, DescribeInstanceEventWindowsRequest req) {
    var page =
        EventWindows.KIND.describe(
            ctx, req.instanceEventWindowIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeInstanceEventWindowsResponse.builder()
        .instanceEventWindows(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DeleteInstanceEventWindowResponse deleteInstanceEventWindow(
      RequestContext ctx, DeleteInstanceEventWindowRequest req) {
    String id = req.instanceEventWindowId();
    EventWindows.Window w = EventWindows.KIND.get(ctx.state(), id);
    synchronized (EventWindows.Store.of(ctx.state())) {
      if (w.hasTargets() && !Boolean.TRUE.equals(req.forceDelete())) {
        throw new AwsException(
            "InvalidInstanceEventWindowState",
            "The event window '"
                + id
                + "' has targets associated: disassociate them or use"
                + " ForceDelete.");
      }
    }
    EventWindows.KIND.delete(ctx, id);
    return DeleteInstanceEventWindowResponse.builder()
        .instanceEventWindowState(
            InstanceEventWindowStateChange.builder()
                .instanceEventWindowId(id)
                .state("deleting")
                .build())
        .build();
  }

  public AssociateInstanceEventWindowResponse associateInstanceEventWindow(
      RequestContext ctx, AssociateInstanceEventWindowRequest req) {
    var target = req.associationTarget();
    if (target == null) {
      throw AwsException.missingParameter("AssociationTarget");
    }
    List<String> instanceIds = target.instanceIds();
    List<Tag> tags = target.instanceTags();
    List<String> hostIds = target.dedicatedHostIds();
    int kinds =
        (instanceIds.isEmpty() ? 0 : 1) + (tags.isEmpty() ? 0 : 1) + (hostIds.isEmpty() ? 0 : 1);
    if (kinds != 1) {
      throw AwsException.invalidParameterCombination(
          "Specify exactly one kind of target: InstanceIds, InstanceTags or DedicatedHostIds.");
    }
    if (!instanceIds.isEmpty()) {
      Instances.requireAll(ctx, instanceIds);
    }
    hostIds.forEach(h -> resources.requireExisting(ctx.state(), h));
    EventWindows.Window w =
        EventWindows.KIND.modify(
            ctx,
            req.instanceEventWindowId(),
            found -> {
              boolean otherKind =
                  (!instanceIds.isEmpty()
                          && (!found.instanceTags.isEmpty() || !found.hostIds.isEmpty()))
                      || (!tags.isEmpty()
                          && (!found.instanceIds.isEmpty() || !found.hostIds.isEmpty()))
                      || (!hostIds.isEmpty()
                          && (!found.instanceIds.isEmpty() || !found.instanceTags.isEmpty()));
              if (otherKind) {
                throw AwsException.invalidParameterCombination(
                    "The event window '"
                        + found.id
                        + "' has targets of another kind: an event window takes one kind of"
                        + " target.");
              }
              for (EventWindows.Window other : EventWindows.Store.of(ctx.state()).byId.values()) {
                if (other != found) {
                  for (String taken : other.instanceIds) {
                    if (instanceIds.contains(taken)) {
                      throw alreadyIn(taken, other);
                    }
                  }
                  for (String taken : other.hostIds) {
                    if (hostIds.contains(taken)) {
                      throw alreadyIn(taken, other);
                    }
                  }
                }
              }
              found.instanceIds.addAll(instanceIds);
              tags.forEach(t -> found.instanceTags.put(t.key(), t.value()));
              found.hostIds.addAll(hostIds);
              return found;
            });
    ctx.state().changed();
    return AssociateInstanceEventWindowResponse.builder()
        .instanceEventWindow(EventWindows.KIND.view(ctx, w))
        .build();
  }

  public DisassociateInstanceEventWindowResponse disassociateInstanceEventWindow(
      RequestContext ctx, DisassociateInstanceEventWindowRequest req) {
    var target = req.associationTarget();
    if (target == null) {
      throw AwsException.missingParameter("AssociationTarget");
    }
    EventWindows.Window w =
        EventWindows.KIND.modify(
            ctx,
            req.instanceEventWindowId(),
            found -> {
              target.instanceIds().forEach(found.instanceIds::remove);
              target.instanceTags().forEach(t -> found.instanceTags.remove(t.key(), t.value()));
              target.dedicatedHostIds().forEach(found.hostIds::remove);
              return found;
            });
    ctx.state().changed();
    return DisassociateInstanceEventWindowResponse.builder()
        .instanceEventWindow(EventWindows.KIND.view(ctx, w))
        .build();
  }

  private static AwsException alreadyIn(String target, EventWindows.Window other) {
    return AwsException.invalidParameterValue(
        "'" + target + "' is already associated with the event window '" + other.id + "'.");
  }
}
