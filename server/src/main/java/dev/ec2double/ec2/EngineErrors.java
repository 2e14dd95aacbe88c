package dev.ec2double.ec2;

import dev.ec2double.compute.EngineException;
import dev.ec2double.errors.AwsException;

/**
 * How the API answers when the engine behind it fails ({@link EngineException}): AWS's {@code
 * InternalError}, HTTP 500, with the engine's message, which says what was asked and why it failed
 * (docs/faults.md). Operations with a better code catch the failure themselves (RunInstances:
 * {@code InsufficientInstanceCapacity}).
 */
public final class EngineErrors {
  private EngineErrors() {}

  /** AWS's error for a failure of the compute layer, or null when it is not one. */
  public static AwsException toAws(RuntimeException failure) {
    if (failure instanceof EngineException e) {
      return new AwsException("InternalError", e.getMessage(), 500);
    }
    return null;
  }
}
