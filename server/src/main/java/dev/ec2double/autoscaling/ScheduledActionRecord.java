package dev.ec2double.autoscaling;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A scheduled action of a group: the sizes it sets, and when it runs next (its start time, then
 * each minute its recurrence names in its time zone, until its end time). A one-off action goes
 * once it ran, as on AWS.
 */
final class ScheduledActionRecord implements java.io.Serializable {
  final String name;
  final String arn;
  Instant startTime;
  Instant endTime;
  String recurrence;
  String timeZone;
  Integer min;
  Integer max;
  Integer desired;

  /** When it runs next; null when it never will again. */
  Instant next;

  ScheduledActionRecord(String name, String arn) {
    this.name = name;
    this.arn = arn;
  }

  ZoneId zone() {
    return timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone);
  }

  /** The next run after {@code now}: the start time while it lies ahead, else the recurrence's. */
  void plan(Instant now) {
    if (startTime != null && startTime.isAfter(now)) {
      next = startTime;
    } else if (recurrence != null) {
      next = Cron.parse(recurrence).next(now, zone());
    } else {
      next = null;
    }
    if (next != null && endTime != null && next.isAfter(endTime)) {
      next = null;
    }
  }
}
