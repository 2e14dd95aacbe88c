package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.BatchDeleteScheduledActionRequest;
import software.amazon.awssdk.services.autoscaling.model.BatchDeleteScheduledActionResponse;
import software.amazon.awssdk.services.autoscaling.model.BatchPutScheduledUpdateGroupActionRequest;
import software.amazon.awssdk.services.autoscaling.model.BatchPutScheduledUpdateGroupActionResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteScheduledActionRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteScheduledActionResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeScheduledActionsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeScheduledActionsResponse;
import software.amazon.awssdk.services.autoscaling.model.FailedScheduledUpdateGroupActionRequest;
import software.amazon.awssdk.services.autoscaling.model.PutScheduledUpdateGroupActionRequest;
import software.amazon.awssdk.services.autoscaling.model.PutScheduledUpdateGroupActionResponse;
import software.amazon.awssdk.services.autoscaling.model.ScheduledUpdateGroupAction;
import software.amazon.awssdk.services.autoscaling.model.ScheduledUpdateGroupActionRequest;

/**
 * Scheduled actions: one-off (a start time) or recurring (Unix cron in a time zone, between a start
 * and an end time), each setting a group's minimum, maximum or desired capacity when the server's
 * clock reaches it. The {@link Reconciler} runs them ({@link #runDue}).
 */
public final class ScheduledActionsService {
  /** AWS's quota of scheduled actions per group. */
  static final int MAX_PER_GROUP = 125;

  /** At most this many actions in one batch call. */
  static final int MAX_BATCH = 50;

  private final AutoScaling as;

  public ScheduledActionsService(AutoScaling as) {
    this.as = as;
  }

  /** What one action is asked to be, whichever call asks. */
  record Spec(
      String name,
      Instant time,
      Instant startTime,
      Instant endTime,
      String recurrence,
      Integer min,
      Integer max,
      Integer desired,
      String timeZone) {}

