package dev.ec2double.compute;

/**
 * A machine that exists: whether its processes run, whether they are paused (frozen with their
 * memory, {@link ComputeBackend#pause}), and how the last run ended (the exit code of its main
 * process; 137 when it was killed). A paused machine is not running.
 */
public record MachineStatus(boolean running, int exitCode, boolean paused) {
  /** The exit code of a process ended by SIGKILL: the engine or someone on its host killed it. */
  public static final int KILLED = 137;

  public MachineStatus(boolean running, int exitCode) {
    this(running, exitCode, false);
  }
}
