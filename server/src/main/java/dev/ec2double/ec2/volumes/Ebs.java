package dev.ec2double.ec2.volumes;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.compute.Labels;
import dev.ec2double.core.Ids;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.StateStore;
import dev.ec2double.core.StepExecutor;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * What the volume and snapshot operations share: the stores, the lookups with AWS's errors, and the
 * storage work on the compute backend, run off the request thread.
 */
public final class Ebs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Ebs.class);
  private static final Pattern VOLUME_ID = Pattern.compile("vol-[0-9a-f]{8}([0-9a-f]{9})?");
  private static final Pattern SNAPSHOT_ID = Pattern.compile("snap-[0-9a-f]{8}([0-9a-f]{9})?");

  private final ComputeBackend backend;
  private final String serverId;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "ec2double-ebs");
            t.setDaemon(true);
            return t;
          });

  public Ebs(ComputeBackend backend, String serverId, Resources resources) {
    this.backend = backend;
    this.serverId = serverId;
    resources.register(
        new Resources.Kind(
            "vol",
            "volume",
            "InvalidVolume.NotFound",
            (s, id) -> store(s).volumes.containsKey(id)));
    resources.register(
        new Resources.Kind(
            "snap",
            "snapshot",
            "InvalidSnapshot.NotFound",
            (s, id) -> store(s).snapshots.containsKey(id)));
    resources.register(
        new Resources.Kind(
            "replacevol",
            "replace-root-volume-task",
            "InvalidReplaceRootVolumeTaskId.NotFound",
            (s, id) -> store(s).rootTasks.containsKey(id)));
  }

  /** Every account's state: snapshots shared by other accounts, copies between regions. */
  private volatile StateStore accounts = new StateStore();

  public void accounts(StateStore all) {
    this.accounts = all;
  }

  /** An account's state in a region (CopySnapshot's source region). */
  public RegionState region(String account, String region) {
    return accounts.region(account, region);
  }

  /**
   * Another account's snapshot in the caller's region that the caller may use: one it may create
   * volumes from (createVolumePermission), or one in the mappings of an AMI shared with it.
   */
  private SnapshotRecord shared(RequestContext ctx, String id) {
    for (RegionState r : accounts.all()) {
      if (!r.region().equals(ctx.region()) || r.account().equals(ctx.account())) {
        continue;
      }
      EbsStore other = r.existingPart(EbsStore.class);
      SnapshotRecord s = other == null ? null : other.snapshots.get(id);
      if (s != null
          && (s.restorableBy(ctx.account())
              || ImagesService.sharesSnapshot(r, id, ctx.account()))) {
        return s;
      }
    }
    return null;
  }

  /**
   * The other accounts' snapshots in the caller's region that the caller may create volumes from.
   */
  public List<SnapshotRecord> sharedWith(RequestContext ctx) {
    List<SnapshotRecord> out = new ArrayList<>();
    for (RegionState r : accounts.all()) {
      if (!r.region().equals(ctx.region()) || r.account().equals(ctx.account())) {
        continue;
      }
      EbsStore other = r.existingPart(EbsStore.class);
      if (other != null) {
        other.snapshots().stream().filter(s -> s.restorableBy(ctx.account())).forEach(out::add);
      }
    }
    return out;
  }

  public static EbsStore store(RegionState state) {
    return state.part(EbsStore.class, EbsStore::new);
  }

  public ComputeBackend backend() {
    return backend;
  }

  /** Runs the steps, and says afterwards that the state changed. */
  private final StepExecutor steps = new StepExecutor(executor);

  public void onChange(Runnable listener) {
    steps.onChange(listener);
  }

  java.util.concurrent.Executor executor() {
    return steps;
  }

  public Map<String, String> labels(RequestContext ctx, String id, String kind) {
    return Labels.of(serverId, ctx.account(), ctx.region(), id, kind);
  }

  /** Whether a volume is attached to the instance. */
  public static boolean attachedTo(VolumeRecord v, String instanceId) {
    return v.attachment(instanceId) != null;
  }

  public VolumeRecord requireVolume(RequestContext ctx, String id) {
    return requireVolumes(ctx, List.of(id)).get(0);
  }

  /** The volumes named, or AWS's error naming every id that is not there. */
  public List<VolumeRecord> requireVolumes(RequestContext ctx, List<String> ids) {
    EbsStore store = store(ctx.state());
    List<VolumeRecord> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      if (id == null) {
        throw AwsException.missingParameter("VolumeId");
      }
      if (!VOLUME_ID.matcher(id).matches()) {
        throw new AwsException("InvalidVolume.Malformed", "Invalid id: \"" + id + "\"");
      }
      VolumeRecord v = store.volumes.get(id);
      if (v == null) {
        missing.add(id);
      } else {
        found.add(v);
      }
    }
    if (!missing.isEmpty()) {
      throw new AwsException(
          "InvalidVolume.NotFound",
          missing.size() == 1
              ? "The volume '" + missing.get(0) + "' does not exist."
              : "The volumes '" + String.join(", ", missing) + "' do not exist.");
    }
    return found;
  }

  public SnapshotRecord requireSnapshot(RequestContext ctx, String id) {
    return requireSnapshots(ctx, List.of(id)).get(0);
  }

  public List<SnapshotRecord> requireSnapshots(RequestContext ctx, List<String> ids) {
    EbsStore store = store(ctx.state());
    List<SnapshotRecord> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      if (id == null) {
        throw AwsException.missingParameter("SnapshotId");
      }
      if (!SNAPSHOT_ID.matcher(id).matches()) {
        throw new AwsException("InvalidSnapshot.Malformed", "Invalid id: \"" + id + "\"");
      }
      SnapshotRecord s = store.snapshots.get(id);
      if (s == null) {
        s = shared(ctx, id);
      }
      if (s == null) {
        missing.add(id);
      } else {
        found.add(s);
      }
    }
    if (!missing.isEmpty()) {
      throw new AwsException(
          "InvalidSnapshot.NotFound",
          missing.size() == 1
              ? "The snapshot '" + missing.get(0) + "' does not exist."
              : "The snapshots '" + String.join(", ", missing) + "' do not exist.");
    }
    return found;
  }

  /** Checks that the zone is one of the caller's region. */
  public static void requireZone(RequestContext ctx, String zone) {
    if (zone == null) {
      throw AwsException.missingParameter("AvailabilityZone");
    }
    boolean known = RegionCatalog.zones(ctx.region()).stream().anyMatch(z -> z.name().equals(zone));
    if (!known) {
      throw AwsException.invalidParameterValue("Invalid availability zone: [" + zone + "]");
    }
  }

  /**
   * Records a new volume ({@code creating}) and queues the making of its storage, a copy of the
   * snapshot's files when it has one; the volume is {@code available} once that is done.
   */
  VolumeRecord newVolume(
      RequestContext ctx,
      String zone,
      VolumeTypes.Shape shape,
      SnapshotRecord from,
      List<Tag> tags,
      boolean root,
      EbsEncryption.Choice encryption,
      boolean multiAttach) {
    return newVolume(
        ctx,
        zone,
        shape,
        from == null ? null : from.id,
        from == null || !from.hasData ? null : from.storageName(),
        tags,
        root,
        encryption,
        multiAttach);
  }

  /**
   * A new volume whose files are a copy of the storage {@code copyOf} (a snapshot's, or another
   * volume's for CopyVolumes), or empty when it is null.
   */
  VolumeRecord newVolume(
      RequestContext ctx,
      String zone,
      VolumeTypes.Shape shape,
      String snapshotId,
      String copyOf,
      List<Tag> tags,
      boolean root,
      EbsEncryption.Choice encryption,
      boolean multiAttach) {
    VolumeRecord v = new VolumeRecord(Ids.next("vol"), zone, Instant.now(), snapshotId, root);
    if (encryption != null) {
      v.encrypted = encryption.encrypted();
      v.kmsKeyId = encryption.kmsKeyId();
    }
    v.multiAttach = multiAttach;
    v.size = shape.size();
    v.type = shape.type();
    v.iops = shape.iops();
    v.throughput = shape.throughput();
    if (!tags.isEmpty()) {
      ctx.tags().add(List.of(v.id), tags);
    }
    store(ctx.state()).volumes.put(v.id, v);
    if (root) {
      synchronized (v) {
        v.state = "available";
      }
      return v;
    }
    Map<String, String> labels = labels(ctx, v.id, "volume");
    v.then(
        () -> {
          try {
            backend.createStorage(v.storageName(), copyOf, labels);
            synchronized (v) {
              if (v.state.equals("creating")) {
                v.state = "available";
              }
            }
          } catch (RuntimeException e) {
            LOG.error("volume {} could not be created", v.id, e);
            synchronized (v) {
              v.state = "error";
            }
          }
        },
        steps);
    return v;
  }

  /**
   * After a restart with saved state: the volumes' and snapshots' storage is this server's again
   * (its files stayed on the engine), and a step the killed server had under way counts as done.
   */
  public void adopt(RegionState state) {
    EbsStore store = store(state);
    for (VolumeRecord v : store.volumes()) {
      if (!v.root) {
        backend.adoptStorage(v.storageName());
      }
      synchronized (v) {
        if (v.state.equals("creating")) {
          v.state = "available";
        }
        for (VolumeRecord.Attachment a : v.attachments) {
          if (a.state.equals("attaching")) {
            a.state = "attached";
          }
        }
      }
    }
    for (SnapshotRecord s : store.snapshots()) {
      if (s.hasData) {
        backend.adoptStorage(s.storageName());
      }
    }
  }

  /** Queues the attachment of a volume to a machine; {@code attached} once it is done. */
  void attach(VolumeRecord v, VolumeRecord.Attachment a) {
    v.then(
        () -> {
          try {
            if (!v.root) {
              backend.attachStorage(a.machineName, v.storageName(), a.device);
            }
            synchronized (v) {
              if (a.state.equals("attaching")) {
                a.state = "attached";
              }
            }
          } catch (RuntimeException e) {
            LOG.error("volume {} could not be attached to {}", v.id, a.machineName, e);
            v.detached(a);
          }
        },
        steps);
  }

  /** Queues the detachment; the volume is {@code available} once its last one is done. */
  void detach(VolumeRecord v, VolumeRecord.Attachment a, boolean force, Runnable after) {
    synchronized (v) {
      a.state = "detaching";
    }
    v.then(
        () -> {
          try {
            if (!v.root && a.machineName != null) {
              backend.detachStorage(a.machineName, v.storageName(), a.device, force);
            }
          } catch (RuntimeException e) {
            LOG.error("volume {} could not be detached from {}", v.id, a.machineName, e);
          }
          v.detached(a);
          after.run();
        },
        steps);
  }

  /** Queues the deletion of the volume's storage and forgets it. */
  void delete(RequestContext ctx, VolumeRecord v) {
    synchronized (v) {
      v.state = "deleting";
    }
    EbsStore store = store(ctx.state());
    ctx.tags().drop(v.id);
    v.then(
        () -> {
          try {
            if (!v.root) {
              backend.deleteStorage(v.storageName());
            }
          } catch (RuntimeException e) {
            LOG.error("volume {} storage could not be deleted", v.id, e);
          }
          synchronized (v) {
            v.state = "deleted";
          }
          store.volumes.remove(v.id, v);
        },
        steps);
  }

  /**
   * A new snapshot of a volume, with its tags from the start: its record is stored, then the
   * volume's files, as they are at this call, are copied into its storage (it is in the "error"
   * state if that fails). Runs on the caller's thread once the volume's earlier steps are done, so
   * that data written after CreateSnapshot (or CreateImage) answers is never in the snapshot.
   */
  public SnapshotRecord snapshot(
      RequestContext ctx, VolumeRecord v, String description, List<Tag> tags) {
    SnapshotRecord s =
        new SnapshotRecord(
            Ids.next("snap"), v.id, v.size(), Instant.now(), ctx.account(), description, !v.root);
    synchronized (v) {
      s.encrypted = v.encrypted;
      s.kmsKeyId = v.kmsKeyId;
    }
    if (!tags.isEmpty()) {
      ctx.tags().add(List.of(s.id), tags);
    }
    store(ctx.state()).put(s);
    v.settle();
    fill(ctx, s, v.root ? null : v.storageName(), true);
    return s;
  }

  /**
   * A new snapshot of the caller's holding a copy of another snapshot's files (CopySnapshot,
   * CopyImage), from any account or region; stored with its tags once the files are copied.
   */
  public SnapshotRecord copy(
      RequestContext ctx,
      SnapshotRecord from,
      String fromRegion,
      String description,
      List<Tag> tags,
      boolean encrypted,
      String kmsKeyId) {
    SnapshotRecord to =
        new SnapshotRecord(
            Ids.next("snap"),
            from.volumeId,
            from.volumeSize,
            Instant.now(),
            ctx.account(),
            description,
            from.hasData);
    EbsEncryption.Choice choice =
        EbsEncryption.choose(
            ctx, encrypted ? Boolean.TRUE : null, kmsKeyId, from.encrypted, from.kmsKeyId);
    to.encrypted = choice.encrypted();
    to.kmsKeyId = choice.kmsKeyId();
    to.sourceRegion = fromRegion.equals(ctx.region()) ? null : fromRegion;
    if (!tags.isEmpty()) {
      ctx.tags().add(List.of(to.id), tags);
    }
    store(ctx.state()).put(to);
    fill(ctx, to, from.hasData ? from.storageName() : null, true);
    return to;
  }

  /**
   * Makes a stored snapshot's storage (a copy of {@code copyOf}'s files, or empty), when it has
   * any: the snapshot is then {@code completed}, or {@code error} if that fails.
   */
  private void fill(RequestContext ctx, SnapshotRecord s, String copyOf, boolean storage) {
    try {
      if (storage) {
        backend.createStorage(s.storageName(), copyOf, labels(ctx, s.id, "snapshot"));
      }
      s.progress = "100%";
      s.state = "completed";
    } catch (RuntimeException e) {
      s.state = "error";
      throw e;
    }
  }

  /**
   * A snapshot of a disk that came from outside (VM Import): no volume of the caller's was its
   * source ({@code vol-ffffffff}, as AWS shows it). With {@code hasData} it gets storage of its
   * own, empty (the disk's bytes are not here); without, it is an imported AMI's root, whose files
   * are the AMI's engine image.
   */
  public SnapshotRecord importedSnapshot(
      RequestContext ctx, int size, String description, boolean hasData, List<Tag> tags) {
    SnapshotRecord s =
        new SnapshotRecord(
            Ids.next("snap"),
            "vol-ffffffff",
            size,
            Instant.now(),
            ctx.account(),
            description,
            hasData);
    if (!tags.isEmpty()) {
      ctx.tags().add(List.of(s.id), tags);
    }
    store(ctx.state()).put(s);
    fill(ctx, s, null, hasData);
    return s;
  }

  /**
   * A new, empty gp2 volume of the caller's in a zone (ImportVolume): {@code available} once made.
   */
  public VolumeRecord importedVolume(RequestContext ctx, String zone, int size, List<Tag> tags) {
    return newVolume(
        ctx,
        zone,
        VolumeTypes.check("gp2", size, null, null),
        null,
        null,
        tags,
        false,
        EbsEncryption.choose(ctx, null, null, null),
        false);
  }

  /**
   * A root volume's snapshot holds the instance's root filesystem as it is now: its machine is
   * committed to an engine image, which a root volume replaced from this snapshot boots from.
   */
  public void captureRoot(RequestContext ctx, VolumeRecord v, SnapshotRecord s) {
    String machine;
    synchronized (v) {
      machine = v.attachments.isEmpty() ? null : v.attachments.get(0).machineName;
    }
    if (machine == null) {
      return;
    }
    String ref = s.storageName() + ":root";
    backend.commit(machine, ref, labels(ctx, s.id, "snapshot"));
    s.imageRef = ref;
  }

  public void deleteSnapshot(SnapshotRecord s) {
    if (s.imageRef != null) {
      backend.removeImage(s.imageRef);
    }
    backend.deleteStorage(s.storageName());
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
