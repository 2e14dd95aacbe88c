package dev.ec2double.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * A server-sent events answer ({@code text/event-stream}): open until {@link #close()} or until a
 * write finds the client gone. Writes block; callers serialise them (each method is synchronized).
 */
public final class EventStream {
  private final Response response;
  private final Callback callback;
  private final OutputStream out;
  private boolean ended;
  private Runnable onClose = () -> {};

  EventStream(Request request, Response response, Callback callback) {
    this.response = response;
    this.callback = callback;
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream;charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    this.out = Content.Sink.asOutputStream(response);
    // an idle stream is not a stalled request: the heartbeat shows whether the client is there
    request.addIdleTimeoutListener(timeout -> false);
    request.addFailureListener(failure -> end(failure));
  }

  /** What runs once when the stream ends, whoever ends it. */
  public synchronized void onClose(Runnable action) {
    this.onClose = action;
  }

  /** Sends the headers now, so the client sees the stream open before the first event. */
  public synchronized void open() {
    write(": open\n\n");
  }

  /** One event; false when the stream has ended (now or before). */
  public synchronized boolean send(String event, String data) {
    StringBuilder b = new StringBuilder("event: ").append(event).append('\n');
    for (String line : data.split("\n", -1)) {
      b.append("data: ").append(line).append('\n');
    }
    return write(b.append('\n').toString());
  }

  /** A comment line: keeps the connection from idling out and finds clients that left. */
  public synchronized boolean heartbeat() {
    return write(":\n\n");
  }

  public synchronized boolean ended() {
    return ended;
  }

  private boolean write(String text) {
    if (ended) {
      return false;
    }
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return true;
    } catch (IOException | RuntimeException e) {
      end(e);
      return false;
    }
  }

  /** Ends the answer: the client sees the stream close. */
  public void close() {
    end(null);
  }

  private void end(Throwable failure) {
    Runnable action;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      action = onClose;
    }
    if (failure == null) {
      response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    } else {
      callback.failed(failure);
    }
    action.run();
  }
}
