package dev.ec2double.compute;

/** Told what happens to machines without the server asking. */
@FunctionalInterface
public interface MachineExitListener {
  /** The machine's processes ended (its main process exited, or it was killed). */
  void exited(String machineId, int exitCode);

  /** The machine and its disk were removed behind the server's back. */
  default void removed(String machineId) {}

  /**
   * The engine answers again after it did not: what happened meanwhile may have gone unheard, so
   * the listener compares what it believes with {@link ComputeBackend#status}.
   */
  default void engineBack() {}
}
