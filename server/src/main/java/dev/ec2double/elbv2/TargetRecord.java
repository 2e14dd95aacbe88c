package dev.ec2double.elbv2;

import java.time.Instant;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * One registered target (an instance or IP and a port) and what the health checks found. The fields
 * are guarded by the record's lock; the health checker is the only writer after registration, apart
 * from deregistration.
 */
public final class TargetRecord implements java.io.Serializable {
  public final String id;
  public final int port;
  public final String availabilityZone;
  public final long seq;

  TargetHealthStateEnum state = TargetHealthStateEnum.INITIAL;
  TargetHealthReasonEnum reason = TargetHealthReasonEnum.ELB_REGISTRATION_IN_PROGRESS;
  String description = "Target registration is in progress";
  int successes;
  int failures;
  Instant drainUntil;

  /**
   * How often a target still being registered is probed: the load balancer's nodes learn of it one
   * by one, and AWS reports {@code Elb.RegistrationInProgress} meanwhile.
   */
  static final long REGISTRATION_PROBE_NANOS = 250_000_000L;

  /** Not saved (a clock of this process): a restarted server probes at once. */
  transient long nextProbeNanos = System.nanoTime();

  /**
   * When the target was registered (or its instance started again), on this process's clock; 0
   * after a restart.
   */
  private transient long registeredNanos = System.nanoTime();

  transient boolean probing;

  /** Whether the probe in flight is one of registration, whose failure does not count. */
  private transient boolean registrationProbe;

  TargetRecord(String id, int port, String availabilityZone, long seq) {
    this.id = id;
    this.port = port;
    this.availabilityZone = availabilityZone;
    this.seq = seq;
  }

  public static String key(String id, int port) {
    return id + ":" + port;
  }

  public String key() {
    return key(id, port);
  }

  public synchronized TargetHealthStateEnum state() {
    return state;
  }

  public synchronized boolean draining() {
    return drainUntil != null;
  }

  /**
   * The health check passed. A target still in its initial checks is healthy at its first pass, as
   * AWS documents ("after your target is registered, it must pass one health check to be considered
   * healthy"); an unhealthy one needs {@code healthyThreshold} passes in a row.
   */
  public synchronized void passed(int healthyThreshold) {
    if (drainUntil != null) {
      return;
    }
    failures = 0;
    successes++;
    if (state == TargetHealthStateEnum.UNUSED) {
      toInitial();
    }
    if (state != TargetHealthStateEnum.HEALTHY
        && (state == TargetHealthStateEnum.INITIAL || successes >= healthyThreshold)) {
      state = TargetHealthStateEnum.HEALTHY;
      reason = null;
      description = null;
    } else if (state == TargetHealthStateEnum.INITIAL) {
      reason = TargetHealthReasonEnum.ELB_INITIAL_HEALTH_CHECKING;
      description = "Initial health checks in progress";
    }
  }

  /**
   * The health check failed: after {@code unhealthyThreshold} failures in a row it is unhealthy.
   */
  public synchronized void failed(
      int unhealthyThreshold, TargetHealthReasonEnum why, String whyDescription) {
    if (drainUntil != null) {
      return;
    }
    if (registrationProbe
        && state == TargetHealthStateEnum.INITIAL
        && why != TargetHealthReasonEnum.TARGET_RESPONSE_CODE_MISMATCH) {
      return; // no answer yet while registering: the server may not listen yet
    }
    successes = 0;
    failures++;
    if (state == TargetHealthStateEnum.UNUSED) {
      toInitial();
    }
    if (failures >= unhealthyThreshold || state == TargetHealthStateEnum.UNHEALTHY) {
      state = TargetHealthStateEnum.UNHEALTHY;
      reason = why;
      description = whyDescription;
    } else if (state == TargetHealthStateEnum.INITIAL) {
      reason = TargetHealthReasonEnum.ELB_INITIAL_HEALTH_CHECKING;
      description = "Initial health checks in progress";
    }
  }

  /** An instance target that is not running: unused, whatever the probes said before. */
  public synchronized void invalidState(String instanceState) {
    if (drainUntil != null) {
      return;
    }
    state = TargetHealthStateEnum.UNUSED;
    reason = TargetHealthReasonEnum.TARGET_INVALID_STATE;
    description = "Target is in the " + instanceState + " state";
    successes = 0;
    failures = 0;
  }

  private void toInitial() {
    state = TargetHealthStateEnum.INITIAL;
    reason = TargetHealthReasonEnum.ELB_REGISTRATION_IN_PROGRESS;
    description = "Target registration is in progress";
  }

  synchronized void drain(Instant until) {
    drainUntil = until;
    state = TargetHealthStateEnum.DRAINING;
    reason = TargetHealthReasonEnum.TARGET_DEREGISTRATION_IN_PROGRESS;
    description = "Target deregistration is in progress";
  }

  public synchronized boolean drained(Instant now) {
    return drainUntil != null && !now.isBefore(drainUntil);
  }

  /**
   * Claims the next probe when it is due; false when one is in flight or not yet due. During the
   * first interval after registration, while the target is still {@code initial}, it is probed
   * every {@link #REGISTRATION_PROBE_NANOS} and a probe that gets no answer does not count (the
   * target stays in {@code Elb.RegistrationInProgress}): a target whose server starts listening a
   * moment after its registration is healthy at once rather than one interval later. An instance
   * target that was {@code unused} (not running) and is probed again has started: it is registered
   * anew. Afterwards probes come at the interval and count toward the thresholds.
   */
  public synchronized boolean claimProbe(long nowNanos, long intervalNanos) {
    if (probing || drainUntil != null || nowNanos < nextProbeNanos) {
      return false;
    }
    probing = true;
    if (state == TargetHealthStateEnum.UNUSED) {
      // probes reach only running instances: this one has started again and is registered anew
      toInitial();
      registeredNanos = nowNanos;
    }
    registrationProbe =
        state == TargetHealthStateEnum.INITIAL
            && registeredNanos != 0
            && nowNanos - registeredNanos < intervalNanos
            && failures == 0
            && successes == 0;
    nextProbeNanos = nowNanos + (registrationProbe ? REGISTRATION_PROBE_NANOS : intervalNanos);
    return true;
  }

  public synchronized void probeDone() {
    probing = false;
  }

  /** State, reason and description, read together. */
  public synchronized software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth
      health() {
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth.builder()
        .state(state)
        .reason(reason)
        .description(description)
        .build();
  }
}
