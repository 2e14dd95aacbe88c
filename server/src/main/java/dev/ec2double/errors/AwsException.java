package dev.ec2double.errors;

/**
 * The one exception type services throw: it carries AWS's own error code, a message for humans and
 * the HTTP status AWS uses for it. The wire layer turns it into each protocol's error envelope.
 */
public class AwsException extends RuntimeException {
  private final String code;
  private final int status;

  public AwsException(String code, String message) {
    this(code, message, 400);
  }

  public AwsException(String code, String message, int status) {
    super(message, null, false, false);
    this.code = code;
    this.status = status;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public static AwsException invalidParameterValue(String message) {
    return new AwsException("InvalidParameterValue", message);
  }

  public static AwsException invalidParameterCombination(String message) {
    return new AwsException("InvalidParameterCombination", message);
  }

  public static AwsException missingParameter(String name) {
    return new AwsException(
        "MissingParameter", "The request must contain the parameter " + name + ".");
  }

  public static AwsException invalidFilter(String name) {
    return new AwsException("InvalidParameterValue", "The filter '" + name + "' is invalid");
  }
}
