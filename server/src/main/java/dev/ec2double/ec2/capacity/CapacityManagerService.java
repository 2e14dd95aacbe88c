package dev.ec2double.ec2.capacity;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.CapacityManagerDataExportResponse;
import software.amazon.awssdk.services.ec2.model.CapacityManagerMonitoredTagKey;
import software.amazon.awssdk.services.ec2.model.CapacityManagerSupportabilityScore;
import software.amazon.awssdk.services.ec2.model.CreateCapacityManagerDataExportRequest;
import software.amazon.awssdk.services.ec2.model.CreateCapacityManagerDataExportResponse;
import software.amazon.awssdk.services.ec2.model.DeleteCapacityManagerDataExportRequest;
import software.amazon.awssdk.services.ec2.model.DeleteCapacityManagerDataExportResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityManagerDataExportsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityManagerDataExportsResponse;
import software.amazon.awssdk.services.ec2.model.DisableCapacityManagerRequest;
import software.amazon.awssdk.services.ec2.model.DisableCapacityManagerResponse;
import software.amazon.awssdk.services.ec2.model.EnableCapacityManagerRequest;
import software.amazon.awssdk.services.ec2.model.EnableCapacityManagerResponse;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerAttributesRequest;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerAttributesResponse;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerMonitoredTagKeysRequest;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerMonitoredTagKeysResponse;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerSupportabilityScoresRequest;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerSupportabilityScoresResponse;
import software.amazon.awssdk.services.ec2.model.UpdateCapacityManagerMonitoredTagKeysRequest;
import software.amazon.awssdk.services.ec2.model.UpdateCapacityManagerMonitoredTagKeysResponse;
import software.amazon.awssdk.services.ec2.model.UpdateCapacityManagerOrganizationsAccessRequest;
import software.amazon.awssdk.services.ec2.model.UpdateCapacityManagerOrganizationsAccessResponse;

/**
 * EC2 Capacity Manager: enabling it, its attributes, Organizations access, monitored tag keys, data
 * exports (records: nothing is written to S3, and each export says so in its delivery status) and
 * supportability scores (always {@code high}: ec2-double never runs out of capacity). Its metrics
 * are {@link CapacityMetrics}. Everything but enabling needs it enabled ({@code
 * CapacityManagerNotEnabled}, as AWS answers).
 * https://docs.aws.amazon.com/ec2/latest/capacity-manager/what-is.html
 */
public final class CapacityManagerService {
  static final int MAX_TAG_KEYS = 10;

  static final ResourceKind<CapacityManagerStore.Export, CapacityManagerDataExportResponse>
      EXPORTS =
          ResourceKind.<CapacityManagerStore.Export, CapacityManagerDataExportResponse>of(
                  "cmde", "capacity-manager-data-export")
              .errors(
                  "InvalidCapacityManagerDataExportId.NotFound",
                  "Capacity Manager data export",
                  "InvalidCapacityManagerDataExportId.Malformed")
              .storedIn(CapacityManagerStore::of, s -> s.exports)
              .id(CapacityManagerStore.Export::id)
              .view(CapacityManagerService::view, CapacityManagerDataExportResponse::tags)
              .filter("s3-bucket-name", CapacityManagerDataExportResponse::s3BucketName)
              .filter(
                  "latest-delivery-status",
                  CapacityManagerDataExportResponse::latestDeliveryStatusAsString)
              .filter("create-time", e -> e.createTime().toString())
              .build();

  public CapacityManagerService(Resources resources) {
    EXPORTS.registerTaggable(resources);
  }

  public EnableCapacityManagerResponse enableCapacityManager(
      RequestContext ctx, EnableCapacityManagerRequest req) {
    CapacityManagerStore s = CapacityManagerStore.of(ctx.state());
    synchronized (s) {
      if (!s.enabled) {
        s.enabled = true;
        s.enabledAt = Instant.now();
      }
      if (req.organizationsAccess() != null) {
        s.organizationsAccess = req.organizationsAccess();
      }
    }
    ctx.state().changed();
    return EnableCapacityManagerResponse.builder()
        .capacityManagerStatus("enabled")
        .organizationsAccess(s.organizationsAccess)
        .build();
  }

  public DisableCapacityManagerResponse disableCapacityManager(
      RequestContext ctx, DisableCapacityManagerRequest req) {
    CapacityManagerStore s = enabled(ctx);
    synchronized (s) {
      s.enabled = false;
      s.organizationsAccess = false;
      s.enabledAt = null;
    }
    ctx.state().changed();
    return DisableCapacityManagerResponse.builder()
        .capacityManagerStatus("disabled")
        .organizationsAccess(false)
        .build();
  }

