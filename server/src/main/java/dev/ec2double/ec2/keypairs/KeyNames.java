package dev.ec2double.ec2.keypairs;

import dev.ec2double.errors.AwsException;

/**
 * EC2's rule for key pair names: up to 255 ASCII characters, no leading or trailing spaces
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/create-key-pairs.html).
 */
final class KeyNames {
  static final int MAX_LENGTH = 255;

  private KeyNames() {}

  static void check(String name) {
    if (name == null || name.isEmpty()) {
      throw AwsException.missingParameter("KeyName");
    }
    if (name.length() > MAX_LENGTH) {
      throw invalid(name, "Length exceeds maximum of " + MAX_LENGTH + " characters.");
    }
    if (!name.chars().allMatch(c -> c < 128)) {
      throw invalid(name, "Character sets beyond ASCII are not supported.");
    }
    if (!name.strip().equals(name)) {
      throw invalid(name, "Leading and trailing spaces are not allowed.");
    }
  }

  private static AwsException invalid(String name, String why) {
    String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
    return AwsException.invalidParameterValue(
        "Value (" + shown + ") for parameter keyName is invalid. " + why);
  }
}
