package dev.ec2double.ec2.snapshots;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.ec2.volumes.Ebs;
import dev.ec2double.ec2.volumes.SnapshotRecord;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.DescribeFastSnapshotRestoreSuccessItem;
import software.amazon.awssdk.services.ec2.model.DescribeFastSnapshotRestoresRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFastSnapshotRestoresResponse;
import software.amazon.awssdk.services.ec2.model.DisableFastSnapshotRestoreSuccessItem;
import software.amazon.awssdk.services.ec2.model.DisableFastSnapshotRestoresRequest;
import software.amazon.awssdk.services.ec2.model.DisableFastSnapshotRestoresResponse;
import software.amazon.awssdk.services.ec2.model.EnableFastSnapshotRestoreSuccessItem;
import software.amazon.awssdk.services.ec2.model.EnableFastSnapshotRestoresRequest;
import software.amazon.awssdk.services.ec2.model.EnableFastSnapshotRestoresResponse;

/**
 * Fast snapshot restores per snapshot and zone: records passing AWS's states enabling, optimizing
 * and enabled (two seconds each here, about a minute each on AWS per TiB), then disabling and
 * disabled. A volume from the snapshot is made the same way with or without it.
 */
public final class FastSnapshotRestoresService {
  private static final FilterSpec<DescribeFastSnapshotRestoreSuccessItem> FILTERS =
      FilterSpec.<DescribeFastSnapshotRestoreSuccessItem>of()
          .field("availability-zone", DescribeFastSnapshotRestoreSuccessItem::availabilityZone)
          .field("owner-id", DescribeFastSnapshotRestoreSuccessItem::ownerId)
          .field("snapshot-id", DescribeFastSnapshotRestoreSuccessItem::snapshotId)
          .field("state", DescribeFastSnapshotRestoreSuccessItem::stateAsString);

  private final Ebs ebs;

  public FastSnapshotRestoresService(Ebs ebs) {
    this.ebs = ebs;
  }

  public EnableFastSnapshotRestoresResponse enableFastSnapshotRestores(
      RequestContext ctx, EnableFastSnapshotRestoresRequest req) {
    List<String> zones = zones(ctx, req.availabilityZones());
    List<SnapshotRecord> snapshots = snapshots(ctx, req.sourceSnapshotIds());
    SnapshotSettings settings = SnapshotSettings.of(ctx.state());
    Instant now = Instant.now();
    List<EnableFastSnapshotRestoreSuccessItem> out = new ArrayList<>();
    for (SnapshotRecord s : snapshots) {
      for (String zone : zones) {
        SnapshotSettings.FastRestore r =
            settings.fastRestores.compute(
                key(s.id, zone),
                (k, old) ->
                    old != null && old.disabling == null
                        ? old
                        : new SnapshotSettings.FastRestore(s.id, zone, s.ownerId, now));
        out.add(
            EnableFastSnapshotRestoreSuccessItem.builder()
                .snapshotId(s.id)
                .availabilityZone(zone)
                .availabilityZoneId(zoneId(ctx, zone))
                .state(r.state(now))
                .stateTransitionReason("Client.UserInitiated")
                .ownerId(s.ownerId)
                .enablingTime(r.enabling)
                .build());
      }
    }
    ctx.state().changed();
    return EnableFastSnapshotRestoresResponse.builder().successful(out).build();
  }

