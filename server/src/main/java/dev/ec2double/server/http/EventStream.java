package dev.ec2double.server.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A server-sent events answer ({@code text/event-stream}): open until {@link #close()} or until a
 * write finds the client gone. Writes block; callers serialise them (each method is synchronized).
 */
public final class EventStream {
  private final HttpExchange x;
  private final OutputStream out;
  private boolean ended;
  private Runnable onClose = () -> {};

  EventStream(HttpExchange x) throws IOException {
    this.x = x;
    x.getResponseHeaders().set("Content-Type", "text/event-stream;charset=utf-8");
    x.getResponseHeaders().set("Cache-Control", "no-cache");
    x.sendResponseHeaders(200, 0); // chunked, open until closed
    this.out = x.getResponseBody();
  }

  /** What runs once when the stream ends, whoever ends it. */
  public synchronized void onClose(Runnable action) {
    this.onClose = action;
  }

  /** Sends the first bytes now, so the client sees the stream open before the first event. */
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
      end(false);
      return false;
    }
  }

  /** Ends the answer: the client sees the stream close. */
  public void close() {
    end(true);
  }

  private void end(boolean clean) {
    Runnable action;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      action = onClose;
    }
    if (clean) {
      try {
        out.close(); // the last chunk
      } catch (IOException e) {
        // the client left meanwhile: nothing more to send
      }
    }
    x.close();
    action.run();
  }
}
