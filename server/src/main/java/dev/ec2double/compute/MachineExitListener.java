package dev.ec2double.compute;

/** Told when a machine's processes end without the server asking. */
@FunctionalInterface
public interface MachineExitListener {
  void exited(String machineId, int exitCode);
}