  public PutScheduledUpdateGroupActionResponse putScheduledUpdateGroupAction(
      RequestContext ctx, PutScheduledUpdateGroupActionRequest req) {
    Spec spec =
        new Spec(
            req.scheduledActionName(),
            req.time(),
            req.startTime(),
            req.endTime(),
            req.recurrence(),
            req.minSize(),
            req.maxSize(),
            req.desiredCapacity(),
            req.timeZone());
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      put(ctx, store.group(req.autoScalingGroupName()), spec, AutoScaling.now());
    }
    as.changed();
    return PutScheduledUpdateGroupActionResponse.builder().build();
  }

  public BatchPutScheduledUpdateGroupActionResponse batchPutScheduledUpdateGroupAction(
      RequestContext ctx, BatchPutScheduledUpdateGroupActionRequest req) {
    batchSize(req.scheduledUpdateGroupActions().size(), "scheduledUpdateGroupActions");
    List<FailedScheduledUpdateGroupActionRequest> failed = new ArrayList<>();
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      Instant now = AutoScaling.now();
      for (ScheduledUpdateGroupActionRequest a : req.scheduledUpdateGroupActions()) {
        try {
          put(
              ctx,
              g,
              new Spec(
                  a.scheduledActionName(),
                  null,
                  a.startTime(),
                  a.endTime(),
                  a.recurrence(),
                  a.minSize(),
                  a.maxSize(),
                  a.desiredCapacity(),
                  a.timeZone()),
              now);
        } catch (AwsException e) {
          failed.add(failure(a.scheduledActionName(), e));
        }
      }
    }
    as.changed();
    return BatchPutScheduledUpdateGroupActionResponse.builder()
        .failedScheduledUpdateGroupActions(failed)
        .build();
  }

  public DeleteScheduledActionResponse deleteScheduledAction(
      RequestContext ctx, DeleteScheduledActionRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      if (g.scheduledActions.remove(req.scheduledActionName()) == null) {
        throw notFound(req.scheduledActionName());
      }
    }
    return DeleteScheduledActionResponse.builder().build();
  }

  public BatchDeleteScheduledActionResponse batchDeleteScheduledAction(
      RequestContext ctx, BatchDeleteScheduledActionRequest req) {
    batchSize(req.scheduledActionNames().size(), "scheduledActionNames");
    List<FailedScheduledUpdateGroupActionRequest> failed = new ArrayList<>();
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      for (String name : req.scheduledActionNames()) {
        if (g.scheduledActions.remove(name) == null) {
          failed.add(failure(name, notFound(name)));
        }
      }
    }
    return BatchDeleteScheduledActionResponse.builder().failedScheduledActions(failed).build();
  }

  public DescribeScheduledActionsResponse describeScheduledActions(
      RequestContext ctx, DescribeScheduledActionsRequest req) {
    if (req.startTime() != null
        && req.endTime() != null
        && req.endTime().isBefore(req.startTime())) {
      throw AutoScalingErrors.validation("The end time must be after the start time.");
    }
    List<ScheduledUpdateGroupAction> out = new ArrayList<>();
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      List<GroupRecord> groups =
          req.autoScalingGroupName() == null
              ? List.copyOf(store.groups.values())
              : List.of(store.group(req.autoScalingGroupName()));
      for (GroupRecord g : groups) {
        for (ScheduledActionRecord a : g.scheduledActions.values()) {
          if ((req.scheduledActionNames().isEmpty() || req.scheduledActionNames().contains(a.name))
              && (req.startTime() == null || (a.next != null && !a.next.isBefore(req.startTime())))
              && (req.endTime() == null || (a.next != null && !a.next.isAfter(req.endTime())))) {
            out.add(view(g, a));
          }
        }
      }
    }
    Paging.Page<ScheduledUpdateGroupAction> page =
        Paging.page(out, req.maxRecords(), req.nextToken());
    return DescribeScheduledActionsResponse.builder()
        .scheduledUpdateGroupActions(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static ScheduledUpdateGroupAction view(GroupRecord g, ScheduledActionRecord a) {
    return ScheduledUpdateGroupAction.builder()
        .autoScalingGroupName(g.name)
        .scheduledActionName(a.name)
        .scheduledActionARN(a.arn)
        .time(a.next)
        .startTime(a.next)
        .endTime(a.endTime)
        .recurrence(a.recurrence)
        .minSize(a.min)
        .maxSize(a.max)
        .desiredCapacity(a.desired)
        .timeZone(a.timeZone)
        .build();
  }

  /** Creates or replaces the action, checked as AWS checks it. */
  static void put(RequestContext ctx, GroupRecord g, Spec s, Instant now) {
    GroupChecks.name("scheduledActionName", s.name());
    Instant start = s.startTime() != null ? s.startTime() : s.time();
    if (s.min() == null && s.max() == null && s.desired() == null) {
      throw AutoScalingErrors.validation(
          "At least one of MinSize, MaxSize or DesiredCapacity must be specified.");
    }
    if (start == null && s.recurrence() == null) {
      throw AutoScalingErrors.validation("Either StartTime or Recurrence must be specified.");
    }
    if (start != null && start.isBefore(now)) {
      throw AutoScalingErrors.validation("Given start time is in the past");
    }
    if (s.endTime() != null && s.endTime().isBefore(now)) {
      throw AutoScalingErrors.validation("Given end time is in the past");
    }
    if (start != null && s.endTime() != null && !s.endTime().isAfter(start)) {
      throw AutoScalingErrors.validation("Start time should be earlier than the end time.");
    }
    if (s.recurrence() != null) {
      Cron.parse(s.recurrence());
    }
    if (s.timeZone() != null) {
      try {
        ZoneId.of(s.timeZone());
      } catch (DateTimeException e) {
        throw AutoScalingErrors.validation("Invalid time zone " + s.timeZone() + ".");
      }
    }
    int min = s.min() == null ? 0 : s.min();
    int max = s.max() == null ? Integer.MAX_VALUE : s.max();
    if (min < 0 || max < 0 || (s.desired() != null && s.desired() < 0) || min > max) {
      throw AutoScalingErrors.validation(
          "The MinSize must be less than or equal to the MaxSize, and no size may be negative.");
    }
    if (s.desired() != null && (s.desired() < min || s.desired() > max)) {
      throw AutoScalingErrors.validation(
          "The DesiredCapacity must be between the MinSize and the MaxSize.");
    }
    ScheduledActionRecord a = g.scheduledActions.get(s.name());
    if (a == null) {
      if (g.scheduledActions.size() >= MAX_PER_GROUP) {
        throw AutoScalingErrors.limitExceeded(
            "You have reached your quota of " + MAX_PER_GROUP + " scheduled actions per group.");
      }
      a =
          new ScheduledActionRecord(
              s.name(),
              "arn:aws:autoscaling:"
                  + ctx.region()
                  + ":"
                  + ctx.account()
                  + ":scheduledUpdateGroupAction:"
                  + java.util.UUID.randomUUID()
                  + ":autoScalingGroupName/"
                  + g.name
                  + ":scheduledActionName/"
                  + s.name());
    }
    a.startTime = start;
    a.endTime = s.endTime();
    a.recurrence = s.recurrence();
    a.timeZone = s.timeZone();
    a.min = s.min();
    a.max = s.max();
    a.desired = s.desired();
    a.plan(now);
    g.scheduledActions.put(a.name, a);
  }

  /**
   * Runs the group's actions whose time has come, as the reconciler calls it each pass: the sizes
   * change as UpdateAutoScalingGroup would change them (a raised minimum raises the desired
   * capacity), and the launches that follow name the action in their cause. Whether it changed.
   */
  static boolean runDue(GroupRecord g, Instant now) {
    boolean changed = false;
    for (ScheduledActionRecord a : List.copyOf(g.scheduledActions.values())) {
      if (a.next == null || a.next.isAfter(now)) {
        continue;
      }
      if (!g.suspended("ScheduledActions")) {
        changed |= run(g, a, now);
      }
      a.plan(now);
      if (a.next == null) {
        g.scheduledActions.remove(a.name); // ran its last time
      }
    }
    return changed;
  }

  private static boolean run(GroupRecord g, ScheduledActionRecord a, Instant now) {
    int min = a.min == null ? g.min : a.min;
    int max = a.max == null ? g.max : a.max;
    int desired = a.desired != null ? a.desired : Math.max(min, Math.min(max, g.desired));
    if (min > max || desired < min || desired > max) {
      ActivityRecord failed =
          new ActivityRecord(
              "Running scheduled action " + a.name,
              Causes.at(now) + " a scheduled action " + a.name + " was due.",
              now,
              "{}",
              "Failed");
      failed.end(
          "Failed",
          "The scheduled action would set min: "
              + min
              + ", max: "
              + max
              + ", desired: "
              + desired
              + ", which are not consistent.",
          now);
      g.record(failed);
      return true;
    }
    if (desired != g.desired) {
      g.capacityCause = Causes.constraints(now, "a scheduled action", min, max, g.desired, desired);
    }
    boolean changed = min != g.min || max != g.max || desired != g.desired;
    g.min = min;
    g.max = max;
    g.desired = desired;
    return changed;
  }

  private static FailedScheduledUpdateGroupActionRequest failure(String name, AwsException e) {
    return FailedScheduledUpdateGroupActionRequest.builder()
        .scheduledActionName(name)
        .errorCode(e.code())
        .errorMessage(e.getMessage())
        .build();
  }

  private static AwsException notFound(String name) {
    return AutoScalingErrors.validation("Scheduled action name not found - " + name);
  }

  private static void batchSize(int n, String member) {
    if (n < 1 || n > MAX_BATCH) {
      throw AutoScalingErrors.validation(
          "1 validation error detected: Value at '"
              + member
              + "' failed to satisfy constraint: Member must have length less than or equal to "
              + MAX_BATCH
              + " and greater than or equal to 1");
    }
  }
}
