package dev.ec2double.compute;

import dev.ec2double.errors.AwsException;

/**
 * The engine did not do what it was asked: it did not answer (down, unreachable, too slow) or it
 * answered with its own failure. The message names the engine and what was asked, for the user;
 * callers answer AWS's {@code InternalError} (HTTP 500) with it unless the operation has a better
 * code (RunInstances: {@code InsufficientInstanceCapacity}).
 */
public final class EngineException extends AwsException {
  private final boolean unreachable;

  public EngineException(String message, boolean unreachable) {
    super("InternalError", message, 500);
    this.unreachable = unreachable;
  }

  /** True when the engine did not answer at all (rather than answering with an error). */
  public boolean unreachable() {
    return unreachable;
  }
}
