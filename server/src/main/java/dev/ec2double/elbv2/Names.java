package dev.ec2double.elbv2;

import java.util.regex.Pattern;

/** Load balancer and target group names: 1 to 32 letters, digits and hyphens, no edge hyphen. */
public final class Names {
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");

  private Names() {}

  public static void check(String kind, String name) {
    if (name == null || name.isEmpty()) {
      throw Elbv2Errors.validation("A " + kind + " name must be specified");
    }
    if (name.length() > 32) {
      throw Elbv2Errors.validation(
          "The " + kind + " name '" + name + "' cannot be longer than '32' characters");
    }
    if (!NAME.matcher(name).matches()) {
      throw Elbv2Errors.validation(
          "The "
              + kind
              + " name '"
              + name
              + "' can only contain characters that are alphanumeric characters and hyphens(-),"
              + " and must not begin or end with a hyphen");
    }
  }
}
