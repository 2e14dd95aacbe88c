package dev.ec2double.ec2.imports;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends tasks on time: when a task's stages are over, what it makes is made, once, under its store's
 * lock. A timer does it at the task's end; every read does it first as well, so a task whose timer
 * was lost (a restart with {@code --state-dir}) ends when it is next read.
 */
final class Completions {
  private static final Logger LOG = LoggerFactory.getLogger(Completions.class);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ec2double-imports");
            t.setDaemon(true);
            return t;
          });
  private final Supplier<Collection<RegionState>> states;
  private final Results results;

  Completions(Supplier<Collection<RegionState>> states, Results results) {
    this.states = states;
    this.results = results;
  }

  /** Every account's state in every region. */
  Collection<RegionState> states() {
    return states.get();
  }

  Results results() {
    return results;
  }

  /** Ends the task when its stages are over. */
  void schedule(RegionState state, Task t) {
    long delay = Duration.between(Instant.now(), t.stages.doneAt(t.created)).toMillis() + 20;
    timer.schedule(() -> settle(state), Math.max(0, delay), TimeUnit.MILLISECONDS);
  }

  /**
   * Cancels an active task of the kind, once the tasks due have ended (a task whose stages are over
   * is finished, not cancelled): AWS's not-found and IncorrectState errors otherwise.
   */
  void cancel(
      ResourceKind<? extends Task, ?> kind,
      RequestContext ctx,
      String id,
      String reason,
      String noun) {
    settle(ctx.state());
    kind.modify(
        ctx,
        id,
        t -> {
          t.cancel(Instant.now(), reason, noun);
          return null;
        });
    ctx.state().changed();
  }

  /** Ends every task of the region whose stages are over. */
  void settle(RegionState state) {
    if (!states.get().contains(state)) {
      return; // the server was reset since: its tasks are gone
    }
    ImportStore store = ImportStore.of(state);
    boolean changed = false;
    synchronized (store) {
      Instant now = Instant.now();
      List<Task> due = store.all().stream().filter(t -> t.due(now)).toList();
      for (Task t : due) {
        try {
          t.finish(results, context(state));
          t.finished = true;
        } catch (RuntimeException e) {
          LOG.warn("task {} failed", t.id, e);
          t.failure = e.getMessage();
        }
        changed = true;
      }
    }
    if (changed) {
      state.changed();
    }
  }

  private static RequestContext context(RegionState state) {
    return new RequestContext(
        state.account(), state.region(), null, "VmImport", UUID.randomUUID().toString(), state);
  }
}
