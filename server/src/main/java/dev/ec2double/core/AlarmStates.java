package dev.ec2double.core;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CloudWatch alarm states of one account in one region. There is no CloudWatch API here: a test
 * sets an alarm's state through the control API ({@code POST /_ec2double/alarms}), and what reads
 * alarms (an instance refresh's {@code AlarmSpecification}) sees it. An alarm never set is in
 * {@code INSUFFICIENT_DATA}, as a new CloudWatch alarm is.
 */
public final class AlarmStates implements java.io.Serializable {
  /** The states CloudWatch gives an alarm. */
  public static final java.util.Set<String> STATES =
      java.util.Set.of("OK", "ALARM", "INSUFFICIENT_DATA");

  private final Map<String, String> states = new ConcurrentHashMap<>();

  public static AlarmStates of(RegionState region) {
    return region.part(AlarmStates.class, AlarmStates::new);
  }

  /** Sets an alarm's state (one of {@link #STATES}). */
  public void set(String alarmName, String state) {
    if (!STATES.contains(state)) {
      throw new IllegalArgumentException("state must be one of OK, ALARM, INSUFFICIENT_DATA");
    }
    states.put(alarmName, state);
  }

  public String state(String alarmName) {
    return states.getOrDefault(alarmName, "INSUFFICIENT_DATA");
  }

  /** Every alarm set, by name. */
  public Map<String, String> all() {
    return new TreeMap<>(states);
  }
}
