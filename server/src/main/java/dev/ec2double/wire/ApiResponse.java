package dev.ec2double.wire;

/**
 * An answer ready for the wire: status, XML body, the request id it carries, and the AWS error code
 * when it is an error (null when it is not).
 */
public record ApiResponse(int status, byte[] body, String requestId, String errorCode) {
  public static final String CONTENT_TYPE = "text/xml;charset=UTF-8";

  public ApiResponse(int status, byte[] body, String requestId) {
    this(status, body, requestId, null);
  }
}
