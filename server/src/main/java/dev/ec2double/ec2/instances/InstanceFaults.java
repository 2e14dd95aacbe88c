package dev.ec2double.ec2.instances;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.StateStore;
import dev.ec2double.ec2.regions.RegionCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.RebootInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StartInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;

/**
 * The faults a test injects (the control API's {@code /_ec2double/faults}): a Spot interruption, a
 * scheduled reboot or stop, an impaired instance or system, a zone outage. Each is visible where
 * AWS shows it (the metadata service, DescribeInstanceStatus) and real: the action really happens
 * at its time, and an impaired instance or zone really loses its network until the fault is
 * cleared.
 */
public final class InstanceFaults implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceFaults.class);

  /** The kinds, by the names the control API takes. */
  public enum Kind {
    SPOT_INTERRUPTION("spot-interruption", true, 120),
    SCHEDULED_REBOOT("scheduled-reboot", true, 120),
    SCHEDULED_STOP("scheduled-stop", true, 120),
    INSTANCE_IMPAIRED("instance-impaired", false, 0),
    SYSTEM_IMPAIRED("system-impaired", false, 0),
    ZONE_OUTAGE("zone-outage", false, 0);

    final String wireName;
    final boolean timed;
    final int defaultNotice;

    Kind(String wireName, boolean timed, int defaultNotice) {
      this.wireName = wireName;
      this.timed = timed;
      this.defaultNotice = defaultNotice;
    }

    public String wireName() {
      return wireName;
    }

    static Kind of(String name) {
      for (Kind k : values()) {
        if (k.wireName.equals(name)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "unknown fault kind '"
              + name
              + "': one of spot-interruption, scheduled-reboot, scheduled-stop,"
              + " instance-impaired, system-impaired, zone-outage");
    }
  }

  /**
   * One injected fault.
   *
   * @param at when a timed fault's action happens (null for the others)
   * @param eventId the instance event a scheduled fault shows ({@code instance-event-…}), or null
   * @param done whether its action happened
   * @param action what a Spot interruption does ({@code terminate}, {@code stop}, {@code
   *     hibernate}), as the instance's Spot request says; null for the other kinds
   */
  public record Fault(
      String id,
      Kind kind,
      String target,
      String account,
      String region,
      Instant created,
      Instant at,
      String eventId,
      boolean done,
      String action) {

    Fault movedTo(Instant when) {
      return new Fault(id, kind, target, account, region, created, when, eventId, false, action);
    }

    Fault happened() {
      return new Fault(id, kind, target, account, region, created, at, eventId, true, action);
    }
  }

  private final StateStore store;
  private final InstanceActionsService actions;
  private final Consumer<RegionState> enforce;
  private volatile SpotMarket spot = SpotMarket.NONE;
  private final Map<String, Fault> faults = new LinkedHashMap<>();
  private final Map<String, ScheduledFuture<?>> timers = new LinkedHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ec2double-faults");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param enforce re-applies a region's packet filter policies (an impaired address loses them)
   */
  public InstanceFaults(
      StateStore store, InstanceActionsService actions, Consumer<RegionState> enforce) {
    this.store = store;
    this.actions = actions;
    this.enforce = enforce;
  }

  /** The Spot requests that interruptions mark, stop or terminate (wired at start). */
  public void spotMarket(SpotMarket spot) {
    this.spot = spot;
  }

  /**
   * Injects a fault; what is wrong with the request is an IllegalArgumentException whose message
   * says what, and nothing changes then.
   */
  public Fault inject(String kindName, String target, Integer noticeSeconds) {
    if (kindName == null) {
      throw new IllegalArgumentException("a fault needs a kind");
    }
    Kind kind = Kind.of(kindName);
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("a fault needs a target: an instance id or a zone name");
    }
    if (noticeSeconds != null && (noticeSeconds < 0 || noticeSeconds > 7 * 24 * 3600)) {
      throw new IllegalArgumentException("noticeSeconds is from 0 to 604800, not " + noticeSeconds);
    }
    String account;
    String region;
    String action = null;
    if (kind == Kind.ZONE_OUTAGE) {
      region = regionOfZone(target);
      account = null;
    } else {
      InstanceRecord r = findInstance(target);
      account = r.account;
      region = r.region;
      if (kind == Kind.SPOT_INTERRUPTION) {
        action = spotAction(r);
      }
    }
    Instant now = Instant.now();
    int notice = noticeSeconds != null ? noticeSeconds : kind.defaultNotice;
    Instant at = kind.timed ? now.plusSeconds(notice) : null;
    String eventId =
        kind == Kind.SCHEDULED_REBOOT || kind == Kind.SCHEDULED_STOP
            ? Ids.next("instance-event")
            : null;
    Fault f =
        new Fault(
            Ids.next("fault"), kind, target, account, region, now, at, eventId, false, action);
    synchronized (this) {
      faults.put(f.id(), f);
      if (kind.timed) {
        schedule(f);
      }
    }
    if (action != null) {
      spot.marked(store.region(account, region), target, action);
    }
    LOG.info("fault {} injected: {} on {}", f.id(), kind.wireName, target);
    if (!kind.timed) {
      enforceWhere(f);
    }
    return f;
  }

  public synchronized List<Fault> list() {
    return new ArrayList<>(faults.values());
  }

  /** Clears a fault (a timed one that has not happened never will); false when there is none. */
  public boolean clear(String id) {
    Fault f;
    synchronized (this) {
      f = faults.remove(id);
      ScheduledFuture<?> t = timers.remove(id);
      if (t != null) {
        t.cancel(false);
      }
    }
    if (f == null) {
      return false;
    }
    LOG.info("fault {} cleared", id);
    if (f.action() != null) {
      capacityBack(f);
    }
    if (!f.kind().timed) {
      enforceWhere(f);
    }
    return true;
  }

  public void clearAll() {
    List<String> ids;
    synchronized (this) {
      ids = new ArrayList<>(faults.keySet());
    }
    ids.forEach(this::clear);
  }

  /** A fresh server: faults forgotten, nothing re-applied (the networks go too). */
  public synchronized void forgetAll() {
    timers.values().forEach(t -> t.cancel(false));
    timers.clear();
    faults.clear();
  }

  // --- what the rest of the server asks ---

  /** Whether the instance has lost its network now. */
  public boolean cutOff(RegionState state, String instanceId) {
    InstanceRecord r = Instances.store(state).get(instanceId);
    return r != null && (impaired(r, Kind.INSTANCE_IMPAIRED) || systemImpaired(r));
  }

  /**
   * Whether the instance's status checks fail now (an impaired instance or system, its zone out):
   * what Auto Scaling's EC2 health check reads.
   */
  public boolean statusImpaired(RegionState state, String instanceId) {
    InstanceRecord r = Instances.store(state).get(instanceId);
    return r != null && (instanceImpaired(r) || systemImpaired(r));
  }

  /** Whether a zone of the region is out now (a {@code zone-outage} fault). */
  public synchronized boolean zoneOut(String region, String zone) {
    for (Fault f : faults.values()) {
      if (f.kind() == Kind.ZONE_OUTAGE && f.target().equals(zone) && f.region().equals(region)) {
        return true;
      }
    }
    return false;
  }

  boolean instanceImpaired(InstanceRecord r) {
    return impaired(r, Kind.INSTANCE_IMPAIRED);
  }

  boolean systemImpaired(InstanceRecord r) {
    return impaired(r, Kind.SYSTEM_IMPAIRED) || since(r, Kind.ZONE_OUTAGE).isPresent();
  }

  /** When the instance's status of this kind became impaired, if it is. */
  Optional<Instant> impairedSince(InstanceRecord r, boolean system) {
    Optional<Instant> own = since(r, system ? Kind.SYSTEM_IMPAIRED : Kind.INSTANCE_IMPAIRED);
    return own.isPresent() || !system ? own : since(r, Kind.ZONE_OUTAGE);
  }

  private boolean impaired(InstanceRecord r, Kind kind) {
    return since(r, kind).isPresent();
  }

  private synchronized Optional<Instant> since(InstanceRecord r, Kind kind) {
    for (Fault f : faults.values()) {
      if (f.kind() == kind && (f.target().equals(r.id) || f.target().equals(r.zone))) {
        return Optional.of(f.created());
      }
    }
    return Optional.empty();
  }

  /** The instance's scheduled events that have not happened yet. */
  synchronized List<Fault> scheduled(String instanceId) {
    List<Fault> out = new ArrayList<>();
    for (Fault f : faults.values()) {
      if (f.eventId() != null && !f.done() && f.target().equals(instanceId)) {
        out.add(f);
      }
    }
    return out;
  }

  /** The instance's Spot interruption, if one is coming. */
  synchronized Optional<Fault> spotInterruption(String instanceId) {
    return faults.values().stream()
        .filter(f -> f.kind() == Kind.SPOT_INTERRUPTION && f.target().equals(instanceId))
        .findFirst();
  }

  /** ModifyInstanceEventStartTime: the event moves, and so does its action. */
  synchronized Fault moveEvent(String instanceId, String eventId, Instant notBefore) {
    for (Fault f : faults.values()) {
      if (eventId.equals(f.eventId()) && f.target().equals(instanceId) && !f.done()) {
        Fault moved = f.movedTo(notBefore.truncatedTo(ChronoUnit.SECONDS));
        faults.put(f.id(), moved);
        ScheduledFuture<?> t = timers.remove(f.id());
        if (t != null) {
          t.cancel(false);
        }
        schedule(moved);
        return moved;
      }
    }
    return null;
  }

  // --- inside ---

  private void schedule(Fault f) {
    long delay = Math.max(0, Duration.between(Instant.now(), f.at()).toMillis());
    timers.put(f.id(), timer.schedule(() -> happen(f.id()), delay, TimeUnit.MILLISECONDS));
  }

  private void happen(String id) {
    Fault f;
    synchronized (this) {
      f = faults.get(id);
      timers.remove(id);
      if (f == null || f.done()) {
        return;
      }
      faults.put(id, f.happened());
    }
    RegionState state = store.region(f.account(), f.region());
    RequestContext ctx =
        new RequestContext(
            f.account(), f.region(), "ec2-double", f.kind().wireName, Ids.next("fault"), state);
    try {
      switch (f.kind()) {
        case SCHEDULED_REBOOT ->
            actions.rebootInstances(
                ctx, RebootInstancesRequest.builder().instanceIds(f.target()).build());
        case SCHEDULED_STOP ->
            actions.stopInstances(
                ctx, StopInstancesRequest.builder().instanceIds(f.target()).build());
        case SPOT_INTERRUPTION -> interrupt(ctx, f);
        default -> {}
      }
      LOG.info("fault {}: {} of {} done", id, f.kind().wireName, f.target());
    } catch (RuntimeException e) {
      LOG.warn("fault {}: {} of {} failed: {}", id, f.kind().wireName, f.target(), e.getMessage());
    }
  }

  /**
   * AWS interrupts Spot Instances only: an on-demand instance has no request whose behavior could
   * say what happens, so the fault is refused for it.
   */
  private String spotAction(InstanceRecord r) {
    String behavior = spot.interruptionBehavior(store.region(r.account, r.region), r.id);
    if (behavior == null) {
      throw new IllegalArgumentException(
          "instance "
              + r.id
              + " is not a Spot Instance: only Spot Instances are interrupted (launch it with"
              + " InstanceMarketOptions or RequestSpotInstances)");
    }
    return behavior;
  }

  /**
   * The request's InstanceInterruptionBehavior: terminate, stop, or hibernate (the machine is
   * paused with its memory, and resumes where it was when capacity is back).
   */
  private void interrupt(RequestContext ctx, Fault f) {
    switch (f.action()) {
      case "terminate" ->
          actions.terminateInstances(
              ctx, TerminateInstancesRequest.builder().instanceIds(f.target()).build());
      case "hibernate" -> actions.stop(ctx, List.of(f.target()), false, true);
      default ->
          actions.stopInstances(
              ctx, StopInstancesRequest.builder().instanceIds(f.target()).build());
    }
    spot.interrupted(ctx.state(), f.target(), f.action());
  }

  /** A cleared interruption: capacity is back, and a stopped Spot Instance starts again. */
  private void capacityBack(Fault f) {
    RegionState state = store.region(f.account(), f.region());
    try {
      if (f.done() && !f.action().equals("terminate")) {
        RequestContext ctx =
            new RequestContext(
                f.account(), f.region(), "ec2-double", "capacity-back", Ids.next("fault"), state);
        actions.startInstances(
            ctx, StartInstancesRequest.builder().instanceIds(f.target()).build());
      }
      spot.capacityBack(state, f.target(), f.action());
    } catch (RuntimeException e) {
      LOG.warn("fault {}: capacity back for {} failed: {}", f.id(), f.target(), e.getMessage());
    }
  }

  private void enforceWhere(Fault f) {
    for (RegionState state : store.all()) {
      if (state.region().equals(f.region())
          && (f.account() == null || state.account().equals(f.account()))) {
        enforce.accept(state);
      }
    }
  }

  private InstanceRecord findInstance(String id) {
    for (RegionState state : store.all()) {
      InstanceRecord r = Instances.store(state).get(id);
      if (r != null) {
        InstanceState s = r.state();
        if (s == InstanceState.TERMINATED || s == InstanceState.SHUTTING_DOWN) {
          throw new IllegalArgumentException("instance " + id + " is " + s.awsName());
        }
        return r;
      }
    }
    throw new IllegalArgumentException("no instance " + id + " in any account or region");
  }

  private static String regionOfZone(String zone) {
    String region = zone.replaceFirst("[a-z]$", "");
    for (RegionCatalog.Zone z : RegionCatalog.zones(region)) {
      if (z.name().equals(zone)) {
        return region;
      }
    }
    throw new IllegalArgumentException("no availability zone " + zone);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
