package dev.ec2double.ec2.instances;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.MachineSpec;
import java.time.Duration;
import java.util.Map;
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
    backend.onMachineExit(this::machineExited);
  }

  public ComputeBackend backend() {
    return backend;
  }

  /** Told after every step on a machine (the state changed): the state file's writer. */
  private volatile Runnable changed = () -> {};

  /** Runs the steps, and says afterwards that the state changed. */
  private final java.util.concurrent.Executor steps =
      step ->
          executor.execute(
              () -> {
                try {
                  step.run();
                } finally {
                  changed.run();
                }
              });

  public void onChange(Runnable listener) {
    this.changed = listener;
  }

  java.util.concurrent.Executor executor() {
    return steps;
  }

  CompletableFuture<Void> launch(InstanceRecord r, Supplier<MachineSpec> spec, Runnable onFail) {
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
            LOG.error("instance {} could not be launched", r.id, e);
            synchronized (r) {
              r.transition(
                  InstanceState.TERMINATED,
                  "Server.InternalError",
                  "Server.InternalError: Internal error on launch: " + e.getMessage());
              r.stateTransitionReason = "Server.InternalError";
            }
            onFail.run();
          }
        },
        steps);
  }

  CompletableFuture<Void> stop(InstanceRecord r, boolean force) {
    return r.then(
        () -> {
          String machine = r.machineId();
          if (machine != null) {
            backend.stop(machine, force ? Duration.ZERO : STOP_GRACE);
          }
          synchronized (r) {
            if (r.state == InstanceState.STOPPING) {
              r.transition(
                  InstanceState.STOPPED,
                  "Client.UserInitiatedShutdown",
                  "Client.UserInitiatedShutdown: User initiated shutdown");
            }
          }
        },
        steps);
  }

  CompletableFuture<Void> start(InstanceRecord r) {
    return r.then(
        () -> {
          String machine = r.machineId();
          if (machine != null) {
            backend.start(machine);
          }
          synchronized (r) {
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
            backend.reboot(machine, STOP_GRACE);
          }
        },
        steps);
  }

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
          released.run();
        },
        steps);
  }

  /** The machine exited without being asked: the instance shut itself down. */
  private void machineExited(String machineId, int exitCode) {
    InstanceRecord r = byMachine.get(machineId);
    if (r == null) {
      return;
    }
    boolean terminate;
    synchronized (r) {
      if (r.expectedExits.get() > 0) {
        r.expectedExits.decrementAndGet();
        return;
      }
      if (r.state != InstanceState.RUNNING) {
        return;
      }
      terminate = "terminate".equals(r.shutdownBehavior);
      String code = "Client.InstanceInitiatedShutdown";
      String message = code + ": Instance initiated shutdown";
      r.transition(terminate ? InstanceState.SHUTTING_DOWN : InstanceState.STOPPED, code, message);
      r.stateTransitionReason = code;
    }
    LOG.info("instance {} shut itself down (exit {})", r.id, exitCode);
    changed.run();
    if (terminate) {
      terminate(r, () -> {});
    }
  }

  /** A machine made by an earlier process of this server (a restart with saved state). */
  void adopt(String machineId, InstanceRecord r) {
    byMachine.put(machineId, r);
  }

  /** Removes every machine this lifecycle knows (server reset or shutdown). */
  void forgetAll() {
    byMachine.keySet().forEach(backend::remove);
    byMachine.clear();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
