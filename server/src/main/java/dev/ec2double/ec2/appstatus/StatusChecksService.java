package dev.ec2double.ec2.appstatus;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ApplicationStatusCheckResponseObject;
import software.amazon.awssdk.services.ec2.model.CreateApplicationStatusCheckRequest;
import software.amazon.awssdk.services.ec2.model.CreateApplicationStatusCheckResponse;
import software.amazon.awssdk.services.ec2.model.CustomTagKeyValueResponsePair;
import software.amazon.awssdk.services.ec2.model.DeleteApplicationStatusCheckRequest;
import software.amazon.awssdk.services.ec2.model.DeleteApplicationStatusCheckResponse;
import software.amazon.awssdk.services.ec2.model.DescribeApplicationStatusChecksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeApplicationStatusChecksResponse;
import software.amazon.awssdk.services.ec2.model.HealthCheckPathDestinationResponseObject;
import software.amazon.awssdk.services.ec2.model.HealthCheckPathResponseObject;
import software.amazon.awssdk.services.ec2.model.ModifyApplicationStatusCheckRequest;
import software.amazon.awssdk.services.ec2.model.ModifyApplicationStatusCheckResponse;

/**
 * Application status checks: an HTTP or HTTPS request to a port and path of the instances a check
 * is associated with, judged by a StatusCodeMatcher and thresholds. The probes are real on the
 * docker backend ({@link AppStatusProber}); this service keeps the checks themselves (at most 50 in
 * an account's Region; a deleted one stays visible to {@code IncludeAll}).
 */
public final class StatusChecksService {
  static final int MAX_CHECKS = 50;

  static final ResourceKind<AppStatusStore.Check, ApplicationStatusCheckResponseObject> KIND =
      ResourceKind.<AppStatusStore.Check, ApplicationStatusCheckResponseObject>of(
              "asc", "application-status-check")
          .errors(
              "InvalidApplicationStatusCheckId.NotFound",
              "applicationStatusCheck",
              "InvalidApplicationStatusCheckId.Malformed")
          .storedIn(AppStatusStore::of, s -> s.checks)
          .id(c -> c.id)
          .view(StatusChecksService::view, ApplicationStatusCheckResponseObject::tags)
          .filter("aggregation", ApplicationStatusCheckResponseObject::aggregationAsString)
          .build();

  public StatusChecksService(Resources resources) {
    KIND.registerTaggable(resources);
  }

  static ApplicationStatusCheckResponseObject view(RequestContext ctx, AppStatusStore.Check c) {
    return ApplicationStatusCheckResponseObject.builder()
        .applicationStatusCheckId(c.id)
        .aggregation(c.aggregation)
        .healthCheckPaths(
            c.paths.stream()
                .map(
                    p ->
                        HealthCheckPathResponseObject.builder()
                            .source(
                                s -> s.subnetId(p.sourceSubnet()).securityGroupId(p.sourceGroup()))
                            .destinations(
                                p.destinations().stream()
                                    .map(
                                        d ->
                                            HealthCheckPathDestinationResponseObject.builder()
                                                .subnetId(d[0])
                                                .securityGroupId(d[1])
                                                .build())
                                    .toList())
                            .build())
                .toList())
        .protocol(c.protocol)
        .port(c.port)
        .path(c.path)
        .deviceIndex(c.deviceIndex)
        .ipVersion(c.ipVersion)
        .ipScope(c.ipScope)
        .interval(c.interval)
        .timeout(c.timeout)
        .failureThreshold(c.failureThreshold)
        .successThreshold(c.successThreshold)
        .statusCodeMatcher(c.matcher)
        .initializationGracePeriodSeconds(c.grace)
        .lastUpdatedAt(c.modified == null ? c.created : c.modified)
        .targetTagAssociations(
            c.tagPairs.stream()
                .map(
                    t ->
                        CustomTagKeyValueResponsePair.builder()
                            .key(t.key())
                            .value(t.value())
                            .build())
                .toList())
        .tags(ctx.tags().sdkTags(c.id))
        .creationTime(c.created)
        .modifyTime(c.modified)
        .deletionTime(c.deleted)
        .build();
  }

  /** A check that is not deleted, or AWS's error. */
  static AppStatusStore.Check live(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("ApplicationStatusCheckId");
    }
    return KIND.getLive(ctx.state(), id, AppStatusStore.Check::live);
  }

  public CreateApplicationStatusCheckResponse createApplicationStatusCheck(
      RequestContext ctx, CreateApplicationStatusCheckRequest req) {
    var tags = KIND.tags(req.tagSpecifications());
    CheckSettings settings = CheckSettings.of(req);
    AppStatusStore.Check made =
        KIND.create(
            ctx,
            tags,
            id -> {
              if (AppStatusStore.of(ctx.state()).live().size() >= MAX_CHECKS) {
                throw new AwsException(
                    "ResourceLimitExceeded",
                    "You have reached the limit of " + MAX_CHECKS + " application status checks.");
              }
              AppStatusStore.Check c = new AppStatusStore.Check(id);
              settings.applyTo(ctx.state(), c);
              return c;
            });
    ctx.state().changed();
    return CreateApplicationStatusCheckResponse.builder()
        .applicationStatusCheck(KIND.view(ctx, made))
        .build();
  }

  public ModifyApplicationStatusCheckResponse modifyApplicationStatusCheck(
      RequestContext ctx, ModifyApplicationStatusCheckRequest req) {
    CheckSettings settings = CheckSettings.of(req);
    AppStatusStore s = AppStatusStore.of(ctx.state());
    ApplicationStatusCheckResponseObject view;
    synchronized (s) {
      AppStatusStore.Check c = live(ctx, req.applicationStatusCheckId());
      settings.applyTo(ctx.state(), c);
      c.modified = Instant.now();
      view = view(ctx, c);
    }
    ctx.state().changed();
    return ModifyApplicationStatusCheckResponse.builder().applicationStatusCheck(view).build();
  }

  public DeleteApplicationStatusCheckResponse deleteApplicationStatusCheck(
      RequestContext ctx, DeleteApplicationStatusCheckRequest req) {
    AppStatusStore s = AppStatusStore.of(ctx.state());
    ApplicationStatusCheckResponseObject view;
    synchronized (s) {
      AppStatusStore.Check c = live(ctx, req.applicationStatusCheckId());
      c.deleted = Instant.now();
      c.instanceIds.clear();
      c.tagPairs.clear();
      s.tracks.keySet().removeIf(k -> k.startsWith(c.id + "/"));
      view = view(ctx, c);
    }
    ctx.state().changed();
    return DeleteApplicationStatusCheckResponse.builder().applicationStatusCheck(view).build();
  }

  public DescribeApplicationStatusChecksResponse describeApplicationStatusChecks(
      RequestContext ctx, DescribeApplicationStatusChecksRequest req) {
    boolean includeAll = Boolean.TRUE.equals(req.includeAll());
    if (!includeAll) {
      req.applicationStatusCheckIds().forEach(id -> live(ctx, id));
    }
    var page = KIND.describe(ctx, req.applicationStatusCheckIds(), req.filters(), null, null);
    List<ApplicationStatusCheckResponseObject> shown =
        page.items().stream().filter(v -> includeAll || v.deletionTime() == null).toList();
    var paged =
        dev.ec2double.core.Pages.page(ctx.action(), shown, req.maxResults(), req.nextToken());
    return DescribeApplicationStatusChecksResponse.builder()
        .applicationStatusChecks(paged.items())
        .nextToken(paged.nextToken())
        .build();
  }
}
