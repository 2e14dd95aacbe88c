package dev.ec2double.ec2.volumes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** The volumes and snapshots of one account in one region. */
public final class EbsStore implements java.io.Serializable {
  final ConcurrentHashMap<String, VolumeRecord> volumes = new ConcurrentHashMap<>();
  final ConcurrentHashMap<String, SnapshotRecord> snapshots = new ConcurrentHashMap<>();
  final ConcurrentHashMap<String, RootVolumeTask> rootTasks = new ConcurrentHashMap<>();

  public List<VolumeRecord> volumes() {
    List<VolumeRecord> out = new ArrayList<>(volumes.values());
    out.sort(Comparator.comparing((VolumeRecord v) -> v.createTime).thenComparing(v -> v.id));
    return out;
  }

  public List<SnapshotRecord> snapshots() {
    List<SnapshotRecord> out = new ArrayList<>(snapshots.values());
    out.sort(Comparator.comparing((SnapshotRecord s) -> s.startTime).thenComparing(s -> s.id));
    return out;
  }

  public void put(SnapshotRecord s) {
    snapshots.put(s.id, s);
  }

  public void remove(SnapshotRecord s) {
    snapshots.remove(s.id, s);
  }

  /** A volume and its attachment to one instance. */
  record Attached(VolumeRecord volume, VolumeRecord.Attachment attachment) {}

  /** The volumes attached to an instance, by device name order. */
  List<Attached> attachedTo(String instanceId) {
    List<Attached> out = new ArrayList<>();
    for (VolumeRecord v : volumes.values()) {
      VolumeRecord.Attachment a = v.attachment(instanceId);
      if (a != null) {
        out.add(new Attached(v, a));
      }
    }
    out.sort(Comparator.comparing(x -> x.attachment().device));
    return out;
  }

  /** The volumes attached to each instance, by device name order, from one pass. */
  java.util.Map<String, List<Attached>> attachedByInstance() {
    java.util.Map<String, List<Attached>> out = new java.util.HashMap<>();
    for (VolumeRecord v : volumes.values()) {
      synchronized (v) {
        for (VolumeRecord.Attachment a : v.attachments) {
          out.computeIfAbsent(a.instanceId, id -> new ArrayList<>()).add(new Attached(v, a));
        }
      }
    }
    out.values().forEach(l -> l.sort(Comparator.comparing(x -> x.attachment().device)));
    return out;
  }
}
