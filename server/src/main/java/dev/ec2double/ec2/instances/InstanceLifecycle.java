package dev.ec2double.ec2.instances;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.MachineExitListener;
import dev.ec2double.compute.MachineSpec;
import dev.ec2double.compute.MachineStatus;
import dev.ec2double.core.StepExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS's instance state machine, driven by what the machine really does: an instance is {@code
 * running} once its container runs, {@code stopped} once its processes have exited, and a machine
 * that exits on its own stops (or terminates) the instance.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html
 */
public final class InstanceLifecycle implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceLifecycle.class);

  /** How long a stop waits for processes after SIGTERM before killing them. */
  static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private static final String USER_SHUTDOWN = "Client.UserInitiatedShutdown";
  private static final String USER_SHUTDOWN_MESSAGE =
      "Client.UserInitiatedShutdown: User initiated shutdown";
  static final String USER_HIBERNATE = "Client.UserInitiatedHibernate";
  static final String USER_HIBERNATE_MESSAGE =
      "Client.UserInitiatedHibernate: User initiated hibernate";

  private final ComputeBackend backend;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "ec2double-lifecycle");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, InstanceRecord> byMachine = new ConcurrentHashMap<>();

  public InstanceLifecycle(ComputeBackend backend) {
    this.backend = backend;
    backend.onMachineExit(
        new MachineExitListener() {
          @Override
          public void exited(String machineId, int exitCode) {
            machineExited(machineId, exitCode);
          }

          @Override
          public void removed(String machineId) {
            machineRemoved(machineId);
          }

          @Override
          public void engineBack() {
            InstanceLifecycle.this.engineBack();
          }
        });
  }

  public ComputeBackend backend() {
    return backend;
  }

  /** Runs the steps, and says afterwards that the state changed. */
  private final StepExecutor steps = new StepExecutor(executor);

  public void onChange(Runnable listener) {
    steps.onChange(listener);
  }

  java.util.concurrent.Executor executor() {
    return steps;
  }

  /**
   * Launches the machine; when the engine cannot, the instance terminates with AWS's launch failure
   * reason ({@code Server.InternalError}) and what it holds is released: nothing of it stays on the
   * engine or in the records.
   *
   * @param release what the instance's end frees, whenever it ends
   */
  CompletableFuture<Void> launch(InstanceRecord r, Supplier<MachineSpec> spec, Runnable release) {
    r.release = release;
    return r.then(
        () -> {
          try {
            String machine = backend.launch(spec.get());
            byMachine.put(machine, r);
            synchronized (r) {
              r.machineId = machine;
              if (r.state == InstanceState.PENDING) {
                r.transition(InstanceState.RUNNING, null, null);
              }
            }
          } catch (RuntimeException e) {
            LOG.warn("instance {} could not be launched: {}", r.id, e.getMessage());
            LOG.debug("launch failure of {}", r.id, e);
            synchronized (r) {
              r.transition(
                  InstanceState.TERMINATED,
                  "Server.InternalError",
                  "Server.InternalError: Internal error on launch: " + e.getMessage());
              r.stateTransitionReason = "Server.InternalError";
            }
            released(r);
          }
        },
        steps);
  }

  /**
   * Stops the machine, or, when the instance hibernates ({@link InstanceRecord#hibernated}), pauses
   * it: its processes keep their memory until the next start.
   */
  CompletableFuture<Void> stop(InstanceRecord r, boolean force) {
    return r.then(
        () -> {
          String machine = r.machineId();
          boolean hibernate;
          synchronized (r) {
            hibernate = r.hibernated;
          }
          if (machine != null) {
            try {
              if (hibernate) {
                backend.pause(machine);
              } else {
                backend.stop(machine, force ? Duration.ZERO : STOP_GRACE);
              }
            } catch (RuntimeException e) {
              synchronized (r) {
                r.hibernated = false;
              }
              failed(r, hibernate ? "hibernate" : "stop", e, InstanceState.RUNNING, null);
              return;
            }
          }
          synchronized (r) {
            if (r.state == InstanceState.STOPPING) {
              r.transition(
                  InstanceState.STOPPED,
                  hibernate ? USER_HIBERNATE : USER_SHUTDOWN,
                  hibernate ? USER_HIBERNATE_MESSAGE : USER_SHUTDOWN_MESSAGE);
            }
          }
        },
        steps);
  }

  /**
   * Starts the machine again, with {@code files} (the resolver of its VPC's DHCP options now)
   * placed in it first and {@code names} as its names on its network (its private DNS names as the
   * VPC's resolver answers them now).
   */
  CompletableFuture<Void> start(
      InstanceRecord r, Map<String, MachineSpec.BootFile> files, java.util.List<String> names) {
    return r.then(
        () -> {
          String machine = r.machineId();
          boolean resume;
          synchronized (r) {
            resume = r.hibernated;
          }
          if (machine != null) {
            try {
              if (resume) {
                // the frozen processes go on with the names and resolver they had
                backend.unpause(machine);
              } else {
                if (!names.equals(r.machineNames)) {
                  backend.renameOnNetwork(machine, r.network, r.privateIp, names);
                  r.machineNames = names;
                }
                backend.start(machine, files);
              }
            } catch (RuntimeException e) {
              failed(r, "start", e, InstanceState.STOPPED, e.getMessage());
              return;
            }
          }
          synchronized (r) {
            r.hibernated = false;
            if (r.state == InstanceState.PENDING) {
              r.transition(InstanceState.RUNNING, null, null);
            }
          }
        },
        steps);
  }

  CompletableFuture<Void> reboot(InstanceRecord r) {
    return r.then(
        () -> {
          String machine = r.machineId();
          if (machine != null && r.state() == InstanceState.RUNNING) {
            r.expectedExits.incrementAndGet();
            try {
              backend.reboot(machine, STOP_GRACE);
            } catch (RuntimeException e) {
              r.expectedExits.set(0);
              failed(r, "reboot", e, InstanceState.RUNNING, null);
            }
          }
        },
        steps);
  }

  /**
   * Replaces a running instance's disk with a fresh one from the image (root volume replacement):
   * the old machine is forgotten first, so that its stop and removal are not read as the instance
   * shutting down or being removed outside. The instance stays {@code running}.
   */
  CompletableFuture<Void> replaceDisk(
      InstanceRecord r,
      String imageRef,
      Runnable done,
      java.util.function.Consumer<RuntimeException> failed) {
    return r.then(
        () -> {
          String machine = r.machineId();
          if (machine == null || r.state() != InstanceState.RUNNING) {
            failed.accept(new IllegalStateException("the instance is not running"));
            return;
          }
          byMachine.remove(machine);
          try {
            String replaced = backend.replaceDisk(machine, imageRef, STOP_GRACE);
            synchronized (r) {
              r.machineId = replaced;
            }
            byMachine.put(replaced, r);
          } catch (RuntimeException e) {
            byMachine.put(machine, r);
            LOG.warn(
                "instance {}: its root volume could not be replaced: {}", r.id, e.getMessage());
            failed.accept(e);
            return;
          }
          done.run();
        },
        steps);
  }

  /**
   * Removes the machine (the backend removes it later if the engine does not answer now) and frees
   * what the instance held.
   */
  CompletableFuture<Void> terminate(InstanceRecord r, Runnable released) {
    return r.then(
        () -> {
          String machine = r.machineId();
          if (machine != null) {
            backend.remove(machine);
            byMachine.remove(machine);
          }
          synchronized (r) {
            if (r.state == InstanceState.SHUTTING_DOWN) {
              r.transition(InstanceState.TERMINATED, r.stateReasonCode, r.stateReasonMessage);
            }
          }
          r.release = released;
          released(r);
        },
        steps);
  }

  private void released(InstanceRecord r) {
    try {
      r.release.run();
    } catch (RuntimeException e) {
      LOG.warn("instance {}: not everything it held could be released: {}", r.id, e.getMessage());
    }
  }

  /**
   * A step the engine did not do: the instance shows what the engine has, or, when the engine
   * cannot tell now, the state before the step (settled again when the engine answers).
   *
   * @param startFailure the engine's words when a start failed, for the state reason
   */
  private void failed(
      InstanceRecord r,
      String step,
      RuntimeException e,
      InstanceState before,
      String startFailure) {
    LOG.warn("instance {}: the engine did not {} it: {}", r.id, step, e.getMessage());
    String code = startFailure == null ? null : "Server.InternalError";
    String message =
        startFailure == null
            ? null
            : "Server.InternalError: Internal error on start: " + startFailure;
    if (!settle(r, true, message)) {
      synchronized (r) {
        if (r.state == InstanceState.STOPPING || r.state == InstanceState.PENDING) {
          r.transition(before, code, message);
        }
      }
    }
  }

  /**
   * Makes the instance show what its machine does now (running, stopped, gone). False when the
   * engine cannot tell now.
   *
   * @param afterFailure true right after a step failed; otherwise pending and stopping are left to
   *     the steps that are queued for them
   * @param startFailure the state reason message when a start did not happen, or null
   */
  private boolean settle(InstanceRecord r, boolean afterFailure, String startFailure) {
    String machine = r.machineId();
    if (machine == null) {
      return true;
    }
    Optional<MachineStatus> status;
    try {
      status = backend.status(machine);
    } catch (RuntimeException e) {
      LOG.debug("instance {}: the engine cannot tell its state now", r.id);
      return false;
    }
    if (status.isEmpty()) {
      removedOutside(r);
      return true;
    }
    MachineStatus s = status.get();
    synchronized (r) {
      switch (r.state) {
        case PENDING, STOPPING, STOPPED -> {
          if (r.state != InstanceState.STOPPED && !afterFailure) {
            return true;
          }
          if (s.running()) {
            r.transition(InstanceState.RUNNING, null, null);
          } else if (r.state == InstanceState.STOPPING) {
            r.transition(InstanceState.STOPPED, USER_SHUTDOWN, USER_SHUTDOWN_MESSAGE);
          } else if (r.state == InstanceState.PENDING) {
            r.transition(
                InstanceState.STOPPED,
                "Server.InternalError",
                startFailure != null
                    ? startFailure
                    : "Server.InternalError: Internal error on start");
          }
        }
        case RUNNING -> {
          if (!s.running()) {
            exited(r, s.exitCode());
          }
        }
        default -> {
          // shutting-down and terminated are the server's own doing
        }
      }
    }
    return true;
  }

  /** The machine exited without being asked: the instance shut itself down, or was killed. */
  private void machineExited(String machineId, int exitCode) {
    InstanceRecord r = byMachine.get(machineId);
    if (r != null) {
      exited(r, exitCode);
    }
  }

  private void exited(InstanceRecord r, int exitCode) {
    boolean terminate;
    synchronized (r) {
      if (r.expectedExits.get() > 0) {
        r.expectedExits.decrementAndGet();
        return;
      }
      if (r.state != InstanceState.RUNNING) {
        return;
      }
      if (exitCode == MachineStatus.KILLED) {
        // Nothing inside can SIGKILL the instance's init: the engine or someone on its host did,
        // as a host failure stops an EC2 instance. It stops, whatever its shutdown behaviour.
        r.transition(
            InstanceState.STOPPED,
            "Server.InternalError",
            "Server.InternalError: Internal error (the instance's container was killed outside"
                + " ec2-double)");
        r.stateTransitionReason = "Server.InternalError";
        LOG.info("instance {}: its container was killed outside ec2-double", r.id);
        terminate = false;
      } else {
        terminate = "terminate".equals(r.shutdownBehavior);
        String code = "Client.InstanceInitiatedShutdown";
        String message = code + ": Instance initiated shutdown";
        r.transition(
            terminate ? InstanceState.SHUTTING_DOWN : InstanceState.STOPPED, code, message);
        r.stateTransitionReason = code;
        LOG.info("instance {} shut itself down (exit {})", r.id, exitCode);
      }
    }
    steps.changed();
    if (terminate) {
      terminate(r, r.release);
    }
  }

  /** The machine was removed without the server asking: settled on the instance's chain. */
  private void machineRemoved(String machineId) {
    InstanceRecord r = byMachine.get(machineId);
    if (r != null) {
      r.then(() -> removedOutside(r), steps);
    }
  }

  /**
   * Its container and disk are gone: the instance cannot run again, so it is terminated, as an
   * instance whose host failed beyond repair. What it held is released.
   */
  private void removedOutside(InstanceRecord r) {
    synchronized (r) {
      if (r.state == InstanceState.SHUTTING_DOWN || r.state == InstanceState.TERMINATED) {
        return;
      }
      r.transition(
          InstanceState.TERMINATED,
          "Server.InternalError",
          "Server.InternalError: Internal error (the instance's container was removed outside"
              + " ec2-double)");
      r.stateTransitionReason = "Server.InternalError";
    }
    LOG.info("instance {}: its container was removed outside ec2-double", r.id);
    String machine = r.machineId();
    if (machine != null) {
      byMachine.remove(machine);
    }
    released(r);
  }

  /** The engine answers again: every instance is compared with its machine. */
  private void engineBack() {
    for (InstanceRecord r : byMachine.values()) {
      r.then(() -> settle(r, false, null), steps);
    }
  }

  /** A machine made by an earlier process of this server (a restart with saved state). */
  void adopt(String machineId, InstanceRecord r) {
    byMachine.put(machineId, r);
  }

  /**
   * Removes every machine this lifecycle knows (server reset). They are forgotten first: the exits
   * and removals the engine then reports are the server's own doing, not an instance killed or
   * removed outside ec2-double.
   */
  public void forgetAll() {
    java.util.List<String> machines = java.util.List.copyOf(byMachine.keySet());
    byMachine.clear();
    machines.forEach(backend::remove);
  }

  /**
   * Stops reading the engine's events: what the server removes on shutdown afterwards is its own
   * clean-up, not an instance killed outside ec2-double.
   */
  @Override
  public void close() {
    byMachine.clear();
    executor.shutdownNow();
  }
}
