package dev.ec2double.persist;

import dev.ec2double.core.StateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ConcurrentModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the state in the background after it changes: at most one write per {@link #INTERVAL_MS},
 * so a burst of calls costs one write, and the saved state is at most that interval (plus one
 * write) behind. A write that fails (a full disk, a directory gone) is logged and tried again every
 * {@link #RETRY_MS} until it succeeds, changes or not; {@link #close()} writes what is left.
 */
public final class StateWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StateWriter.class);
  static final long INTERVAL_MS = 100;
  static final long RETRY_MS = 1000;

  private final Path dir;
  private final StateStore store;
  private final Thread thread;
  private boolean dirty;
  private boolean closed;
  private long lastWriteNanos = System.nanoTime() - INTERVAL_MS * 1_000_000;
  private long writes;
  private long lastBytes;
  private long writeNanos;

  /** Why the last write failed, or null when it did not. */
  private String failure;

  public StateWriter(Path dir, StateStore store) {
    this.dir = dir;
    this.store = store;
    this.thread = new Thread(this::run, "ec2double-state-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** The state changed: it is saved within the interval. */
  public void changed() {
    synchronized (this) {
      if (!dirty) {
        dirty = true;
        notifyAll();
      }
    }
  }

  private void run() {
    try {
      while (true) {
        synchronized (this) {
          while (!dirty && !closed) {
            wait();
          }
          if (closed) {
            return; // close() writes the rest itself
          }
          long due = lastWriteNanos + INTERVAL_MS * 1_000_000 - System.nanoTime();
          if (due > 0) {
            wait(Math.max(1, due / 1_000_000));
            continue; // re-check: closed meanwhile?
          }
          dirty = false;
          lastWriteNanos = System.nanoTime();
        }
        save();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes the state now; a change under way while it is read makes it try again. */
  private void save() {
    for (int attempt = 1; ; attempt++) {
      try {
        long t0 = System.nanoTime();
        byte[] data = StateFile.encode(store);
        synchronized (dir) {
          StateFile.write(dir, data);
        }
        synchronized (this) {
          writes++;
          lastBytes = data.length;
          writeNanos += System.nanoTime() - t0;
          if (failure != null) {
            LOG.info("the state is saved to {} again", dir);
            failure = null;
          }
        }
        return;
      } catch (ConcurrentModificationException e) {
        if (attempt == 20) {
          LOG.warn("the state kept changing while it was saved; saving later");
          changed();
          return;
        }
        Thread.onSpinWait();
      } catch (IOException | RuntimeException e) {
        failed(e.toString());
        return;
      }
    }
  }

  /** Logs a failure once (not on every retry) and has the write tried again later. */
  private synchronized void failed(String why) {
    if (!why.equals(failure)) {
      LOG.error("cannot save the state to {}: {}; trying again every {} ms", dir, why, RETRY_MS);
    }
    failure = why;
    dirty = true;
    lastWriteNanos = System.nanoTime() + (RETRY_MS - INTERVAL_MS) * 1_000_000;
    notifyAll();
  }

  /** How many times the state was written, the size of the last write, the time all took. */
  public synchronized long[] stats() {
    return new long[] {writes, lastBytes, writeNanos};
  }

  /** Stops the background writer and saves the state one last time. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    save();
    long[] st = stats();
    LOG.info(
        "state saved {} times, {} KiB the last time, {} ms each on average",
        st[0],
        st[1] / 1024,
        st[0] == 0 ? 0 : st[2] / st[0] / 1_000_000.0);
  }
}
