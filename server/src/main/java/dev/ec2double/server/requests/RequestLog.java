package dev.ec2double.server.requests;

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
 * Bodies are kept as the handler made them (no copy): keeping a call costs a small record.
 */
public final class RequestLog implements CallLog {
  /** The bodies kept, at most; a long run of large DescribeInstances answers stays bounded. */
  public static final long MAX_BYTES = 8L * 1024 * 1024;

  private final int capacity;
  private final ArrayDeque<LoggedCall> calls = new ArrayDeque<>();
  private final List<Consumer<LoggedCall>> listeners = new CopyOnWriteArrayList<>();
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
    synchronized (this) {
      logged = new LoggedCall(next++, call);
      calls.addLast(logged);
      bytes += logged.bytes();
      while (calls.size() > capacity || (bytes > MAX_BYTES && calls.size() > 1)) {
        bytes -= calls.removeFirst().bytes();
      }
    }
    for (Consumer<LoggedCall> l : listeners) {
      l.accept(logged);
    }
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
  }

  /** Told of each call as it is kept (on the request's thread: be quick). */
  public void onCall(Consumer<LoggedCall> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<LoggedCall> listener) {
    listeners.remove(listener);
  }

  /** One call and its place in the log. */
  public record LoggedCall(long seq, Call call) {
    long bytes() {
      long b = 256;
      if (call.query() != null) {
        b += 2L * call.query().length();
      }
      if (call.form() != null) {
        b += 2L * call.form().length();
      }
      return b + call.response().body().length;
    }

    /** The AWS error code the call was answered with, or null when it succeeded. */
    public String errorCode() {
      return call.response().errorCode();
    }
  }
}
