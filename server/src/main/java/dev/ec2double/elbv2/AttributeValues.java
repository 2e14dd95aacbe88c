package dev.ec2double.elbv2;

/** Checks of attribute values that load balancers, target groups and listeners share. */
public final class AttributeValues {
  private AttributeValues() {}

  /**
   * @param what how AWS's message names the attribute's owner ("Load balancer attribute")
   */
  public static void range(String what, String key, String value, int min, int max) {
    try {
      int v = Integer.parseInt(value);
      if (v >= min && v <= max) {
        return;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw Elbv2Errors.validation(
        what + " '" + key + "' must be a number from " + min + " to " + max);
  }

  public static void oneOf(String what, String key, String value, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value)) {
        return;
      }
    }
    throw Elbv2Errors.validation(
        what + " '" + key + "' must be one of " + String.join(", ", allowed));
  }
}
