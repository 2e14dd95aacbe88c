package dev.ec2double.elbv2;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A load balancer's capacity reservation (LCU reservation): the units asked for (null when none),
 * when it last changed, and how many of the day's decreases are spent (AWS allows two a day,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/request-capacity-unit-reservation.html).
 */
public record LoadBalancerCapacity(
    Integer units, Instant modified, LocalDate decreaseDay, int decreasesSpent)
    implements java.io.Serializable {
  public static final int DECREASES_PER_DAY = 2;

  public static final LoadBalancerCapacity NONE = new LoadBalancerCapacity(null, null, null, 0);

  public int decreasesRemaining(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return today.equals(decreaseDay) ? DECREASES_PER_DAY - decreasesSpent : DECREASES_PER_DAY;
  }

  /** This reservation after a change to {@code newUnits} (null: reset) at {@code now}. */
  public LoadBalancerCapacity change(Integer newUnits, Instant now) {
    boolean decrease = units != null && (newUnits == null || newUnits < units);
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (!decrease) {
      return new LoadBalancerCapacity(newUnits, now, decreaseDay, decreasesSpent);
    }
    int spent = today.equals(decreaseDay) ? decreasesSpent + 1 : 1;
    return new LoadBalancerCapacity(newUnits, now, today, spent);
  }

  public boolean isDecrease(Integer newUnits) {
    return units != null && (newUnits == null || newUnits < units);
  }
}
