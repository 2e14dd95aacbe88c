package dev.ec2double.ec2.appstatus;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ApplicationStatus;
import software.amazon.awssdk.services.ec2.model.ApplicationStatusDetail;
import software.amazon.awssdk.services.ec2.model.ApplicationStatusReason;
import software.amazon.awssdk.services.ec2.model.DescribeApplicationStatusRequest;
import software.amazon.awssdk.services.ec2.model.DescribeApplicationStatusResponse;
import software.amazon.awssdk.services.ec2.model.DisableApplicationStatusCheckSuppressionRequest;
import software.amazon.awssdk.services.ec2.model.DisableApplicationStatusCheckSuppressionResponse;
import software.amazon.awssdk.services.ec2.model.EnableApplicationStatusCheckSuppressionRequest;
import software.amazon.awssdk.services.ec2.model.EnableApplicationStatusCheckSuppressionResponse;
import software.amazon.awssdk.services.ec2.model.InstanceApplicationStatus;
import software.amazon.awssdk.services.ec2.model.SuccessfulSuppressionResponseObject;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulSuppressionResponseObject;

/**
 * DescribeApplicationStatus: each instance's checks with what their probes found, and the
 * instance-level status from the {@code included} ones: {@code impaired} when one failed, {@code
 * ok} when all passed, {@code initializing} while one has not reached a threshold, {@code
 * insufficient-data} when nothing can be probed (the instance is not running, the check asks for an
 * address it has not, or the backend is mock), {@code not-applicable} without checks, {@code
 * suppressed} while suppression is on (the probes go on).
 */
public final class ApplicationStatusService {
  static final int MAX_SUPPRESSION_IDS = 100;

  private static final FilterSpec<InstanceApplicationStatus> FILTERS =
      FilterSpec.<InstanceApplicationStatus>of()
          .field("availability-zone-id", InstanceApplicationStatus::availabilityZoneId)
          .field("status", s -> s.applicationStatus().statusAsString());

  private final AppInstances instances;
  private final AppStatusProber prober;

  public ApplicationStatusService(AppInstances instances, AppStatusProber prober) {
    this.instances = instances;
    this.prober = prober;
  }

  public DescribeApplicationStatusResponse describeApplicationStatus(
      RequestContext ctx, DescribeApplicationStatusRequest req) {
    var filter = FILTERS.compile(req.filters());
    List<AppInstances.Instance> selected =
        req.instanceIds().isEmpty()
            ? instances.all(ctx.state())
            : instances.require(ctx, req.instanceIds());
    List<InstanceApplicationStatus> views = new ArrayList<>();
    AppStatusStore s = AppStatusStore.of(ctx.state());
    synchronized (s) {
      for (AppInstances.Instance i : selected) {
        InstanceApplicationStatus v = view(ctx, s, i, Instant.now());
        if (filter.test(v)) {
          views.add(v);
        }
      }
    }
    var page = Pages.page(ctx.action(), views, req.maxResults(), req.nextToken());
    return DescribeApplicationStatusResponse.builder()
        .applicationStatuses(a -> a.instances(page.items()))
        .nextToken(page.nextToken())
        .build();
  }

  private InstanceApplicationStatus view(
      RequestContext ctx, AppStatusStore s, AppInstances.Instance i, Instant now) {
    List<ApplicationStatusDetail> details = new ArrayList<>();
    List<String> included = new ArrayList<>();
    for (AppStatusStore.Check c : s.live()) {
      if (!c.watches(i)) {
        continue;
      }
      AppStatusStore.Track t = s.tracks.get(AppStatusStore.trackKey(c.id, i.id()));
      String status = detailStatus(c, i, t);
      if (c.aggregation.equals("included")) {
        included.add(status);
      }
      ApplicationStatusDetail.Builder d =
          ApplicationStatusDetail.builder()
              .applicationStatusCheckId(c.id)
              .checkUpdateTime(c.modified == null ? c.created : c.modified)
              .aggregation(c.aggregation)
              .status(status)
              .statusTimeStamp(t == null ? now : t.updated)
              .statusSince(t == null ? c.created : t.since);
      if (t != null && t.reasonCode != null) {
        d.reason(
            ApplicationStatusReason.builder()
                .code(t.reasonCode)
                .statusCode(t.statusCode)
                .protocol(t.protocol)
                .build());
      }
      details.add(d.build());
    }
    AppStatusStore.Suppression sup = s.suppressions.get(i.id());
    boolean suppressed = sup != null && sup.active(now);
    String overall = suppressed ? "suppressed" : overall(included);
    AppStatusStore.Overall before = s.overall.get(i.id());
    if (before == null || !before.status().equals(overall)) {
      before = new AppStatusStore.Overall(overall, now);
      s.overall.put(i.id(), before);
    }
    RegionCatalog.Zone zone = RegionCatalog.zoneOrNull(ctx.region(), i.zone(), null);
    return InstanceApplicationStatus.builder()
        .instanceId(i.id())
        .availabilityZone(i.zone())
        .availabilityZoneId(zone == null ? null : zone.zoneId())
        .applicationStatus(
            ApplicationStatus.builder()
                .status(overall)
                .statusTimeStamp(now)
                .statusSince(before.since())
                .resumeAt(suppressed ? sup.resumeAt() : null)
                .details(details)
                .build())
        .tags(ctx.tags().sdkTags(i.id()))
        .build();
  }

