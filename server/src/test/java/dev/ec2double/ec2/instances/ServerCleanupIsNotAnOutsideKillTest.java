package dev.ec2double.ec2.instances;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.MachineExitListener;
import dev.ec2double.compute.MachineSpec;
import dev.ec2double.compute.MachineStatus;
import dev.ec2double.compute.MockBackend;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the server removes its instances' containers (shutdown, reset), the engine reports each as
 * killed (exit 137) and then removed, exactly as it does when someone outside kills one. Only the
 * outside kill is the instance's business: the server's own clean-up must not be reported as "its
 * container was killed outside ec2-double".
 */
class ServerCleanupIsNotAnOutsideKillTest {
  /** Reports a forced removal of a running machine as Docker's events do: die 137, destroy. */
  static final class EngineLikeBackend extends MockBackend {
    private final Set<String> machines = ConcurrentHashMap.newKeySet();
    private volatile MachineExitListener listener;

    @Override
    public String launch(MachineSpec spec) {
      String id = super.launch(spec);
      machines.add(id);
      return id;
    }

    @Override
    public void onMachineExit(MachineExitListener listener) {
      this.listener = listener;
    }

    @Override
    public void remove(String machineId) {
      boolean wasRunning = isRunning(machineId);
      super.remove(machineId);
      if (machines.remove(machineId)) {
        if (wasRunning) {
          listener.exited(machineId, MachineStatus.KILLED);
        }
        listener.removed(machineId);
      }
    }

    /** {@code docker kill}: the machine ends, killed (137), and stays on the engine. */
    void kill(String machineId) {
      super.stop(machineId, java.time.Duration.ZERO);
      listener.exited(machineId, MachineStatus.KILLED);
    }

    @Override
    public void removeAll() {
      List.copyOf(machines).forEach(this::remove);
      super.removeAll();
    }
  }

  private final EngineLikeBackend engine = new EngineLikeBackend();
  private final InstanceLifecycle lifecycle = new InstanceLifecycle(engine);

  @AfterEach
  void close() {
    lifecycle.close();
  }

  @Test
  void theServersShutdownIsNotAnOutsideKill() {
    InstanceRecord r = running("i-0000000000000aaa1");

    lifecycle.close(); // Services.close, before the server's removeAll
    engine.removeAll();

    assertThat(r.state()).isEqualTo(InstanceState.RUNNING);
    assertThat(r.stateReasonMessage).isNull();
  }

  @Test
  void theServersResetIsNotAnOutsideKill() {
    InstanceRecord r = running("i-0000000000000aaa2");

    lifecycle.forgetAll(); // Services.reset
    engine.removeAll();

    assertThat(r.state()).isEqualTo(InstanceState.RUNNING);
    assertThat(r.stateReasonMessage).isNull();
    assertThat(engine.isRunning(r.machineId())).as("its machine is gone").isFalse();
  }

  @Test
  void aKillFromOutsideStillStopsTheInstance() {
    InstanceRecord r = running("i-0000000000000aaa3");

    // not the server: someone ran docker kill (a docker rm -f would also remove it, and the
    // instance then goes on to terminated on the lifecycle's own thread)
    engine.kill(r.machineId());

    assertThat(r.state()).isEqualTo(InstanceState.STOPPED);
    assertThat(r.stateReasonMessage).contains("killed outside ec2-double");
  }

  private InstanceRecord running(String id) {
    InstanceRecord r =
        new InstanceRecord(
            1,
            id,
            "r-1",
            "123456789012",
            "us-east-1",
            "ami-0123456789abcdef0",
            "ec2-double/busybox:latest",
            null,
            0,
            "us-east-1a",
            "subnet-1",
            "vpc-1",
            "10.0.0.5",
            "ip-10-0-0-5.ec2.internal",
            "x86_64",
            null,
            List.of());
    MachineSpec spec =
        new MachineSpec(
            "ec2double-" + id,
            "ec2-double/busybox:latest",
            "ip-10-0-0-5",
            "net",
            "10.0.0.5",
            List.of(),
            1,
            1L << 30,
            Map.of(),
            Map.of(),
            null,
            Map.of());
    lifecycle.launch(r, () -> spec, () -> {}).join();
    assertThat(r.state()).isEqualTo(InstanceState.RUNNING);
    return r;
  }
}
