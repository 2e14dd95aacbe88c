package dev.ec2double.elbv2.loadbalancers;

import dev.ec2double.core.RequestContext;
import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.LoadBalancerCapacity;
import dev.ec2double.elbv2.LoadBalancerRecord;
import dev.ec2double.elbv2.runtime.Elbv2;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CapacityReservationStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CapacityReservationStatus;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeCapacityReservationRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeCapacityReservationResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.MinimumLoadBalancerCapacity;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyCapacityReservationRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyCapacityReservationResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ZonalCapacityReservationState;

/**
 * LCU reservations: DescribeCapacityReservation and ModifyCapacityReservation. A record: the
 * reservation is {@code provisioned} at once and spread evenly over the load balancer's zones, as
 * AWS spreads it; the proxy's capacity does not change.
 */
public final class CapacityReservationService {
  /** The smallest reservation AWS takes for an Application Load Balancer, in LCUs. */
  static final int MIN_UNITS = 100;

  /** AWS's default quota of reserved LCUs per Application Load Balancer. */
  static final int MAX_UNITS = 1500;

  private final Elbv2 elbv2;

  public CapacityReservationService(Elbv2 elbv2) {
    this.elbv2 = elbv2;
  }

  public DescribeCapacityReservationResponse describeCapacityReservation(
      RequestContext ctx, DescribeCapacityReservationRequest req) {
    LoadBalancerRecord lb = elbv2.store(ctx).loadBalancer(req.loadBalancerArn());
    LoadBalancerCapacity c = lb.capacity;
    return DescribeCapacityReservationResponse.builder()
        .lastModifiedTime(c.modified())
        .decreaseRequestsRemaining(c.decreasesRemaining(Instant.now()))
        .minimumLoadBalancerCapacity(minimum(c))
        .capacityReservationState(zones(lb, c))
        .build();
  }

  public ModifyCapacityReservationResponse modifyCapacityReservation(
      RequestContext ctx, ModifyCapacityReservationRequest req) {
    boolean reset = Boolean.TRUE.equals(req.resetCapacityReservation());
    MinimumLoadBalancerCapacity asked = req.minimumLoadBalancerCapacity();
    if (reset == (asked != null)) {
      throw Elbv2Errors.validation(
          "You must specify either MinimumLoadBalancerCapacity or ResetCapacityReservation");
    }
    Integer units = reset ? null : asked.capacityUnits();
    if (!reset && units == null) {
      throw Elbv2Errors.validation("CapacityUnits must be specified");
    }
    if (units != null && units < MIN_UNITS) {
      throw Elbv2Errors.invalidConfiguration(
          "The minimum capacity of an Application Load Balancer is " + MIN_UNITS + " LCUs");
    }
    if (units != null && units > MAX_UNITS) {
      throw new AwsException(
          "CapacityUnitsLimitExceeded",
          "You've reached the limit of " + MAX_UNITS + " reserved LCUs per load balancer");
    }
    Elbv2Store store = elbv2.store(ctx);
    Instant now = Instant.now();
    synchronized (store) {
      LoadBalancerRecord lb = store.loadBalancer(req.loadBalancerArn());
      LoadBalancerCapacity c = lb.capacity;
      if (c.isDecrease(units) && c.decreasesRemaining(now) == 0) {
        throw new AwsException(
            "CapacityDecreaseRequestLimitExceeded",
            "You've exceeded the daily capacity decrease limit for this reservation");
      }
      lb.capacity = c.change(units, now);
      LoadBalancerCapacity changed = lb.capacity;
      return ModifyCapacityReservationResponse.builder()
          .lastModifiedTime(changed.modified())
          .decreaseRequestsRemaining(changed.decreasesRemaining(now))
          .minimumLoadBalancerCapacity(minimum(changed))
          .capacityReservationState(zones(lb, changed))
          .build();
    }
  }

  private static MinimumLoadBalancerCapacity minimum(LoadBalancerCapacity c) {
    return c.units() == null
        ? null
        : MinimumLoadBalancerCapacity.builder().capacityUnits(c.units()).build();
  }

  private static List<ZonalCapacityReservationState> zones(
      LoadBalancerRecord lb, LoadBalancerCapacity c) {
    if (c.units() == null) {
      return List.of();
    }
    int n = Math.max(1, lb.sdk().availabilityZones().size());
    CapacityReservationStatus provisioned =
        CapacityReservationStatus.builder().code(CapacityReservationStateEnum.PROVISIONED).build();
    return lb.sdk().availabilityZones().stream()
        .map(
            z ->
                ZonalCapacityReservationState.builder()
                    .availabilityZone(z.zoneName())
                    .state(provisioned)
                    .effectiveCapacityUnits((double) c.units() / n)
                    .build())
        .toList();
  }
}
