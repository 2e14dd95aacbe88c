package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One member's next step, from what its instance really does: Pending becomes InService once the
 * instance runs (after a launching hook's wait, registered with the group's target groups); an
 * InService instance that stops, ends, or fails the load balancer's checks (HealthCheckType ELB,
 * after the grace period) is Unhealthy and replaced; a leaving one is deregistered, waits out the
 * deregistration delay and a terminating hook, is terminated, and goes once it is.
 */
final class MemberSteps {
  private final Fleet fleet;
  private final GroupTargets targets;

  MemberSteps(Fleet fleet, GroupTargets targets) {
    this.fleet = fleet;
    this.targets = targets;
  }

  void follow(RequestContext ctx, GroupRecord g, Member m) {
    Instant now = AutoScaling.now();
    Fleet.Instance i = fleet.find(ctx.state(), m.instanceId);
    switch (m.lifecycle) {
      case "Pending" -> pending(ctx, g, m, i, now);
      case "Pending:Wait" -> waiting(ctx, g, m, i, now);
      case "InService" -> inService(ctx, g, m, i, now);
      case "Terminating", "Terminating:Proceed" -> leaving(ctx, g, m, i, now, true);
      case "Terminating:Wait" -> terminatingWait(ctx, g, m, i, now);
      case "Detaching" -> leaving(ctx, g, m, i, now, false);
      default -> {} // Standby: out of the group's care until it exits
    }
  }

  private void pending(RequestContext ctx, GroupRecord g, Member m, Fleet.Instance i, Instant now) {
    if (i == null || i.impaired()) {
      launchFailed(g, m, i, now);
      return;
    }
    if (!i.state().equals("running")) {
      return;
    }
    HookRecord hook = hook(g, true);
    if (hook != null) {
      waitFor(m, hook, now, "Pending:Wait");
      return;
    }
    enterService(ctx, g, m, now);
  }

  private void waiting(RequestContext ctx, GroupRecord g, Member m, Fleet.Instance i, Instant now) {
    if (i == null || i.impaired()) {
      launchFailed(g, m, i, now);
      return;
    }
    String result = decided(g, m, now);
    if (result == null) {
      return;
    }
    if (result.equals("CONTINUE")) {
      enterService(ctx, g, m, now);
    } else {
      m.activity.end(
          "Cancelled",
          "Instance failed to complete user's Lifecycle Action: Lifecycle Action with token "
              + m.hookToken
              + " was abandoned with Lifecycle Action Result ABANDON",
          now);
      m.health = "Unhealthy";
      leave(g, m, "Terminating", Causes.at(now) + " an instance was abandoned by its launch hook.");
    }
  }

  private void inService(
      RequestContext ctx, GroupRecord g, Member m, Fleet.Instance i, Instant now) {
    String cause = null;
    if (i == null || i.impaired()) {
      cause = Causes.ec2Unhealthy(now);
    } else if (fleet.statusImpaired(ctx.state(), i.id())) {
      cause = Causes.statusCheckFailed(now);
    } else if (g.healthCheckType.equals("ELB")
        && m.inServiceAt.plusSeconds(g.healthCheckGracePeriod).isBefore(now)
        && m.registeredTo.stream()
            .anyMatch(arn -> "unhealthy".equals(targets.health(ctx, arn, m.instanceId)))) {
      cause = Causes.elbUnhealthy(now);
    }
    if (cause != null && !g.suspended("HealthCheck")) {
      m.health = "Unhealthy";
    }
    if (m.health.equals("Unhealthy") && !g.suspended("ReplaceUnhealthy")) {
      leave(g, m, "Terminating", cause == null ? Causes.ec2Unhealthy(now) : cause);
      return;
    }
    if (!g.suspended("AddToLoadBalancer")) {
      register(ctx, g, m);
    }
  }

  private void terminatingWait(
      RequestContext ctx, GroupRecord g, Member m, Fleet.Instance i, Instant now) {
    if (i == null || i.impaired() || decided(g, m, now) != null) {
      m.lifecycle = "Terminating:Proceed";
      leaving(ctx, g, m, i, now, true);
    }
  }