  public GetCapacityManagerAttributesResponse getCapacityManagerAttributes(
      RequestContext ctx, GetCapacityManagerAttributesRequest req) {
    CapacityManagerStore s = CapacityManagerStore.of(ctx.state());
    synchronized (s) {
      var b =
          GetCapacityManagerAttributesResponse.builder()
              .capacityManagerStatus(s.enabled ? "enabled" : "disabled")
              .organizationsAccess(s.organizationsAccess)
              .dataExportCount(s.exports.size());
      if (s.enabled) {
        b.ingestionStatus("ingestion-complete")
            .earliestDatapointTimestamp(s.enabledAt)
            .latestDatapointTimestamp(Instant.now());
      }
      return b.build();
    }
  }

  public UpdateCapacityManagerOrganizationsAccessResponse updateCapacityManagerOrganizationsAccess(
      RequestContext ctx, UpdateCapacityManagerOrganizationsAccessRequest req) {
    boolean access = Inputs.required(req.organizationsAccess(), "OrganizationsAccess");
    CapacityManagerStore s = enabled(ctx);
    synchronized (s) {
      s.organizationsAccess = access;
    }
    ctx.state().changed();
    return UpdateCapacityManagerOrganizationsAccessResponse.builder()
        .capacityManagerStatus("enabled")
        .organizationsAccess(access)
        .build();
  }

