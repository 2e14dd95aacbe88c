package dev.ec2double.ec2.instances;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.ec2.model.EventCode;
import software.amazon.awssdk.services.ec2.model.InstanceStatusEvent;

/** How injected faults look to clients: instance events, and the metadata service's documents. */
final class FaultViews {
  /** The metadata service's maintenance times: {@code 21 Jan 2019 09:00:43 GMT}. */
  private static final DateTimeFormatter IMDS_EVENT_TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private FaultViews() {}

  static List<InstanceStatusEvent> events(List<InstanceFaults.Fault> scheduled) {
    return scheduled.stream()
        .map(
            f ->
                InstanceStatusEvent.builder()
                    .instanceEventId(f.eventId())
                    .code(code(f))
                    .description(description(f))
                    .notBefore(f.at())
                    .notAfter(f.at().plusSeconds(2 * 3600))
                    .notBeforeDeadline(f.created().plusSeconds(7 * 24 * 3600))
                    .build())
        .toList();
  }

  private static EventCode code(InstanceFaults.Fault f) {
    return f.kind() == InstanceFaults.Kind.SCHEDULED_REBOOT
        ? EventCode.INSTANCE_REBOOT
        : EventCode.INSTANCE_STOP;
  }

  private static String description(InstanceFaults.Fault f) {
    return f.kind() == InstanceFaults.Kind.SCHEDULED_REBOOT
        ? "The instance is scheduled for a reboot"
        : "The instance is scheduled to be stopped";
  }

  /** {@code events/maintenance/scheduled}: a JSON list, {@code []} without events. */
  static String maintenance(List<InstanceFaults.Fault> scheduled) {
    StringBuilder s = new StringBuilder("[");
    for (InstanceFaults.Fault f : scheduled) {
      if (s.length() > 1) {
        s.append(',');
      }
      s.append("{\"NotBefore\":\"")
          .append(IMDS_EVENT_TIME.format(f.at()))
          .append("\",\"Code\":\"")
          .append(code(f).toString())
          .append("\",\"Description\":\"")
          .append(description(f))
          .append("\",\"EventId\":\"")
          .append(f.eventId())
          .append("\",\"NotAfter\":\"")
          .append(IMDS_EVENT_TIME.format(f.at().plusSeconds(2 * 3600)))
          .append("\",\"State\":\"active\"}");
    }
    return s.append(']').toString();
  }

  /** {@code spot/instance-action}: what happens and when. */
  static String spotAction(InstanceFaults.Fault f) {
    return "{\"action\":\""
        + f.action()
        + "\",\"time\":\""
        + DateTimeFormatter.ISO_INSTANT.format(
            f.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        + "\"}";
  }

  /**
   * {@code spot/termination-time}: when a Spot Instance marked for termination ends, as the older
   * tools read it (no JSON, seconds).
   */
  static String terminationTime(InstanceFaults.Fault f) {
    return DateTimeFormatter.ISO_INSTANT.format(
        f.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  /** {@code events/recommendations/rebalance}: when the risk was noticed. */
  static String rebalance(InstanceFaults.Fault f) {
    return "{\"noticeTime\":\""
        + DateTimeFormatter.ISO_INSTANT.format(
            f.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        + "\"}";
  }
}