  /** Deregistered, drained, through a terminating hook, terminated, then gone from the group. */
  private void leaving(
      RequestContext ctx, GroupRecord g, Member m, Fleet.Instance i, Instant now, boolean end) {
    if (!m.deregistered) {
      for (String arn : m.registeredTo) {
        targets.deregister(ctx, arn, m.instanceId);
      }
      m.deregistered = true;
      m.activity.progress("WaitingForELBConnectionDraining", 50);
    }
    for (String arn : List.copyOf(m.registeredTo)) {
      if ("draining".equals(targets.health(ctx, arn, m.instanceId))) {
        return; // the deregistration delay, as AWS waits it out before terminating
      }
      m.registeredTo.remove(arn);
    }
    if (!end) {
      ctx.tags().remove(m.instanceId, List.of(Capacity.groupTag(g)), false);
      gone(g, m, now);
      return;
    }
    if (m.toWarmPool && g.warmPool != null && g.warmPool.status == null && i != null) {
      if (!i.impaired()) { // a scale-in of a pool that reuses instances: back to the pool
        g.members.remove(m.instanceId);
        m.activity.end("Successful", null, now);
        m.returnedToPool();
        g.warmPool.instances.put(m.instanceId, m);
        return;
      }
      m.toWarmPool = false; // an instance that is no longer sound ends as usual
    }
    HookRecord hook = hook(g, false);
    if (hook != null && m.lifecycle.equals("Terminating") && i != null && !i.impaired()) {
      waitFor(m, hook, now, "Terminating:Wait");
      return;
    }
    if (!m.terminateSent) {
      m.terminateSent = true;
      m.activity.progress("InProgress", 70);
      if (i != null && !i.state().equals("terminated")) {
        fleet.terminate(ctx, m.instanceId);
      }
    }
    if (i == null || i.state().equals("terminated")) {
      gone(g, m, now);
    }
  }

  private static void gone(GroupRecord g, Member m, Instant now) {
    m.lifecycle = m.lifecycle.startsWith("Detach") ? "Detached" : "Terminated";
    m.activity.end("Successful", null, now);
    g.members.remove(m.instanceId);
  }

  private void enterService(RequestContext ctx, GroupRecord g, Member m, Instant now) {
    if (!g.suspended("AddToLoadBalancer")) {
      register(ctx, g, m);
    }
    m.lifecycle = "InService";
    m.inServiceAt = now;
    m.hookName = null;
    m.hookResult = null;
    m.activity.end("Successful", null, now);
  }

  /** Registered with every target group of the group, and with no other. */
  private void register(RequestContext ctx, GroupRecord g, Member m) {
    for (String arn : g.targetGroupArns) {
      if (!m.registeredTo.contains(arn)) {
        targets.register(ctx, arn, m.instanceId);
        m.registeredTo.add(arn);
      }
    }
    for (String arn : List.copyOf(m.registeredTo)) {
      if (!g.targetGroupArns.contains(arn)) {
        targets.deregister(ctx, arn, m.instanceId);
        m.registeredTo.remove(arn);
      }
    }
  }

  private static void launchFailed(GroupRecord g, Member m, Fleet.Instance i, Instant now) {
    m.activity.end(
        "Failed",
        i == null
            ? "Instance " + m.instanceId + " is gone."
            : "Instance " + m.instanceId + " became " + i.state() + " before it was InService.",
        now);
    g.members.remove(m.instanceId);
    g.lastLaunchFailure = now;
  }

  /** Takes a member out: a new activity, then the steps of {@link #leaving}. */
  static void leave(GroupRecord g, Member m, String lifecycle, String cause) {
    Instant now = AutoScaling.now();
    m.lifecycle = lifecycle;
    m.hookName = null;
    m.hookResult = null;
    String verb = lifecycle.equals("Detaching") ? "Detaching" : "Terminating";
    m.activity =
        new ActivityRecord(
            verb + " EC2 instance: " + m.instanceId,
            cause,
            now,
            Capacity.details(m.subnetId, m.zone),
            "InProgress");
    g.record(m.activity);
  }

  private static HookRecord hook(GroupRecord g, boolean launching) {
    return g.hooks.values().stream()
        .filter(h -> h.launching() == launching)
        .findFirst()
        .orElse(null);
  }

  private static void waitFor(Member m, HookRecord hook, Instant now, String lifecycle) {
    m.lifecycle = lifecycle;
    m.hookName = hook.name();
    m.hookToken = UUID.randomUUID().toString();
    m.hookDeadline = now.plusSeconds(hook.heartbeatTimeout());
    m.hookResult = null;
    m.activity.progress("MidLifecycleAction", 40);
  }

  /** The hook's result: as completed, or its default once the heartbeat timeout passed. */
  private static String decided(GroupRecord g, Member m, Instant now) {
    if (m.hookResult != null) {
      return m.hookResult;
    }
    if (m.hookDeadline != null && now.isAfter(m.hookDeadline)) {
      HookRecord h = g.hooks.get(m.hookName);
      return h == null ? "CONTINUE" : h.defaultResult();
    }
    return m.hookName != null && !g.hooks.containsKey(m.hookName) ? "CONTINUE" : null;
  }
}
