package dev.ec2double.ec2.instances;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.core.RegionState;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart with saved state: every instance that has a machine takes it back, and its state
 * follows what the machine did while no server watched (it exited: stopped; it is gone:
 * terminated). A step the killed server had under way (a stop, a terminate) is done again.
 */
public final class InstanceAdoption {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceAdoption.class);

  private InstanceAdoption() {}

  /** Adopts the region's instances; returns the VPCs whose networks have machines of ours. */
  public static Set<String> adopt(
      RegionState state,
      InstanceLifecycle lifecycle,
      BiFunction<RegionState, String, Runnable> releaseOf) {
    ComputeBackend backend = lifecycle.backend();
    Set<String> vpcs = new LinkedHashSet<>();
    for (InstanceRecord r : Instances.store(state).all()) {
      r.release = releaseOf.apply(state, r.id);
      InstanceState was;
      String machine;
      synchronized (r) {
        was = r.state;
        machine = r.machineId;
      }
      if (was == InstanceState.TERMINATED) {
        if (machine != null) {
          backend.remove(machine); // the server may have died between the two
        }
        continue;
      }
      if (machine == null) {
        // killed while the machine was being made: the launch failed
        synchronized (r) {
          r.transition(
              InstanceState.TERMINATED,
              "Server.InternalError",
              "Server.InternalError: the server stopped while the instance launched");
          r.stateTransitionReason = "Server.InternalError";
        }
        release(r);
        continue;
      }
      boolean wasUp = was == InstanceState.PENDING || was == InstanceState.RUNNING;
      if (!backend.adoptMachine(machine, wasUp || was == InstanceState.STOPPING)) {
        LOG.warn("instance {}: its machine {} is gone; it is terminated", r.id, machine);
        synchronized (r) {
          r.transition(
              InstanceState.TERMINATED,
              "Server.InternalError",
              "Server.InternalError: the instance's machine was gone when the server restarted");
          r.stateTransitionReason = "Server.InternalError";
        }
        release(r);
        continue;
      }
      lifecycle.adopt(machine, r);
      vpcs.add(r.vpcId);
      boolean running = backend.isRunning(machine);
      switch (was) {
        case PENDING, RUNNING -> {
          synchronized (r) {
            if (running) {
              r.transition(InstanceState.RUNNING, null, null);
            } else {
              String code = "Client.InstanceInitiatedShutdown";
              r.transition(InstanceState.STOPPED, code, code + ": Instance initiated shutdown");
              r.stateTransitionReason = code;
            }
          }
        }
        case STOPPING -> lifecycle.stop(r, false);
        case SHUTTING_DOWN -> lifecycle.terminate(r, () -> {});
        default -> {
          // stopped: the machine is there, stopped, as it was left
        }
      }
    }
    return vpcs;
  }

  /** A terminated instance frees its interfaces, addresses and DeleteOnTermination volumes. */
  private static void release(InstanceRecord r) {
    try {
      r.release.run();
    } catch (RuntimeException e) {
      LOG.warn("instance {}: not everything it held could be released: {}", r.id, e.getMessage());
    }
  }
}
