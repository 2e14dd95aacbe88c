package dev.ec2double.server.requests;

import dev.ec2double.wire.ApiResponse;
import dev.ec2double.wire.CallLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The API calls the server answered, newest kept: at most {@code capacity} calls and {@link
 * #MAX_BYTES} of their bodies, the oldest going first. Each call gets a sequence number that only
 * grows (also across {@link #clear()}), so a reader can ask for what came after the last it saw.
 * The answers' bodies are copied into one {@link BodyRing}: a kept call holds no array of its own.
 */
public final class RequestLog implements CallLog {
  /** The bodies kept, at most; a long run of large DescribeInstances answers stays bounded. */
  public static final long MAX_BYTES = 8L * 1024 * 1024;

  private final int capacity;
  private final ArrayDeque<LoggedCall> calls = new ArrayDeque<>();
  private final List<Consumer<LoggedCall>> listeners = new CopyOnWriteArrayList<>();
  private final BodyRing bodies = new BodyRing(64 * 1024, (int) MAX_BYTES);
  private long bytes;
  private long next = 1;

  public RequestLog(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public void called(Call call) {
    if (capacity == 0) {
      return;
    }
    LoggedCall logged;
    ApiResponse r = call.response();
    byte[] body = r.body();
    // the record keeps the answer's status and codes; its body lives in the ring
    Call kept =
        new Call(
            call.service(),
            call.action(),
            call.accessKey(),
            call.account(),
            call.region(),
            call.startedMillis(),
            call.nanos(),
            call.query(),
            call.form(),
            new ApiResponse(r.status(), NO_BODY, r.requestId(), r.errorCode()));
    synchronized (this) {
      long start = body.length > bodies.max() ? -1 : bodies.write(body, keptFrom());
      logged = new LoggedCall(next++, kept, this, start, start < 0 ? 0 : body.length);
      calls.addLast(logged);
      bytes += logged.bytes();
      while (calls.size() > capacity
          || (bytes > MAX_BYTES && calls.size() > 1)
          || overwritten(calls.getFirst()) && calls.size() > 1) {
        bytes -= calls.removeFirst().bytes();
      }
    }
    for (Consumer<LoggedCall> l : listeners) {
      l.accept(logged);
    }
  }

  private static final byte[] NO_BODY = new byte[0];

  /** Where the oldest kept body starts in the ring (where it may not write over). */
  private long keptFrom() {
    for (LoggedCall c : calls) {
      if (c.bodyStart >= 0) {
        return c.bodyStart;
      }
    }
    return Long.MAX_VALUE;
  }

  private boolean overwritten(LoggedCall c) {
    return c.bodyStart >= 0 && c.bodyStart < bodies.oldestReadable();
  }

  private synchronized byte[] body(LoggedCall c) {
    byte[] b = c.bodyStart < 0 ? null : bodies.read(c.bodyStart, c.bodyLength);
    return b == null ? NO_BODY : b;
  }

  /**
   * The calls that match, newest first, with a sequence number above {@code after}, at most {@code
   * limit} of them.
   */
  public synchronized List<LoggedCall> find(Predicate<LoggedCall> matches, long after, int limit) {
    List<LoggedCall> found = new ArrayList<>();
    Iterator<LoggedCall> newestFirst = calls.descendingIterator();
    while (newestFirst.hasNext() && found.size() < limit) {
      LoggedCall c = newestFirst.next();
      if (c.seq() <= after) {
        break;
      }
      if (matches.test(c)) {
        found.add(c);
      }
    }
    return found;
  }

  /** The call with this sequence number, while it is kept. */
  public synchronized Optional<LoggedCall> get(long seq) {
    for (Iterator<LoggedCall> it = calls.descendingIterator(); it.hasNext(); ) {
      LoggedCall c = it.next();
      if (c.seq() == seq) {
        return Optional.of(c);
      }
      if (c.seq() < seq) {
        break;
      }
    }
    return Optional.empty();
  }

  /** The sequence number the next call will get. */
  public synchronized long nextSeq() {
    return next;
  }

  public synchronized void clear() {
    calls.clear();
    bytes = 0;
    bodies.clear();
  }

  /** Told of each call as it is kept (on the request's thread: be quick). */
  public void onCall(Consumer<LoggedCall> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<LoggedCall> listener) {
    listeners.remove(listener);
  }

  /** One call and its place in the log. */
  public static final class LoggedCall {
    private final long seq;
    private final Call call;
    private final RequestLog log;
    private final long bodyStart;
    private final int bodyLength;

    private LoggedCall(long seq, Call call, RequestLog log, long bodyStart, int bodyLength) {
      this.seq = seq;
      this.call = call;
      this.log = log;
      this.bodyStart = bodyStart;
      this.bodyLength = bodyLength;
    }

    public long seq() {
      return seq;
    }

    /** The call as logged: its response carries the status and codes, not the body. */
    public Call call() {
      return call;
    }

    /** The answer's body (empty when it was larger than the log keeps). */
    public byte[] responseBody() {
      return log.body(this);
    }

    long bytes() {
      long b = 256 + bodyLength;
      if (call.query() != null) {
        b += 2L * call.query().length();
      }
      if (call.form() != null) {
        b += 2L * call.form().length();
      }
      return b;
    }

    /** The AWS error code the call was answered with, or null when it succeeded. */
    public String errorCode() {
      return call.response().errorCode();
    }
  }
}
