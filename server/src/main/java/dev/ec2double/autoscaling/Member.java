package dev.ec2double.autoscaling;

import java.time.Instant;

/** One instance of a group, as Auto Scaling sees it: its lifecycle state and health. */
final class Member implements java.io.Serializable {
  final String instanceId;
  final String zone;
  final String instanceType;

  /** What it was launched from (a ReplaceRootVolume refresh moves it to the group's new one). */
  LaunchSource source;

  /** The root volume replacement task of a ReplaceRootVolume refresh, while it runs. */
  String rootTask;

  final Instant launchedAt;

  /** AWS's lifecycle state: Pending, Pending:Wait, InService, Terminating, Standby, ... */
  String lifecycle = "Pending";

  String health = "Healthy";
  boolean protectedFromScaleIn;
  Instant inServiceAt;

  /** When the current lifecycle hook's wait began and ends (heartbeats move the end). */
  String hookName;

  String hookToken;
  Instant hookDeadline;

  /** The activity that launches or ends it, closed when that is done. */
  ActivityRecord activity;

  /** The result a lifecycle action completed with (CONTINUE or ABANDON), until acted on. */
  String hookResult;

  /** The subnet it was launched into, or null (a zone of the default VPC, or attached). */
  String subnetId;

  /** The target groups it is registered with now. */
  final java.util.Set<String> registeredTo = new java.util.LinkedHashSet<>();

  /** Whether its deregistration (before it leaves) and its termination were asked for. */
  boolean deregistered;

  boolean terminateSent;

  /** Taken out by a scale-in of a group whose warm pool reuses instances: back to the pool. */
  boolean toWarmPool;

  /** Back in the warm pool: ready to be taken into the group again as if new. */
  void returnedToPool() {
    lifecycle = "Warmed:Pending";
    health = "Healthy";
    inServiceAt = null;
    hookName = null;
    hookToken = null;
    hookDeadline = null;
    hookResult = null;
    registeredTo.clear();
    deregistered = false;
    terminateSent = false;
    toWarmPool = false;
  }

  Member(String instanceId, String zone, String instanceType, LaunchSource source, Instant at) {
    this.instanceId = instanceId;
    this.zone = zone;
    this.instanceType = instanceType;
    this.source = source;
    this.launchedAt = at;
  }

  boolean leaving() {
    return lifecycle.startsWith("Terminat") || lifecycle.startsWith("Detach");
  }

  boolean counts() {
    return !leaving() && !lifecycle.equals("Standby") && !lifecycle.startsWith("EnteringStandby");
  }
}
