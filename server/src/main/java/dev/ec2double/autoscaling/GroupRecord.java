package dev.ec2double.autoscaling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Auto Scaling group: what it was asked to keep (size bounds, desired capacity, how to launch,
 * where) and what it holds (its members and the activities that changed them). Guarded by the
 * {@link AutoScalingStore}'s lock.
 */
final class GroupRecord implements java.io.Serializable {
  final String name;
  final String arn;
  final Instant createdTime;

  /** How to launch: a template (id or name, version), or a launch configuration's name. */
  LaunchSource source;

  int min;
  int max;
  int desired;
  int defaultCooldown = 300;
  String healthCheckType = "EC2";
  int healthCheckGracePeriod = 300;
  String vpcZoneIdentifier;

  /** The subnets of VPCZoneIdentifier, in order, and the zone of each. */
  final Map<String, String> subnetZones = new LinkedHashMap<>();

  /** The zones without subnets (AvailabilityZones only: the default VPC's). */
  List<String> zones = new ArrayList<>();

  final Set<String> targetGroupArns = new LinkedHashSet<>();
  List<String> terminationPolicies = new ArrayList<>(List.of("Default"));
  boolean newInstancesProtectedFromScaleIn;
  Integer maxInstanceLifetime;
  boolean capacityRebalance;
  Integer defaultInstanceWarmup;
  String placementGroup;

  /** Key to tag (value, PropagateAtLaunch). */
  final Map<String, GroupTag> tags = new LinkedHashMap<>();

  final Set<String> suspendedProcesses = new LinkedHashSet<>();
  final Map<String, HookRecord> hooks = new LinkedHashMap<>();
  final Map<String, PolicyRecord> policies = new LinkedHashMap<>();

  /** Scheduled actions by name. */
  final Map<String, ScheduledActionRecord> scheduledActions = new LinkedHashMap<>();

  /** SNS topic ARN to the notification types sent there (a record: SNS is not served). */
  final Map<String, Set<String>> notifications = new LinkedHashMap<>();

  /** Instance refreshes, newest first. */
  final List<RefreshRecord> refreshes = new ArrayList<>();

  /** The group metrics enabled (EnableMetricsCollection), all at granularity 1Minute. */
  final Set<String> enabledMetrics = new LinkedHashSet<>();

  /** The warm pool, or null. */
  WarmPoolRecord warmPool;

  /** Instance id to member, in launch order. */
  final Map<String, Member> members = new LinkedHashMap<>();

  /** Newest first, as DescribeScalingActivities lists them. */
  final List<ActivityRecord> activities = new ArrayList<>();

  /** "Delete in progress" while a forced delete terminates the members, else null. */
  String status;

  /** Gone from every answer: removed from the store once its last member is. */
  boolean deleted;

  /** Why the capacity last changed, for the cause of the activities that follow it. */
  String capacityCause;

  /** When a launch last failed: the next try waits a little, as AWS's do. */
  Instant lastLaunchFailure;

  GroupRecord(String name, String arn, Instant createdTime) {
    this.name = name;
    this.arn = arn;
    this.createdTime = createdTime;
  }

  /** Members that count towards capacity: not leaving, not in standby. */
  List<Member> counted() {
    return members.values().stream().filter(Member::counts).toList();
  }

  /** The zones instances are spread over: the subnets' (distinct, in order) or the named ones. */
  List<String> balancedZones() {
    if (subnetZones.isEmpty()) {
      return zones;
    }
    return subnetZones.values().stream().distinct().toList();
  }

  boolean suspended(String process) {
    return suspendedProcesses.contains(process);
  }

  void record(ActivityRecord a) {
    activities.add(0, a);
    if (activities.size() > 200) {
      activities.remove(activities.size() - 1); // AWS keeps six weeks; a test needs far fewer
    }
  }

  boolean activityInProgress() {
    return activities.stream().anyMatch(a -> a.endTime == null);
  }

  /** A tag of the group. */
  record GroupTag(String value, boolean propagateAtLaunch) implements java.io.Serializable {}
}
