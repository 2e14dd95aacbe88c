package dev.ec2double.compute;

/**
 * The engine cannot make a network as asked (an overlapping network exists); the message says why.
 */
public final class NetworkConflictException extends RuntimeException {
  public NetworkConflictException(String message) {
    super(message);
  }
}
