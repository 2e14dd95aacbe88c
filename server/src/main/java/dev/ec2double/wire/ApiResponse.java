package dev.ec2double.wire;

/** An answer ready for the wire: status, XML body, and the request id it carries. */
public record ApiResponse(int status, byte[] body, String requestId) {
  public static final String CONTENT_TYPE = "text/xml;charset=UTF-8";
}
