package dev.ec2double.autoscaling;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.autoscaling.model.InstanceCollection;
import software.amazon.awssdk.services.autoscaling.model.LaunchInstancesError;
import software.amazon.awssdk.services.autoscaling.model.LaunchInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.LaunchInstancesResponse;

/**
 * LaunchInstances' idempotency: a call that repeats a client token with the same parameters gets
 * the first call's answer and launches nothing; with other parameters it is refused with {@code
 * IdempotentParameterMismatch}, as Auto Scaling refuses it. The SDKs fill the token themselves when
 * the caller gives none, so every call from an SDK is covered.
 */
final class LaunchTokens {
  /** How many tokens a store remembers (the oldest is forgotten first). */
  static final int KEPT = 1000;

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-_/]{1,64}");

  /** One token's first call: its parameters and its answer. */
  record Use(
      List<String> asked, List<InstanceCollection> launched, List<LaunchInstancesError> errors)
      implements java.io.Serializable {}

  private LaunchTokens() {}

  /** The answer to replay for this request's token, or null when the token is new (or absent). */
  static LaunchInstancesResponse replay(Map<String, Use> tokens, LaunchInstancesRequest req) {
    String token = req.clientToken();
    if (token == null) {
      return null;
    }
    if (!TOKEN.matcher(token).matches()) {
      throw AutoScalingErrors.validation(
          "ClientToken must be 1 to 64 characters of letters, digits, '-', '_' and '/'.");
    }
    Use use = tokens.get(token);
    if (use == null) {
      return null;
    }
    if (!use.asked().equals(asked(req))) {
      throw AutoScalingErrors.idempotentMismatch(
          "The parameters of this request do not match those of the earlier request with the"
              + " client token "
              + token
              + ".");
    }
    return LaunchInstancesResponse.builder()
        .autoScalingGroupName(req.autoScalingGroupName())
        .clientToken(token)
        .instances(use.launched())
        .errors(use.errors())
        .build();
  }

  /** Remembers a token's first answer, forgetting the oldest past {@link #KEPT}. */
  static void remember(
      Map<String, Use> tokens, LaunchInstancesRequest req, LaunchInstancesResponse answer) {
    if (req.clientToken() == null) {
      return;
    }
    tokens.put(
        req.clientToken(),
        new Use(asked(req), List.copyOf(answer.instances()), List.copyOf(answer.errors())));
    Iterator<String> oldest = tokens.keySet().iterator();
    while (tokens.size() > KEPT) {
      oldest.next();
      oldest.remove();
    }
  }

  private static List<String> asked(LaunchInstancesRequest req) {
    return List.of(
        String.valueOf(req.autoScalingGroupName()),
        String.valueOf(req.requestedCapacity()),
        String.valueOf(req.subnetIds()),
        String.valueOf(req.availabilityZones()),
        String.valueOf(req.availabilityZoneIds()),
        String.valueOf(req.retryStrategyAsString()));
  }
}