  public DisableFastSnapshotRestoresResponse disableFastSnapshotRestores(
      RequestContext ctx, DisableFastSnapshotRestoresRequest req) {
    List<String> zones = zones(ctx, req.availabilityZones());
    List<SnapshotRecord> snapshots = snapshots(ctx, req.sourceSnapshotIds());
    SnapshotSettings settings = SnapshotSettings.of(ctx.state());
    Instant now = Instant.now();
    List<DisableFastSnapshotRestoreSuccessItem> out = new ArrayList<>();
    for (SnapshotRecord s : snapshots) {
      for (String zone : zones) {
        SnapshotSettings.FastRestore r = settings.fastRestores.get(key(s.id, zone));
        if (r == null) {
          continue;
        }
        if (r.disabling == null) {
          r.disabling = now;
        }
        out.add(
            DisableFastSnapshotRestoreSuccessItem.builder()
                .snapshotId(s.id)
                .availabilityZone(zone)
                .availabilityZoneId(zoneId(ctx, zone))
                .state(r.state(now))
                .stateTransitionReason("Client.UserInitiated - Lifecycle state transition")
                .ownerId(s.ownerId)
                .enablingTime(r.enabling)
                .optimizingTime(r.optimizing())
                .enabledTime(r.enabled())
                .disablingTime(r.disabling)
                .build());
      }
    }
    ctx.state().changed();
    return DisableFastSnapshotRestoresResponse.builder().successful(out).build();
  }

  public DescribeFastSnapshotRestoresResponse describeFastSnapshotRestores(
      RequestContext ctx, DescribeFastSnapshotRestoresRequest req) {
    Instant now = Instant.now();
    SnapshotSettings settings = SnapshotSettings.of(ctx.state());
    // a disabled restore is listed no longer
    settings.fastRestores.values().removeIf(r -> r.state(now).equals("disabled"));
    Predicate<DescribeFastSnapshotRestoreSuccessItem> filter = FILTERS.compile(req.filters());
    List<DescribeFastSnapshotRestoreSuccessItem> all =
        settings.fastRestores.values().stream()
            .sorted(
                Comparator.comparing((SnapshotSettings.FastRestore r) -> r.snapshotId)
                    .thenComparing(r -> r.zone))
            .map(r -> item(ctx, r, now))
            .filter(filter)
            .toList();
    Pages.Page<DescribeFastSnapshotRestoreSuccessItem> page =
        Pages.page("DescribeFastSnapshotRestores", all, req.maxResults(), req.nextToken());
    return DescribeFastSnapshotRestoresResponse.builder()
        .fastSnapshotRestores(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static DescribeFastSnapshotRestoreSuccessItem item(
      RequestContext ctx, SnapshotSettings.FastRestore r, Instant now) {
    String state = r.state(now);
    DescribeFastSnapshotRestoreSuccessItem.Builder b =
        DescribeFastSnapshotRestoreSuccessItem.builder()
            .snapshotId(r.snapshotId)
            .availabilityZone(r.zone)
            .availabilityZoneId(zoneId(ctx, r.zone))
            .state(state)
            .stateTransitionReason("Client.UserInitiated - Lifecycle state transition")
            .ownerId(r.ownerId)
            .enablingTime(r.enabling);
    if (!state.equals("enabling")) {
      b.optimizingTime(r.optimizing());
    }
    if (!state.equals("enabling") && !state.equals("optimizing")) {
      b.enabledTime(r.enabled());
    }
    if (r.disabling != null) {
      b.disablingTime(r.disabling);
    }
    return b.build();
  }

  private List<SnapshotRecord> snapshots(RequestContext ctx, List<String> ids) {
    if (ids.isEmpty()) {
      throw AwsException.missingParameter("SourceSnapshotId");
    }
    List<SnapshotRecord> out = ebs.requireSnapshots(ctx, ids);
    for (SnapshotRecord s : out) {
      if (!s.state.equals("completed")) {
        throw new AwsException(
            "IncorrectState", "The snapshot '" + s.id + "' is in the '" + s.state + "' state.");
      }
    }
    return out;
  }

  private static List<String> zones(RequestContext ctx, List<String> zones) {
    if (zones.isEmpty()) {
      throw AwsException.missingParameter("AvailabilityZone");
    }
    for (String z : zones) {
      Ebs.requireZone(ctx, z);
    }
    return zones;
  }

  private static String zoneId(RequestContext ctx, String zone) {
    return RegionCatalog.zones(ctx.region()).stream()
        .filter(z -> z.name().equals(zone))
        .map(RegionCatalog.Zone::zoneId)
        .findFirst()
        .orElse(null);
  }

  private static String key(String snapshotId, String zone) {
    return snapshotId + "/" + zone;
  }
}