  /** One check's status on one instance. */
  private String detailStatus(
      AppStatusStore.Check c, AppInstances.Instance i, AppStatusStore.Track t) {
    if (!prober.real() || !i.running() || AppStatusProber.address(c, i) == null) {
      return "insufficient-data";
    }
    return t == null ? "initializing" : t.status;
  }

  private static String overall(List<String> included) {
    if (included.isEmpty()) {
      return "not-applicable";
    }
    if (included.contains("failed")) {
      return "impaired";
    }
    if (included.stream().allMatch("passed"::equals)) {
      return "ok";
    }
    if (included.contains("initializing")) {
      return "initializing";
    }
    return "insufficient-data";
  }

  public EnableApplicationStatusCheckSuppressionResponse enableApplicationStatusCheckSuppression(
      RequestContext ctx, EnableApplicationStatusCheckSuppressionRequest req) {
    checkIds(req.instanceIds());
    Integer seconds = req.durationSeconds();
    if (seconds != null && seconds < 1) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + seconds
              + ") for parameter DurationSeconds is invalid. It must be at least 1.");
    }
    Instant now = Instant.now();
    AppStatusStore.Suppression sup =
        new AppStatusStore.Suppression(now, seconds == null ? null : now.plusSeconds(seconds));
    var ok = new ArrayList<SuccessfulSuppressionResponseObject>();
    var failed = new ArrayList<UnsuccessfulSuppressionResponseObject>();
    AppStatusStore s = AppStatusStore.of(ctx.state());
    for (String id : req.instanceIds()) {
      if (instances.find(ctx.state(), id) == null) {
        failed.add(unsuccessful(id, "InvalidInstanceID.NotFound"));
        continue;
      }
      synchronized (s) {
        s.suppressions.put(id, sup);
      }
      ok.add(
          SuccessfulSuppressionResponseObject.builder()
              .instanceId(id)
              .suppressAt(sup.suppressAt())
              .resumeAt(sup.resumeAt())
              .build());
    }
    ctx.state().changed();
    return EnableApplicationStatusCheckSuppressionResponse.builder()
        .successfulResults(ok)
        .unsuccessfulResults(failed)
        .build();
  }

  public DisableApplicationStatusCheckSuppressionResponse disableApplicationStatusCheckSuppression(
      RequestContext ctx, DisableApplicationStatusCheckSuppressionRequest req) {
    checkIds(req.instanceIds());
    var ok = new ArrayList<SuccessfulSuppressionResponseObject>();
    var failed = new ArrayList<UnsuccessfulSuppressionResponseObject>();
    AppStatusStore s = AppStatusStore.of(ctx.state());
    Instant now = Instant.now();
    for (String id : req.instanceIds()) {
      if (instances.find(ctx.state(), id) == null) {
        failed.add(unsuccessful(id, "InvalidInstanceID.NotFound"));
        continue;
      }
      AppStatusStore.Suppression was;
      synchronized (s) {
        was = s.suppressions.remove(id);
      }
      ok.add(
          SuccessfulSuppressionResponseObject.builder()
              .instanceId(id)
              .suppressAt(was == null ? null : was.suppressAt())
              .resumeAt(now)
              .build());
    }
    ctx.state().changed();
    return DisableApplicationStatusCheckSuppressionResponse.builder()
        .successfulResults(ok)
        .unsuccessfulResults(failed)
        .build();
  }

  private static void checkIds(List<String> ids) {
    if (ids.isEmpty()) {
      throw AwsException.missingParameter("InstanceId");
    }
    if (ids.size() > MAX_SUPPRESSION_IDS) {
      throw AwsException.invalidParameterValue(
          "At most " + MAX_SUPPRESSION_IDS + " instance IDs can be given in one request.");
    }
  }

  private static UnsuccessfulSuppressionResponseObject unsuccessful(String id, String reason) {
    return UnsuccessfulSuppressionResponseObject.builder().instanceId(id).reason(reason).build();
  }
}
