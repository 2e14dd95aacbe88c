package dev.ec2double.ec2.instances;

import java.util.function.Consumer;

/**
 * The instances' side of root volume replacement (ReplaceRootVolumeTask, answered by {@code
 * ec2.volumes}): a running instance's disk is replaced by a fresh one from an image, on the
 * instance's own step chain; it keeps its id, addresses and attached volumes.
 */
public final class RootReplacement {
  private final InstanceLifecycle lifecycle;

  public RootReplacement(InstanceLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /** The image reference the instance was launched from: its launch state. */
  public static String launchImage(InstanceRecord r) {
    return r.imageRef;
  }

  /** The image's architecture as the instance has it. */
  public static String architecture(InstanceRecord r) {
    return r.architecture;
  }

  /**
   * Replaces the disk after the instance's queued steps; {@code done} or {@code failed} runs when
   * it is over.
   */
  public void replace(
      InstanceRecord r, String imageRef, Runnable done, Consumer<RuntimeException> failed) {
    lifecycle.replaceDisk(r, imageRef, done, failed);
  }
}
