package dev.ec2double.autoscaling;

import java.time.Instant;
import java.util.UUID;

/** One scaling activity: a launch or a termination, with why it happened and how it went. */
final class ActivityRecord implements java.io.Serializable {
  final String id = UUID.randomUUID().toString();
  final String description;
  final String cause;
  final Instant startTime;
  final String details;
  Instant endTime;
  String status;
  String statusMessage;
  int progress;

  ActivityRecord(
      String description, String cause, Instant startTime, String details, String status) {
    this.description = description;
    this.cause = cause;
    this.startTime = startTime;
    this.details = details;
    this.status = status;
  }

  void progress(String status, int progress) {
    this.status = status;
    this.progress = progress;
  }

  void end(String status, String message, Instant at) {
    this.status = status;
    this.statusMessage = message;
    this.progress = 100;
    this.endTime = at;
  }
}
