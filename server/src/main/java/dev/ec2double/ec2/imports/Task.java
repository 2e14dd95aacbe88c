package dev.ec2double.ec2.imports;

import java.time.Instant;

/**
 * What every import, export and store task shares: its id, when it was made, its stages, and how it
 * ended (its result made, cancelled, or failed). Guarded by the lock of the {@link ImportStore} it
 * lives in.
 */
abstract class Task implements java.io.Serializable {
  final String id;
  final Instant created = Instant.now();
  final Stages stages;

  /** When it was cancelled, or null. */
  Instant cancelled;

  String cancelReason;

  /** Whether its stages are over and what it makes was made. */
  boolean finished;

  /** Why making its result failed, or null. */
  String failure;

  Task(String id, Stages stages) {
    this.id = id;
    this.stages = stages;
  }

  /** Whether it still runs: neither cancelled nor finished nor failed. */
  boolean active(Instant now) {
    return cancelled == null && !finished && failure == null;
  }

  /** Whether its stages are over and its result is still to be made. */
  boolean due(Instant now) {
    return active(now) && stages.at(created, now) == null;
  }

  /** Its stage now: the last one while its result is being made. */
  Stages.Stage stage(Instant now) {
    Stages.Stage s = stages.at(created, now);
    return s != null ? s : stages.stages().get(stages.stages().size() - 1);
  }

  /** Makes what the task makes at its end (an AMI, a snapshot, a volume); nothing by default. */
  void finish(Results results, dev.ec2double.core.RequestContext ctx) {}

  /** An import's (or image export's) status: active, completed, or deleting and then deleted. */
  String importStatus(Instant now) {
    if (cancelled != null) {
      return leaving(now) ? "deleting" : "deleted";
    }
    if (failure != null) {
      return "deleted";
    }
    return finished ? "completed" : "active";
  }

  /** Its status message: the stage's while active, then why it was cancelled or failed. */
  String importMessage(Instant now) {
    if (cancelled != null) {
      return cancelReason != null ? cancelReason : "User initiated task cancelation";
    }
    if (failure != null) {
      return "ClientError: " + failure;
    }
    return finished ? null : stage(now).message();
  }

  /**
   * Cancels it while it is active; a finished, failed or cancelled task answers AWS's
   * IncorrectState (AWS: "If the task is complete ... the command fails").
   */
  void cancel(Instant now, String reason, String noun) {
    if (!active(now)) {
      throw new dev.ec2double.errors.AwsException(
          "IncorrectState",
          "The " + noun + " '" + id + "' is no longer active and cannot be cancelled.");
    }
    cancelled = now;
    cancelReason = reason;
  }

  /** Whether a cancel is recent enough to show the task still on its way out. */
  boolean leaving(Instant now) {
    return cancelled != null && now.isBefore(cancelled.plus(Stages.STEP));
  }
}
