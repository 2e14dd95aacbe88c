package dev.ec2double.wire;

import dev.ec2double.errors.AwsException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The request members AWS requires, by operation, as named on the wire. The AWS SDK for Java's
 * models do not say which members are required, so the list is generated from botocore's service
 * models by {@code server/tools/required-members.py}. A missing one is AWS's MissingParameter,
 * checked before any operation runs (Auto Scaling's ValidationError for Auto Scaling).
 */
final class RequiredMembers {
  private static final String RESOURCE = "required-members.txt";
  private static final Map<String, List<String>> BY_OPERATION = load();

  private RequiredMembers() {}

  /** Throws MissingParameter naming the first required member the request lacks. */
  static void check(Protocol protocol, SdkPojo request) {
    String operation = request.getClass().getSimpleName().replaceFirst("Request$", "");
    List<String> required = BY_OPERATION.get(key(protocol, operation));
    if (required == null) {
      return;
    }
    for (String name : required) {
      for (SdkField<?> field : request.sdkFields()) {
        if (field.locationName().equals(name)) {
          Object value = field.getValueOrDefault(request);
          if (value == null || (value instanceof List<?> list && list.isEmpty())) {
            throw missing(protocol, name);
          }
        }
      }
    }
  }

  /**
   * EC2 and ELBv2 answer MissingParameter; Auto Scaling answers a member it lacks with its
   * validation framework's ValidationError, naming the member as its model does (lower camel case).
   */
  private static AwsException missing(Protocol protocol, String name) {
    if (protocol != Protocol.AUTOSCALING) {
      return AwsException.missingParameter(name);
    }
    return new AwsException(
        "ValidationError",
        "1 validation error detected: Value null at '"
            + Character.toLowerCase(name.charAt(0))
            + name.substring(1)
            + "' failed to satisfy constraint: Member must not be null");
  }

  private static String key(Protocol protocol, String operation) {
    return protocol + ":" + operation.toLowerCase(Locale.ROOT);
  }

  private static Map<String, List<String>> load() {
    Map<String, List<String>> out = new HashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                RequiredMembers.class.getResourceAsStream(RESOURCE), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.trim().split(" ");
        out.put(key(Protocol.valueOf(parts[0]), parts[1]), List.of(parts).subList(2, parts.length));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
