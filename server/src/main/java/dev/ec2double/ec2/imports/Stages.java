package dev.ec2double.ec2.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A task's life on the server's clock: its stages (AWS's status messages and progress), each
 * lasting {@link #STEP}, after which the task is done. Nothing runs in between: where a task stands
 * is read from the time it was made.
 */
record Stages(List<Stage> stages) implements java.io.Serializable {
  /** How long each stage lasts. */
  static final Duration STEP = Duration.ofMillis(400);

  record Stage(String message, String progress) implements java.io.Serializable {}

  static Stages of(String... messageThenProgress) {
    Stage[] out = new Stage[messageThenProgress.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Stage(messageThenProgress[2 * i], messageThenProgress[2 * i + 1]);
    }
    return new Stages(List.of(out));
  }

  /** The stage a task made at {@code created} is in at {@code now}, or null once it is done. */
  Stage at(Instant created, Instant now) {
    long i = Duration.between(created, now).toMillis() / STEP.toMillis();
    return i >= stages.size() ? null : stages.get((int) Math.max(0, i));
  }

  /** When a task made at {@code created} is done. */
  Instant doneAt(Instant created) {
    return created.plus(STEP.multipliedBy(stages.size()));
  }
}
