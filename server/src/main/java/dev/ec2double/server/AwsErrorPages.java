package dev.ec2double.server;

import dev.ec2double.wire.ApiHandler;
import dev.ec2double.wire.ApiResponse;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers itself, before any route runs (a URI or headers too long to parse, a malformed
 * request line), written as an AWS error envelope instead of Jetty's HTML page.
 */
final class AwsErrorPages extends ErrorHandler {
  /** The API handler, read at the time of the error: the server assembles it while it starts. */
  private final java.util.function.Supplier<ApiHandler> api;

  AwsErrorPages(java.util.function.Supplier<ApiHandler> api) {
    this.api = api;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Object status = request.getAttribute(ERROR_STATUS);
    Object message = request.getAttribute(ERROR_MESSAGE);
    ApiResponse r =
        api.get()
            .httpError(
                status instanceof Integer i ? i : response.getStatus(),
                message == null ? null : message.toString());
    response.setStatus(r.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, ApiResponse.CONTENT_TYPE);
    response.getHeaders().put("x-amzn-RequestId", r.requestId());
    response.write(true, ByteBuffer.wrap(r.body()), callback);
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    ApiResponse r = api.get().httpError(status, reason);
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, ApiResponse.CONTENT_TYPE));
    fields.put("x-amzn-RequestId", r.requestId());
    return ByteBuffer.wrap(r.body());
  }
}
