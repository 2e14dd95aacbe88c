package dev.ec2double.core;

import java.util.concurrent.Executor;

/**
 * Runs a feature's background steps (an instance booting, a volume filling) on its executor and
 * says after each one that the state changed, so the state file's writer ({@code --state-dir})
 * follows.
 */
public final class StepExecutor implements Executor {
  private final Executor executor;
  private volatile Runnable changed = () -> {};

  public StepExecutor(Executor executor) {
    this.executor = executor;
  }

  /** Told after every step (the state changed): the state file's writer. */
  public void onChange(Runnable listener) {
    this.changed = listener;
  }

  /** Says that the state changed outside a step (an engine event). */
  public void changed() {
    Changes.happened();
    changed.run();
  }

  @Override
  public void execute(Runnable step) {
    executor.execute(
        () -> {
          try {
            step.run();
          } finally {
            changed();
          }
        });
  }
}
