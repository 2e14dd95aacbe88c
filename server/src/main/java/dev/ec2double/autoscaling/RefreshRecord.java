package dev.ec2double.autoscaling;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.model.DesiredConfiguration;
import software.amazon.awssdk.services.autoscaling.model.RefreshPreferences;

/** One instance refresh of a group: what it replaces, how far it got, and how it ended. */
final class RefreshRecord implements java.io.Serializable {
  final String id = java.util.UUID.randomUUID().toString();
  final Instant startTime;
  final String strategy;
  final RefreshPreferences preferences;
  final DesiredConfiguration desiredConfiguration;

  /** The group's launch source before the refresh (what a rollback goes back to). */
  final LaunchSource previousSource;

  String status = "Pending";
  String statusReason;
  Instant endTime;

  /** The members still to replace, and how many there were. */
  final Set<String> toReplace = new LinkedHashSet<>();

  int total;

  /**
   * Members in Standby when it began (StandbyInstances other than Ignore): to terminate or wait
   * for.
   */
  final Set<String> standby = new LinkedHashSet<>();

  /** The checkpoints passed, and until when the current one waits. */
  int checkpointsPassed;

  Instant checkpointUntil;

  /** Until when it bakes (BakeTime) after the last replacement, watching its alarms. */
  Instant bakeUntil;

  /** Launches failed since it began, and the last failure counted. */
  int failedLaunches;

  Instant lastFailureSeen;

  /** Set when rolled back: why, when, and how far the refresh had got. */
  String rollbackReason;

  Instant rollbackStartTime;
  Integer percentageOnRollback;
  Integer instancesToUpdateOnRollback;

  RefreshRecord(
      Instant startTime,
      String strategy,
      RefreshPreferences preferences,
      DesiredConfiguration desiredConfiguration,
      LaunchSource previousSource) {
    this.startTime = startTime;
    this.strategy = strategy;
    this.preferences = preferences;
    this.desiredConfiguration = desiredConfiguration;
    this.previousSource = previousSource;
  }

  boolean active() {
    return switch (status) {
      case "Pending", "InProgress", "Cancelling", "RollbackInProgress", "Baking" -> true;
      default -> false;
    };
  }

  int percentage() {
    return total == 0 ? 100 : (total - toReplace.size()) * 100 / total;
  }

  int minHealthy() {
    return preferences.minHealthyPercentage() == null ? 90 : preferences.minHealthyPercentage();
  }

  int maxHealthy() {
    return preferences.maxHealthyPercentage() == null ? 100 : preferences.maxHealthyPercentage();
  }

  void end(String status, Instant now) {
    this.status = status;
    this.endTime = now;
    this.statusReason = null;
  }
}
