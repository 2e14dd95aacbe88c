package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.ec2double.compute.Labels;
import dev.ec2double.compute.MachineExitListener;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's stream of this server's container deaths and removals. When the stream breaks (the
 * engine went away, restarted, or the connection to it dropped) it connects again, with a growing
 * pause, asks for the events it missed since the break, and tells the listener that the engine is
 * back so it can compare what it believes with what the engine has.
 */
final class EngineEvents implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineEvents.class);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

  private final DockerClient streams;
  private final String serverId;
  private final String engine;
  private final MachineExitListener sink;
  private volatile boolean closed;
  private volatile Closeable subscription;
  private volatile boolean broken;
  private long lostAtSeconds;
  private Thread reconnecting;

  /**
   * @param streams a client without a response timeout: the stream is quiet while nothing dies
   */
  EngineEvents(DockerClient streams, String serverId, String engine, MachineExitListener sink) {
    this.streams = streams;
    this.serverId = serverId;
    this.engine = engine;
    this.sink = sink;
  }

  void start() {
    subscription = subscribe(null);
  }

  private Closeable subscribe(Long sinceSeconds) {
    var cmd =
        streams
            .eventsCmd()
            .withEventTypeFilter(EventType.CONTAINER)
            .withEventFilter("die", "destroy")
            .withLabelFilter(Map.of(Labels.SERVER, serverId));
    if (sinceSeconds != null) {
      cmd.withSince(Long.toString(sinceSeconds));
    }
    return cmd.exec(
        new ResultCallback.Adapter<Event>() {
          @Override
          public void onNext(Event event) {
            deliver(event);
          }

          @Override
          public void onError(Throwable t) {
            lost(t.getMessage());
          }

          @Override
          public void onComplete() {
            lost("the engine closed the stream");
          }
        });
  }

  private void deliver(Event event) {
    try {
      if ("destroy".equals(event.getAction()) || "destroy".equals(event.getStatus())) {
        sink.removed(event.getId());
        return;
      }
      int code = -1;
      if (event.getActor() != null && event.getActor().getAttributes() != null) {
        String c = event.getActor().getAttributes().get("exitCode");
        code = c == null ? -1 : Integer.parseInt(c);
      }
      sink.exited(event.getId(), code);
    } catch (RuntimeException e) {
      LOG.warn("an engine event for {} was not handled: {}", event.getId(), e.toString());
    }
  }

  private synchronized void lost(String why) {
    if (closed || broken) {
      return;
    }
    broken = true;
    lostAtSeconds = System.currentTimeMillis() / 1000;
    LOG.warn("lost the Docker engine's event stream at {} ({}); reconnecting", engine, why);
    if (reconnecting == null) {
      reconnecting = new Thread(this::reconnect, "ec2double-engine-events");
      reconnecting.setDaemon(true);
      reconnecting.start();
    }
  }

  private void reconnect() {
    Duration pause = FIRST_PAUSE;
    while (true) {
      long since;
      synchronized (this) {
        if (closed || !broken) {
          reconnecting = null;
          return;
        }
        since = lostAtSeconds;
      }
      try {
        Thread.sleep(pause.toMillis());
        streams.pingCmd().exec();
        synchronized (this) {
          broken = false; // a failure of the new stream from here on breaks it again
        }
        Closeable next = subscribe(since); // what happened while the stream was broken
        synchronized (this) {
          if (closed) {
            closeQuietly(next);
            reconnecting = null;
            return;
          }
          subscription = next;
        }
        LOG.info("the Docker engine at {} answers again", engine);
        sink.engineBack();
        pause = FIRST_PAUSE;
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        synchronized (this) {
          broken = true;
        }
        LOG.debug("the Docker engine at {} does not answer yet: {}", engine, e.getMessage());
        Duration longer = pause.multipliedBy(2);
        pause = longer.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : longer;
      }
    }
  }

  /** Whether the stream is broken now (the engine was not heard since it broke). */
  boolean broken() {
    return broken;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (reconnecting != null) {
      reconnecting.interrupt();
    }
    closeQuietly(subscription);
  }

  private static void closeQuietly(Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException | RuntimeException ignored) {
      // closing: nothing to do about it
    }
  }
}
