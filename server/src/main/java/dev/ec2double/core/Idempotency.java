package dev.ec2double.core;

import dev.ec2double.wire.AwsException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;

/**
 * ClientToken idempotency for any action that takes one: the same token with the same request
 * returns the first answer; with a different request it is AWS's IdempotentParameterMismatch
 * (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-idempotency.html).
 */
public final class Idempotency implements java.io.Serializable {
  private static final class Slot {
    private Object request;
    private SdkPojo response;
  }

  /**
   * Not saved with {@code --state-dir}: the SDK's request classes are not serializable, so a
   * restarted server has forgotten the tokens (docs/persistence.md says so).
   */
  private final transient ConcurrentHashMap<String, Slot> byToken = new ConcurrentHashMap<>();

  private Object readResolve() {
    return new Idempotency();
  }

  public SdkPojo once(String action, String token, Object request, Supplier<SdkPojo> run) {
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
      if (!slot.request.equals(request)) {
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
