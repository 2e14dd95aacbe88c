package dev.ec2double.ec2.fleets;

import dev.ec2double.core.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DeleteFleets and CancelSpotFleetRequests alike: each id on its own, ended with or without its
 * instances, or listed as unsuccessful with AWS's code (the two actions name the same cases
 * differently).
 */
final class FleetEnds {
  private FleetEnds() {}

  /**
   * What the action calls things.
   *
   * @param prefix the ids' prefix ({@code fleet-}, {@code sfr-})
   * @param malformed the code for an id of the wrong shape; then not found, and not in a state to
   *     end
   * @param ended the state prefix once ended ({@code deleted}, {@code cancelled})
   */
  record Names(
      String idParameter,
      String prefix,
      String malformed,
      String notFound,
      String notEndable,
      String ended) {}

  /** The outcomes told apart, each in the action's own shape. */
  record Split<S, E>(List<S> ok, List<E> failed) {}

  /** Maps the successful and the failed outcomes to the action's item shapes. */
  static <S, E> Split<S, E> split(
      List<Outcome> outcomes,
      java.util.function.Function<Outcome, S> ok,
      java.util.function.Function<Outcome, E> failed) {
    List<S> good = new ArrayList<>();
    List<E> bad = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.ok()) {
        good.add(ok.apply(o));
      } else {
        bad.add(failed.apply(o));
      }
    }
    return new Split<>(good, bad);
  }

  /**
   * The excess capacity policy given, or {@code dflt} when none is; a value not in {@code valid} is
   * AWS's InvalidParameterValue.
   */
  static String policy(String given, java.util.Set<String> valid, String dflt) {
    if (given == null) {
      return dflt;
    }
    if (!valid.contains(given)) {
      throw dev.ec2double.errors.AwsException.invalidParameterValue(
          "Value (" + given + ") for parameter ExcessCapacityTerminationPolicy is invalid.");
    }
    return given;
  }

  /** One id's outcome: previous and current state, or an error code and message. */
  record Outcome(String id, String previous, String current, String code, String message) {
    boolean ok() {
      return code == null;
    }
  }

  static List<Outcome> end(
      RequestContext ctx,
      FleetEngine engine,
      Map<String, FleetStore.Fleet> fleets,
      List<String> ids,
      Boolean terminate,
      Names names) {
    if (ids.isEmpty()) {
      throw dev.ec2double.errors.AwsException.missingParameter(names.idParameter());
    }
    if (terminate == null) {
      throw dev.ec2double.errors.AwsException.missingParameter("TerminateInstances");
    }
    FleetStore store = FleetStore.of(ctx.state());
    List<Outcome> out = new ArrayList<>();
    List<FleetStore.Fleet> ending = new ArrayList<>();
    synchronized (store) {
      for (String id : ids) {
        FleetStore.Fleet f = id == null ? null : fleets.get(id);
        if (id == null || !id.startsWith(names.prefix())) {
          out.add(failed(id, names.malformed(), "The ID '" + id + "' is malformed."));
        } else if (f == null) {
          out.add(failed(id, names.notFound(), "The ID '" + id + "' does not exist."));
        } else if (f.deleted()) {
          out.add(failed(id, names.notEndable(), "'" + id + "' is " + f.state + "."));
        } else if (f.type.equals("instant") && !terminate) {
          out.add(
              failed(
                  id,
                  names.notEndable(),
                  "An instant fleet can only be deleted with its instances (TerminateInstances)."));
        } else {
          String previous = f.state;
          f.state = names.ended() + (terminate ? "_terminating" : "_running");
          f.event("fleetRequestChange", names.ended(), null, null);
          out.add(new Outcome(id, previous, f.state, null, null));
          if (terminate) {
            ending.add(f);
          }
        }
      }
    }
    ending.forEach(f -> engine.terminateAll(ctx, f));
    return out;
  }

  private static Outcome failed(String id, String code, String message) {
    return new Outcome(id, null, null, code, message);
  }

  /**
   * A maintain fleet's new target, under the store's lock: launches up to it, then, when the excess
   * policy is {@code terminating}, ends what is above it.
   */
  static void retarget(
      RequestContext ctx,
      FleetEngine engine,
      FleetStore.Fleet f,
      Integer target,
      Integer onDemand,
      String policy,
      String terminating) {
    FleetStore store = FleetStore.of(ctx.state());
    synchronized (store) {
      if (f.deleted()) {
        throw new dev.ec2double.errors.AwsException(
            "IncorrectState", "Fleet " + f.id + " is " + f.state + " and cannot be modified.");
      }
      if (target != null) {
        f.target = target;
      }
      if (onDemand != null) {
        f.onDemandTarget = onDemand;
      }
      f.onDemandTarget = Math.min(f.onDemandTarget, f.target);
      if (policy != null) {
        f.excessPolicy = policy;
      }
      f.event("fleetRequestChange", "modify_in_progress", null, null);
    }
    engine.fill(ctx, f);
    if (f.excessPolicy.equals(terminating)) {
      engine.trim(ctx, f);
    }
    synchronized (store) {
      f.event("fleetRequestChange", "modify_succeeded", null, null);
    }
  }
}
