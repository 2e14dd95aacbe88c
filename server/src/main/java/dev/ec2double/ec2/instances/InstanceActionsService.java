package dev.ec2double.ec2.instances;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.RebootInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RebootInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StartInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StartInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesResponse;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;

/**
 * StopInstances, StartInstances, RebootInstances, TerminateInstances. Every named instance is
 * checked before any is changed, so one bad id changes nothing.
 */
public final class InstanceActionsService {
  private static final DateTimeFormatter REASON_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'");

  private final InstanceLifecycle lifecycle;
  private final InstanceStorage storage;

  private final dev.ec2double.ec2.vpc.InstanceNetworking networking;

  private PlacementRules placementRules = PlacementRules.NONE;

  public InstanceActionsService(
      InstanceLifecycle lifecycle,
      InstanceStorage storage,
      dev.ec2double.ec2.vpc.InstanceNetworking networking) {
    this.networking = networking;
    this.lifecycle = lifecycle;
    this.storage = storage;
  }

  /** The rules RunInstances places by, which StartInstances checks too (a spread group's limit). */
  public void placementRules(PlacementRules rules) {
    this.placementRules = rules;
  }

  public StopInstancesResponse stopInstances(RequestContext ctx, StopInstancesRequest req) {
    boolean hibernate = Boolean.TRUE.equals(req.hibernate());
    for (InstanceRecord r : Instances.requireAll(ctx, req.instanceIds())) {
      if (r.disableApiStop) {
        throw new AwsException(
            "OperationNotPermitted",
            "The instance '"
                + r.id
                + "' may not be stopped. Modify its 'disableApiStop' instance attribute and try"
                + " again.");
      }
    }
    if (hibernate) {
      for (InstanceRecord r : Instances.requireAll(ctx, req.instanceIds())) {
        if (!r.hibernationConfigured) {
          throw new AwsException(
              "UnsupportedHibernationConfiguration",
              "The instance can't be hibernated because it was not configured at launch for"
                  + " hibernation: "
                  + r.id);
        }
      }
    }
    return stop(ctx, req.instanceIds(), Boolean.TRUE.equals(req.force()), hibernate);
  }

  /**
   * Stops (or hibernates: the machine is paused with its memory) the instances; a Spot interruption
   * whose behavior is {@code hibernate} comes here too, whatever the launch configured.
   */
  StopInstancesResponse stop(
      RequestContext ctx, List<String> ids, boolean force, boolean hibernate) {
    List<InstanceStateChange> changes =
        change(
            ctx,
            ids,
            r ->
                switch (r.state) {
                  case RUNNING -> true;
                  case STOPPING, STOPPED -> false;
                  default -> throw Instances.incorrectState(r, "stopped");
                },
            r -> {
              r.hibernated = hibernate;
              r.transition(InstanceState.STOPPING, null, null);
              r.stateTransitionReason = "User initiated (" + now() + ")";
              return () -> lifecycle.stop(r, force);
            });
    return StopInstancesResponse.builder().stoppingInstances(changes).build();
  }

  public StartInstancesResponse startInstances(RequestContext ctx, StartInstancesRequest req) {
    List<InstanceStateChange> changes =
        change(
            ctx,
            req.instanceIds(),
            r ->
                switch (r.state) {
                  case STOPPED -> true;
                  case PENDING, RUNNING -> false;
                  default -> throw Instances.incorrectState(r, "started");
                },
            starting -> placementRules.start(ctx, starting, Instances.store(ctx.state())),
            r -> {
              r.transition(InstanceState.PENDING, null, null);
              r.stateTransitionReason = "";
              r.launchTime = Instant.now();
              // as a DHCP lease renewed at boot: the VPC's options and DNS support as they are
              // now (read after the instance's lock is released)
              return () -> {
                var resolver = networking.resolver(ctx.state(), r.vpcId);
                lifecycle.start(
                    r,
                    InstancesService.renewedResolver(resolver),
                    PrivateDnsNames.resolvable(r, resolver.dnsSupport()));
              };
            });
    return StartInstancesResponse.builder().startingInstances(changes).build();
  }

