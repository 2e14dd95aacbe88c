package dev.ec2double.ec2.instances;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceSqlHaHistoryStatesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceSqlHaHistoryStatesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceSqlHaStatesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceSqlHaStatesResponse;
import software.amazon.awssdk.services.ec2.model.DisableInstanceSqlHaStandbyDetectionsRequest;
import software.amazon.awssdk.services.ec2.model.DisableInstanceSqlHaStandbyDetectionsResponse;
import software.amazon.awssdk.services.ec2.model.EnableInstanceSqlHaStandbyDetectionsRequest;
import software.amazon.awssdk.services.ec2.model.EnableInstanceSqlHaStandbyDetectionsResponse;
import software.amazon.awssdk.services.ec2.model.RegisteredInstance;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * EC2 High Availability for SQL Server (a record: no SQL Server runs here). Windows instances are
 * enabled for standby detection; of the enabled instances of a region the first is the active node
 * (its license {@code full}) and the others standby nodes (license {@code waived}), as AWS would
 * find a two-node cluster. Each enable and disable is kept in the history.
 */
public final class SqlHaService {
  private static final Pattern SECRET_ARN =
      Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+");

  private static final FilterSpec<RegisteredInstance> FILTERS =
      FilterSpec.<RegisteredInstance>of()
          .field("haStatus", RegisteredInstance::haStatusAsString)
          .field("sqlServerLicenseUsage", RegisteredInstance::sqlServerLicenseUsageAsString)
          .tags(
              i -> i.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)));

  /** The enabled instances of a region, in the order they were enabled, and their history. */
  static final class Store implements java.io.Serializable {
    final Map<String, Registration> enabled = new LinkedHashMap<>();
    final List<History> history = new ArrayList<>();

    static Store of(RegionState state) {
      return state.part(Store.class, Store::new);
    }
  }

  record Registration(String credentials, Instant since) implements java.io.Serializable {}

  record History(String instanceId, String haStatus, String processing, Instant at)
      implements java.io.Serializable {}

  public EnableInstanceSqlHaStandbyDetectionsResponse enableInstanceSqlHaStandbyDetections(
      RequestContext ctx, EnableInstanceSqlHaStandbyDetectionsRequest req) {
    String secret = req.sqlServerCredentials();
    if (secret != null && !SECRET_ARN.matcher(secret).matches()) {
      throw AwsException.invalidParameterValue(
          "SqlServerCredentials must be the ARN of a Secrets Manager secret: '" + secret + "'.");
    }
    List<InstanceRecord> found = Instances.requireAll(ctx, req.instanceIds());
    for (InstanceRecord r : found) {
      if (!r.windows) {
        throw AwsException.invalidParameterValue(
            "The instance '" + r.id + "' is not a Windows instance running SQL Server.");
      }
    }
    Store s = Store.of(ctx.state());
    Instant now = Instant.now();
    List<RegisteredInstance> out = new ArrayList<>();
    synchronized (s) {
      for (InstanceRecord r : found) {
        s.enabled.putIfAbsent(r.id, new Registration(secret, now));
        s.history.add(new History(r.id, "processing", "Enabling standby detection", now));
        out.add(
            registered(ctx, r.id, "processing", "Enabling standby detection", secret, now, null));
      }
    }
    ctx.state().changed();
    return EnableInstanceSqlHaStandbyDetectionsResponse.builder().instances(out).build();
  }

  public DisableInstanceSqlHaStandbyDetectionsResponse disableInstanceSqlHaStandbyDetections(
      RequestContext ctx, DisableInstanceSqlHaStandbyDetectionsRequest req) {
    List<InstanceRecord> found = Instances.requireAll(ctx, req.instanceIds());
    Store s = Store.of(ctx.state());
    Instant now = Instant.now();
    List<RegisteredInstance> out = new ArrayList<>();
    synchronized (s) {
      for (InstanceRecord r : found) {
        if (!s.enabled.containsKey(r.id)) {
          throw AwsException.invalidParameterValue(
              "The instance '" + r.id + "' is not enabled for SQL Server High Availability.");
        }
      }
      for (InstanceRecord r : found) {
        Registration gone = s.enabled.remove(r.id);
        s.history.add(new History(r.id, "processing", "Disabling standby detection", now));
        out.add(
            registered(
                ctx,
                r.id,
                "processing",
                "Disabling standby detection",
                gone.credentials(),
                now,
                null));
      }
    }
    ctx.state().changed();
    return DisableInstanceSqlHaStandbyDetectionsResponse.builder().instances(out).build();
  }

  public DescribeInstanceSqlHaStatesResponse describeInstanceSqlHaStates(
      RequestContext ctx, DescribeInstanceSqlHaStatesRequest req) {
    Predicate<RegisteredInstance> filter = FILTERS.compile(req.filters());
    if (!req.instanceIds().isEmpty()) {
      Instances.requireAll(ctx, req.instanceIds());
    }
    Store s = Store.of(ctx.state());
    List<RegisteredInstance> out = new ArrayList<>();
    synchronized (s) {
      boolean first = true;
      for (Map.Entry<String, Registration> e : s.enabled.entrySet()) {
        String status = first ? "active" : "standby";
        first = false;
        RegisteredInstance v =
            registered(
                ctx,
                e.getKey(),
                status,
                "Standby detection is running",
                e.getValue().credentials(),
                e.getValue().since(),
                status.equals("active") ? "full" : "waived");
        if ((req.instanceIds().isEmpty() || req.instanceIds().contains(e.getKey()))
            && filter.test(v)) {
          out.add(v);
        }
      }
    }
    Pages.Page<RegisteredInstance> page =
        Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeInstanceSqlHaStatesResponse.builder()
        .instances(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeInstanceSqlHaHistoryStatesResponse describeInstanceSqlHaHistoryStates(
      RequestContext ctx, DescribeInstanceSqlHaHistoryStatesRequest req) {
    Predicate<RegisteredInstance> filter = FILTERS.compile(req.filters());
    if (!req.instanceIds().isEmpty()) {
      Instances.requireAll(ctx, req.instanceIds());
    }
    if (req.startTime() != null
        && req.endTime() != null
        && req.endTime().isBefore(req.startTime())) {
      throw AwsException.invalidParameterValue("EndTime must not be before StartTime.");
    }
    Store s = Store.of(ctx.state());
    List<RegisteredInstance> out = new ArrayList<>();
    synchronized (s) {
      for (History h : s.history) {
        boolean inTime =
            (req.startTime() == null || !h.at().isBefore(req.startTime()))
                && (req.endTime() == null || !h.at().isAfter(req.endTime()));
        boolean asked = req.instanceIds().isEmpty() || req.instanceIds().contains(h.instanceId());
        RegisteredInstance v =
            registered(ctx, h.instanceId(), h.haStatus(), h.processing(), null, h.at(), null);
        if (inTime && asked && filter.test(v)) {
          out.add(v);
        }
      }
    }
    Pages.Page<RegisteredInstance> page =
        Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeInstanceSqlHaHistoryStatesResponse.builder()
        .instances(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static RegisteredInstance registered(
      RequestContext ctx,
      String id,
      String haStatus,
      String processing,
      String credentials,
      Instant at,
      String license) {
    return RegisteredInstance.builder()
        .instanceId(id)
        .haStatus(haStatus)
        .processingStatus(processing)
        .sqlServerCredentials(credentials)
        .lastUpdatedTime(at)
        .sqlServerLicenseUsage(license)
        .tags(ctx.tags().sdkTags(id))
        .build();
  }
}
