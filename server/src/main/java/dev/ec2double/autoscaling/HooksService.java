package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.CompleteLifecycleActionRequest;
import software.amazon.awssdk.services.autoscaling.model.CompleteLifecycleActionResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteLifecycleHookRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteLifecycleHookResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeLifecycleHookTypesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeLifecycleHookTypesResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeLifecycleHooksRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeLifecycleHooksResponse;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;
import software.amazon.awssdk.services.autoscaling.model.PutLifecycleHookRequest;
import software.amazon.awssdk.services.autoscaling.model.PutLifecycleHookResponse;
import software.amazon.awssdk.services.autoscaling.model.RecordLifecycleActionHeartbeatRequest;
import software.amazon.awssdk.services.autoscaling.model.RecordLifecycleActionHeartbeatResponse;

/**
 * Lifecycle hooks: an instance that launches waits in Pending:Wait (one that leaves in
 * Terminating:Wait) until CompleteLifecycleAction, or until its heartbeat timeout passes and the
 * hook's DefaultResult applies; RecordLifecycleActionHeartbeat restarts the timeout.
 */
public final class HooksService {
  static final int MAX_HOOKS = 50;
  private final AutoScaling as;

  public HooksService(AutoScaling as) {
    this.as = as;
  }

  static HookRecord hook(
      String name,
      String transition,
      Integer timeout,
      String defaultResult,
      String metadata,
      String target,
      String role) {
    GroupChecks.name("lifecycleHookName", name);
    if (!HookRecord.LAUNCHING.equals(transition) && !HookRecord.TERMINATING.equals(transition)) {
      throw AutoScalingErrors.validation(
          "Invalid Lifecycle Transition: " + transition + " is not a supported transition.");
    }
    int t = timeout == null ? 3600 : timeout;
    if (t < 30 || t > 7200) {
      throw AutoScalingErrors.validation(
          "Heartbeat timeout must be between 30 and 7200 seconds, not " + t + ".");
    }
    String result = defaultResult == null ? "ABANDON" : defaultResult;
    result(result);
    return new HookRecord(name, transition, t, result, metadata, target, role);
  }

  private static void result(String result) {
    if (!result.equals("CONTINUE") && !result.equals("ABANDON")) {
      throw AutoScalingErrors.validation(
          "Valid values for lifecycle action result are CONTINUE and ABANDON, not " + result + ".");
    }
  }

  public PutLifecycleHookResponse putLifecycleHook(
      RequestContext ctx, PutLifecycleHookRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      HookRecord old = g.hooks.get(req.lifecycleHookName());
      if (old == null && req.lifecycleTransition() == null) {
        throw AutoScalingErrors.validation("A new lifecycle hook needs a LifecycleTransition.");
      }
      if (old == null && g.hooks.size() >= MAX_HOOKS) {
        throw AutoScalingErrors.limitExceeded(
            "A group may have at most " + MAX_HOOKS + " lifecycle hooks.");
      }
      HookRecord h =
          hook(
              req.lifecycleHookName(),
              req.lifecycleTransition() != null ? req.lifecycleTransition() : old.transition(),
              req.heartbeatTimeout() != null
                  ? req.heartbeatTimeout()
                  : old == null ? null : old.heartbeatTimeout(),
              req.defaultResult() != null
                  ? req.defaultResult()
                  : old == null ? null : old.defaultResult(),
              req.notificationMetadata(),
              req.notificationTargetARN(),
              req.roleARN());
      g.hooks.put(h.name(), h);
    }
    return PutLifecycleHookResponse.builder().build();
  }

  public DescribeLifecycleHooksResponse describeLifecycleHooks(
      RequestContext ctx, DescribeLifecycleHooksRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      List<LifecycleHook> out =
          g.hooks.values().stream()
              .filter(
                  h ->
                      req.lifecycleHookNames().isEmpty()
                          || req.lifecycleHookNames().contains(h.name()))
              .map(
                  h ->
                      LifecycleHook.builder()
                          .lifecycleHookName(h.name())
                          .autoScalingGroupName(g.name)
                          .lifecycleTransition(h.transition())
                          .heartbeatTimeout(h.heartbeatTimeout())
                          .globalTimeout(Math.min(172800, h.heartbeatTimeout() * 100))
                          .defaultResult(h.defaultResult())
                          .notificationMetadata(h.metadata())
                          .notificationTargetARN(h.notificationTargetArn())
                          .roleARN(h.roleArn())
                          .build())
              .toList();
      return DescribeLifecycleHooksResponse.builder().lifecycleHooks(out).build();
    }
  }

  public DeleteLifecycleHookResponse deleteLifecycleHook(
      RequestContext ctx, DeleteLifecycleHookRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      if (g.hooks.remove(req.lifecycleHookName()) == null) {
        throw AutoScalingErrors.validation(
            "No Lifecycle Hook found with name " + req.lifecycleHookName() + ".");
      }
    }
    as.changed();
    return DeleteLifecycleHookResponse.builder().build();
  }

  public CompleteLifecycleActionResponse completeLifecycleAction(
      RequestContext ctx, CompleteLifecycleActionRequest req) {
    result(req.lifecycleActionResult());
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      Member m =
          waiting(
              store.group(req.autoScalingGroupName()),
              req.lifecycleHookName(),
              req.instanceId(),
              req.lifecycleActionToken());
      m.hookResult = req.lifecycleActionResult();
    }
    as.changed();
    return CompleteLifecycleActionResponse.builder().build();
  }

  public RecordLifecycleActionHeartbeatResponse recordLifecycleActionHeartbeat(
      RequestContext ctx, RecordLifecycleActionHeartbeatRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      Member m = waiting(g, req.lifecycleHookName(), req.instanceId(), req.lifecycleActionToken());
      m.hookDeadline = AutoScaling.now().plusSeconds(g.hooks.get(m.hookName).heartbeatTimeout());
    }
    return RecordLifecycleActionHeartbeatResponse.builder().build();
  }

  public DescribeLifecycleHookTypesResponse describeLifecycleHookTypes(
      RequestContext ctx, DescribeLifecycleHookTypesRequest req) {
    return DescribeLifecycleHookTypesResponse.builder()
        .lifecycleHookTypes(HookRecord.LAUNCHING, HookRecord.TERMINATING)
        .build();
  }

  /** The member waiting on this hook, named by its instance id or its action token. */
  private static Member waiting(GroupRecord g, String hook, String instanceId, String token) {
    if (!g.hooks.containsKey(hook)) {
      throw AutoScalingErrors.validation("No Lifecycle Hook found with name " + hook + ".");
    }
    for (Member m : g.members.values()) {
      boolean named =
          (instanceId != null && instanceId.equals(m.instanceId))
              || (token != null && token.equals(m.hookToken));
      if (named && hook.equals(m.hookName) && m.lifecycle.endsWith(":Wait")) {
        return m;
      }
    }
    throw AutoScalingErrors.validation(
        "No active Lifecycle Action found with "
            + (instanceId != null ? "instance ID " + instanceId : "token " + token)
            + ".");
  }
}
