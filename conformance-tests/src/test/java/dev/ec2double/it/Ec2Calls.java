package dev.ec2double.it;

import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;

/** What the record-style resource ITs share: a filter, and the error a call answers. */
public final class Ec2Calls {
  private Ec2Calls() {}

  public static Filter filter(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  /** "Code: message" of the error the call answers; fails the test when it succeeds. */
  public static String error(Runnable call) {
    try {
      call.run();
    } catch (Ec2Exception e) {
      return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }
    throw new AssertionError("the call succeeded");
  }
}
