package dev.ec2double.ec2.volumes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.ec2.model.VolumeModification;

/**
 * One EBS volume. Mutable fields are guarded by the record's lock; work on its storage (create,
 * attach, detach, copy, delete) runs one step at a time, in order, on its task chain.
 */
public final class VolumeRecord implements java.io.Serializable {
  final String id;
  final String zone;
  final Instant createTime;
  final String snapshotId;

  /** The instance's own disk (its container's filesystem): listed, never stored apart. */
  final boolean root;

  int size;
  String type;
  Integer iops;
  Integer throughput;
  String state = "creating";
  boolean ioEnabled = true;

  /** ModifyVolumeAttribute autoEnableIO: recorded (I/O is never suspended here). */
  boolean autoEnableIO;

  /** CreateVolume MultiAttachEnabled (io1, io2): attached to several instances at once. */
  boolean multiAttach;

  /** Encrypted with this KMS key (recorded: the files are not encrypted), or not encrypted. */
  boolean encrypted;

  String kmsKeyId;

  /** Its attachments, oldest first: at most one unless {@link #multiAttach}. */
  final List<Attachment> attachments = new ArrayList<>();

  /** One attachment to an instance. Guarded by the volume's lock. */
  static final class Attachment implements java.io.Serializable {
    final String instanceId;
    final String machineName;
    final String device;
    final Instant time;
    String state = "attaching";
    boolean deleteOnTermination;

    Attachment(String instanceId, String machineName, String device, boolean dot) {
      this.instanceId = instanceId;
      this.machineName = machineName;
      this.device = device;
      this.time = Instant.now();
      this.deleteOnTermination = dot;
    }
  }

  final List<VolumeModification> modifications = new ArrayList<>();

  /** Not saved: a restarted server starts with no step under way. */
  private transient CompletableFuture<Void> chain;

  VolumeRecord(String id, String zone, Instant createTime, String snapshotId, boolean root) {
    this.id = id;
    this.zone = zone;
    this.createTime = createTime;
    this.snapshotId = snapshotId;
    this.root = root;
  }

  public String id() {
    return id;
  }

  public synchronized int size() {
    return size;
  }

  public boolean root() {
    return root;
  }

  synchronized VolumeTypes.Shape shape() {
    return new VolumeTypes.Shape(type, size, iops, throughput);
  }

  public synchronized String state() {
    return state;
  }

  /** The engine's name of its storage; null for a root volume, which has none of its own. */
  public String storageName() {
    return root ? null : "ec2double-" + id;
  }

  /** Runs a step on this volume's storage after the steps queued before it. */
  synchronized CompletableFuture<Void> then(Runnable step, Executor executor) {
    CompletableFuture<Void> before =
        chain == null ? CompletableFuture.completedFuture(null) : chain;
    chain = before.handle((v, e) -> null).thenRunAsync(step, executor);
    return chain;
  }

  /** Waits for every step queued so far. */
  void settle() {
    CompletableFuture<Void> c;
    synchronized (this) {
      c = chain;
    }
    if (c == null) {
      return;
    }
    c.handle((v, e) -> null).join();
  }

  synchronized Attachment attached(String instance, String machine, String dev, boolean dot) {
    Attachment a = new Attachment(instance, machine, dev, dot);
    attachments.add(a);
    state = "in-use";
    return a;
  }

  /** Its attachment to the instance, or null. */
  synchronized Attachment attachment(String instanceId) {
    for (Attachment a : attachments) {
      if (a.instanceId.equals(instanceId)) {
        return a;
      }
    }
    return null;
  }

  /** Whether it is attached to any instance. */
  synchronized boolean inUse() {
    return !attachments.isEmpty();
  }

  /** The instances it is attached to, oldest attachment first. */
  synchronized List<String> instanceIds() {
    return attachments.stream().map(a -> a.instanceId).toList();
  }

  synchronized void detached(Attachment a) {
    attachments.remove(a);
    if (attachments.isEmpty() && state.equals("in-use")) {
      state = "available";
    }
  }

  /** Saved under the lock that guards these fields, so the saved copy is consistent. */
  private synchronized void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    out.defaultWriteObject();
  }
}
