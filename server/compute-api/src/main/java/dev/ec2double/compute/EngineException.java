package dev.ec2double.compute;

/**
 * The engine did not do what it was asked: it did not answer (down, unreachable, too slow) or it
 * answered with its own failure. The message names the engine and what was asked, for the user. The
 * compute layer knows nothing of the API: the EC2 layer answers AWS's {@code InternalError} (HTTP
 * 500) with the message ({@code ec2.EngineErrors}) unless the operation has a better code
 * (RunInstances: {@code InsufficientInstanceCapacity}).
 */
public final class EngineException extends RuntimeException {
  private final boolean unreachable;

  public EngineException(String message, boolean unreachable) {
    // no stack trace: this is an answer about the engine, not a bug of the server
    super(message, null, false, false);
    this.unreachable = unreachable;
  }

  /** True when the engine did not answer at all (rather than answering with an error). */
  public boolean unreachable() {
    return unreachable;
  }
}
