package dev.ec2double.core;

import dev.ec2double.errors.AwsException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * ClientToken idempotency for any action that takes one: the same token with the same request
 * returns the first answer; with a different request it is AWS's IdempotentParameterMismatch
 * (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-idempotency.html). Requests and answers
 * are kept as the bytes the caller gives (their encoded form), so the tokens are saved with the
 * state ({@code --state-dir}) and a retry after a restart still gets the first answer.
 */
public final class Idempotency implements java.io.Serializable {
  private static final class Slot implements java.io.Serializable {
    private byte[] request;
    private byte[] response;
  }

  private final ConcurrentHashMap<String, Slot> byToken = new ConcurrentHashMap<>();

  /**
   * The first answer for this token: {@code run}'s, the first time.
   *
   * @param request the request in a form that is equal exactly when the requests are
   */
  public byte[] once(String action, String token, byte[] request, Supplier<byte[]> run) {
    if (token.length() > 64) {
      throw AwsException.invalidParameterValue(
          "The client token must be 64 ASCII characters or fewer.");
    }
    String key = action + "/" + token;
    Slot slot = byToken.computeIfAbsent(key, k -> new Slot());
    synchronized (slot) {
      if (slot.response == null) {
        try {
          slot.response = run.get();
          slot.request = request;
          return slot.response;
        } catch (RuntimeException e) {
          byToken.remove(key, slot); // a failed call does not consume the token
          throw e;
        }
      }
      if (!Arrays.equals(slot.request, request)) {
        throw new AwsException(
            "IdempotentParameterMismatch",
            "The client token "
                + token
                + " was already used with different parameters for "
                + action
                + ".");
      }
      return slot.response;
    }
  }
}