  public TerminateInstancesResponse terminateInstances(
      RequestContext ctx, TerminateInstancesRequest req) {
    List<InstanceRecord> records = Instances.requireAll(ctx, req.instanceIds());
    for (InstanceRecord r : records) {
      synchronized (r) {
        if (r.disableApiTermination && r.state != InstanceState.TERMINATED) {
          throw new AwsException(
              "OperationNotPermitted",
              "The instance '"
                  + r.id
                  + "' may not be terminated. Modify its 'disableApiTermination' instance"
                  + " attribute and try again.");
        }
      }
    }
    List<InstanceStateChange> changes =
        change(
            ctx,
            req.instanceIds(),
            r -> r.state != InstanceState.TERMINATED && r.state != InstanceState.SHUTTING_DOWN,
            r -> {
              r.transition(
                  InstanceState.SHUTTING_DOWN,
                  "Client.UserInitiatedShutdown",
                  "Client.UserInitiatedShutdown: User initiated shutdown");
              r.stateTransitionReason = "User initiated (" + now() + ")";
              return () ->
                  lifecycle.terminate(
                      r,
                      () -> {
                        release(ctx, r);
                        storage.terminated(ctx, r.id);
                      });
            });
    return TerminateInstancesResponse.builder().terminatingInstances(changes).build();
  }

  public RebootInstancesResponse rebootInstances(RequestContext ctx, RebootInstancesRequest req) {
    List<InstanceRecord> records = Instances.requireAll(ctx, req.instanceIds());
    for (InstanceRecord r : records) {
      InstanceState s = r.state();
      if (s == InstanceState.TERMINATED || s == InstanceState.SHUTTING_DOWN) {
        throw Instances.incorrectState(r, "rebooted");
      }
    }
    for (InstanceRecord r : records) {
      if (r.state() == InstanceState.RUNNING) {
        lifecycle.reboot(r);
      }
    }
    return RebootInstancesResponse.builder().build();
  }

  private void release(RequestContext ctx, InstanceRecord r) {
    networking.release(ctx.state(), r.id);
  }

  /**
   * Checks every instance first, so that one in the wrong state changes nothing; then applies the
   * transition to each that needs it, under its lock, and queues the machine work it returns.
   *
   * @param needsChange true to act, false when the instance is already where it is asked to go;
   *     throws AWS's error when the instance cannot go there
   */
  private static List<InstanceStateChange> change(
      RequestContext ctx,
      List<String> ids,
      Predicate<InstanceRecord> needsChange,
      Function<InstanceRecord, Runnable> apply) {
    List<InstanceRecord> records = Instances.requireAll(ctx, ids);
    for (InstanceRecord r : records) {
      synchronized (r) {
        needsChange.test(r);
      }
    }
    List<Runnable> work = new ArrayList<>();
    List<InstanceStateChange> changes = transition(records, needsChange, apply, work);
    work.forEach(Runnable::run);
    return changes;
  }

  /**
   * As {@link #change(RequestContext, List, Predicate, Function)}, with a check of the instances
   * that will change ({@code check}, which may refuse them all) made under the instance store's
   * lock, held until they have changed, so that concurrent calls cannot pass a limit together.
   */
  private static List<InstanceStateChange> change(
      RequestContext ctx,
      List<String> ids,
      Predicate<InstanceRecord> needsChange,
      java.util.function.Consumer<List<InstanceRecord>> check,
      Function<InstanceRecord, Runnable> apply) {
    List<InstanceRecord> records = Instances.requireAll(ctx, ids);
    List<Runnable> work = new ArrayList<>();
    List<InstanceStateChange> changes;
    synchronized (Instances.store(ctx.state())) {
      List<InstanceRecord> changing = new ArrayList<>();
      for (InstanceRecord r : records) {
        synchronized (r) {
          if (needsChange.test(r) && !changing.contains(r)) {
            changing.add(r);
          }
        }
      }
      check.accept(changing);
      changes = transition(records, needsChange, apply, work);
    }
    work.forEach(Runnable::run);
    return changes;
  }

  /**
   * Applies the transition to each instance that needs it; the machine work goes to {@code work}.
   */
  private static List<InstanceStateChange> transition(
      List<InstanceRecord> records,
      Predicate<InstanceRecord> needsChange,
      Function<InstanceRecord, Runnable> apply,
      List<Runnable> work) {
    List<InstanceStateChange> changes = new ArrayList<>();
    for (InstanceRecord r : records) {
      synchronized (r) {
        InstanceState before = r.state;
        if (needsChange.test(r)) {
          work.add(apply.apply(r));
        }
        changes.add(
            InstanceStateChange.builder()
                .instanceId(r.id)
                .previousState(before.toSdk())
                .currentState(r.state.toSdk())
                .build());
      }
    }
    return changes;
  }

  private static String now() {
    return REASON_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
  }
}