  public GetCapacityManagerMonitoredTagKeysResponse getCapacityManagerMonitoredTagKeys(
      RequestContext ctx, GetCapacityManagerMonitoredTagKeysRequest req) {
    CapacityManagerStore s = enabled(ctx);
    List<CapacityManagerMonitoredTagKey> keys;
    synchronized (s) {
      keys = s.tagKeys.entrySet().stream().map(e -> tagKey(e.getKey(), e.getValue())).toList();
    }
    var page = Pages.page(ctx.action(), keys, req.maxResults(), req.nextToken());
    return GetCapacityManagerMonitoredTagKeysResponse.builder()
        .capacityManagerTagKeys(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public UpdateCapacityManagerMonitoredTagKeysResponse updateCapacityManagerMonitoredTagKeys(
      RequestContext ctx, UpdateCapacityManagerMonitoredTagKeysRequest req) {
    if (req.activateTagKeys().isEmpty() && req.deactivateTagKeys().isEmpty()) {
      throw AwsException.missingParameter("ActivateTagKeys or DeactivateTagKeys");
    }
    if (req.activateTagKeys().stream().anyMatch(req.deactivateTagKeys()::contains)) {
      throw AwsException.invalidParameterCombination(
          "A tag key cannot be both activated and deactivated in one request.");
    }
    CapacityManagerStore s = enabled(ctx);
    List<CapacityManagerMonitoredTagKey> changed = new ArrayList<>();
    Instant now = Instant.now();
    synchronized (s) {
      long after =
          s.tagKeys.size()
              + req.activateTagKeys().stream()
                  .distinct()
                  .filter(k -> !s.tagKeys.containsKey(k))
                  .count()
              - req.deactivateTagKeys().stream().distinct().filter(s.tagKeys::containsKey).count();
      if (after > MAX_TAG_KEYS) {
        throw new AwsException(
            "CapacityManagerTagKeyLimitExceeded",
            "At most " + MAX_TAG_KEYS + " tag keys can be monitored.");
      }
      for (String k : req.activateTagKeys()) {
        if (k == null || k.isEmpty() || k.length() > 128 || k.startsWith("aws:")) {
          throw AwsException.invalidParameterValue("The tag key '" + k + "' cannot be monitored.");
        }
        s.tagKeys.putIfAbsent(k, now);
        changed.add(tagKey(k, s.tagKeys.get(k)));
      }
      for (String k : req.deactivateTagKeys()) {
        Instant since = s.tagKeys.remove(k);
        changed.add(
            CapacityManagerMonitoredTagKey.builder()
                .tagKey(k)
                .status("deactivating")
                .capacityManagerProvided(false)
                .earliestDatapointTimestamp(since)
                .build());
      }
    }
    ctx.state().changed();
    return UpdateCapacityManagerMonitoredTagKeysResponse.builder()
        .capacityManagerTagKeys(changed)
        .build();
  }

  public CreateCapacityManagerDataExportResponse createCapacityManagerDataExport(
      RequestContext ctx, CreateCapacityManagerDataExportRequest req) {
    String bucket = Inputs.required(req.s3BucketName(), "S3BucketName");
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw AwsException.invalidParameterValue("The S3BucketName '" + bucket + "' is not valid.");
    }
    String schedule =
        Inputs.oneOf(
            Inputs.required(req.scheduleAsString(), "Schedule"),
            null,
            Set.of("hourly"),
            "Schedule");
    String format =
        Inputs.oneOf(
            Inputs.required(req.outputFormatAsString(), "OutputFormat"),
            null,
            Set.of("csv", "parquet"),
            "OutputFormat");
    var tags = EXPORTS.tags(req.tagSpecifications());
    enabled(ctx);
    Instant now = Instant.now();
    var e =
        EXPORTS.create(
            ctx,
            tags,
            id ->
                new CapacityManagerStore.Export(
                    id, bucket, req.s3BucketPrefix(), schedule, format, now));
    return CreateCapacityManagerDataExportResponse.builder()
        .capacityManagerDataExportId(e.id())
        .build();
  }

  public DeleteCapacityManagerDataExportResponse deleteCapacityManagerDataExport(
      RequestContext ctx, DeleteCapacityManagerDataExportRequest req) {
    String id = Inputs.required(req.capacityManagerDataExportId(), "CapacityManagerDataExportId");
    EXPORTS.delete(ctx, id);
    return DeleteCapacityManagerDataExportResponse.builder()
        .capacityManagerDataExportId(id)
        .build();
  }

  public DescribeCapacityManagerDataExportsResponse describeCapacityManagerDataExports(
      RequestContext ctx, DescribeCapacityManagerDataExportsRequest req) {
    var page =
        EXPORTS.describe(
            ctx,
            req.capacityManagerDataExportIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeCapacityManagerDataExportsResponse.builder()
        .capacityManagerDataExports(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetCapacityManagerSupportabilityScoresResponse getCapacityManagerSupportabilityScores(
      RequestContext ctx, GetCapacityManagerSupportabilityScoresRequest req) {
    Inputs.atLeast(req.capacityAmount(), 1, "CapacityAmount");
    Inputs.oneOf(req.marketTypeAsString(), "on-demand", Set.of("on-demand", "spot"), "MarketType");
    Inputs.oneOf(
        req.capacityUnitAsString(), "instances", Set.of("vcpus", "instances"), "CapacityUnit");
    if (req.instanceTypes().isEmpty() && req.instanceRequirementsWithMetadata() == null) {
      throw AwsException.missingParameter("InstanceTypes or InstanceRequirementsWithMetadata");
    }
    List<RegionCatalog.Zone> zones = RegionCatalog.zones(ctx.region());
    Predicate<RegionCatalog.Zone> asked =
        z ->
            req.capacityAvailabilityZoneIds().isEmpty()
                || req.capacityAvailabilityZoneIds().contains(z.zoneId());
    List<CapacityManagerSupportabilityScore> scores = new ArrayList<>();
    for (String type : req.instanceTypes()) {
      for (RegionCatalog.Zone z : zones) {
        if (asked.test(z)) {
          scores.add(
              CapacityManagerSupportabilityScore.builder()
                  .instanceType(type)
                  .availabilityZoneId(z.zoneId())
                  .score("high")
                  .build());
        }
      }
    }
    return GetCapacityManagerSupportabilityScoresResponse.builder()
        .aggregateScore("high")
        .capacityManagerSupportabilityScores(scores)
        .build();
  }

  /** The store, when Capacity Manager is enabled. */
  static CapacityManagerStore enabled(RequestContext ctx) {
    CapacityManagerStore s = CapacityManagerStore.of(ctx.state());
    synchronized (s) {
      if (!s.enabled) {
        throw new AwsException(
            "CapacityManagerNotEnabled",
            "Capacity Manager is not enabled for this account in " + ctx.region() + ".");
      }
    }
    return s;
  }

  private static CapacityManagerMonitoredTagKey tagKey(String key, Instant since) {
    return CapacityManagerMonitoredTagKey.builder()
        .tagKey(key)
        .status("activated")
        .capacityManagerProvided(false)
        .earliestDatapointTimestamp(since)
        .build();
  }

  private static CapacityManagerDataExportResponse view(
      RequestContext ctx, CapacityManagerStore.Export e) {
    return CapacityManagerDataExportResponse.builder()
        .capacityManagerDataExportId(e.id())
        .s3BucketName(e.bucket())
        .s3BucketPrefix(e.prefix())
        .schedule(e.schedule())
        .outputFormat(e.format())
        .createTime(e.created())
        .latestDeliveryStatus("pending")
        .latestDeliveryStatusMessage("ec2-double records data exports; it writes nothing to S3.")
        .tags(ctx.tags().sdkTags(e.id()))
        .build();
  }
}
