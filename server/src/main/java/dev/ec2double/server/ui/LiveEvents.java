package dev.ec2double.server.ui;

import dev.ec2double.core.Changes;
import dev.ec2double.server.http.EventStream;
import dev.ec2double.server.requests.RequestLog;
import dev.ec2double.server.requests.RequestLog.LoggedCall;
import dev.ec2double.server.requests.RequestsControl;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The dashboard's live feed ({@code /_ec2double/ui/events}, server-sent events): {@code state} when
 * anything changed (checked a few times a second, only while someone watches), {@code request} with
 * each API call as the request log keeps it.
 */
final class LiveEvents implements AutoCloseable {
  static final long TICK_MILLIS = 250;

  private final RequestLog log;
  private final Set<EventStream> clients = ConcurrentHashMap.newKeySet();
  private final Consumer<LoggedCall> onCall = this::called;
  private volatile ScheduledExecutorService ticker;
  private long seen = -1;
  private long ticks;

  /** A comment line every 10 s while nothing happens. */
  private static final long HEARTBEAT_TICKS = 10_000 / TICK_MILLIS;

  LiveEvents(RequestLog log) {
    this.log = log;
  }

  void join(EventStream client) {
    client.onClose(() -> leave(client));
    client.open();
    synchronized (this) {
      if (clients.isEmpty()) {
        log.onCall(onCall);
        seen = Changes.count();
        ticker =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "ec2double-ui-events");
                  t.setDaemon(true);
                  return t;
                });
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
      }
      clients.add(client);
    }
    if (!client.send("hello", "{\"changes\":" + Changes.count() + "}")) {
      leave(client); // it ended before it was added: its onClose found nothing to remove
    }
  }

  private synchronized void leave(EventStream client) {
    if (clients.remove(client) && clients.isEmpty()) {
      log.removeListener(onCall);
      ticker.shutdownNow();
      ticker = null;
    }
  }

  private void tick() {
    long now = Changes.count();
    if (now != seen) {
      seen = now;
      broadcast("state", "{\"changes\":" + now + "}");
    }
    if (++ticks % HEARTBEAT_TICKS == 0) {
      for (EventStream c : clients) {
        c.heartbeat(); // a client that left is found here, and the connection never idles out
      }
    }
  }

  /** On the feed's own thread: a slow watcher never slows an API call down. */
  private void called(LoggedCall call) {
    ScheduledExecutorService t = ticker;
    if (t == null) {
      return;
    }
    try {
      t.execute(() -> broadcast("request", RequestsControl.summary(call).toString()));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the last watcher just left
    }
  }

  private void broadcast(String event, String data) {
    for (EventStream c : clients) {
      c.send(event, data);
    }
  }

  @Override
  public void close() {
    for (EventStream c : clients) {
      c.close();
    }
  }
}
