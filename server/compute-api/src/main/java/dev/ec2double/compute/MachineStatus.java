package dev.ec2double.compute;

/**
 * A machine that exists: whether its processes run, and how the last run ended (the exit code of
 * its main process; 137 when it was killed).
 */
public record MachineStatus(boolean running, int exitCode) {
  /** The exit code of a process ended by SIGKILL: the engine or someone on its host killed it. */
  public static final int KILLED = 137;
}
