package dev.ec2double.ec2.transitgateways;

import dev.ec2double.errors.AwsException;

/** The enable/disable options of the transit gateway family. */
final class Switches {
  private Switches() {}

  static String check(String value, String name) {
    if (!value.equals("enable") && !value.equals("disable")) {
      throw AwsException.invalidParameterValue(
          "Value (" + value + ") for " + name + " is invalid. Use enable or disable.");
    }
    return value;
  }

  /** The value given, checked, or the default. */
  static String orDefault(String value, String otherwise, String name) {
    return value == null ? otherwise : check(value, name);
  }
}
