package dev.ec2double.ec2.policyreports;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.errors.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.model.AttributeSummary;
import software.amazon.awssdk.services.ec2.model.CancelDeclarativePoliciesReportRequest;
import software.amazon.awssdk.services.ec2.model.CancelDeclarativePoliciesReportResponse;
import software.amazon.awssdk.services.ec2.model.DeclarativePoliciesReport;
import software.amazon.awssdk.services.ec2.model.DescribeDeclarativePoliciesReportsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeDeclarativePoliciesReportsResponse;
import software.amazon.awssdk.services.ec2.model.GetDeclarativePoliciesReportSummaryRequest;
import software.amazon.awssdk.services.ec2.model.GetDeclarativePoliciesReportSummaryResponse;
import software.amazon.awssdk.services.ec2.model.RegionalSummary;
import software.amazon.awssdk.services.ec2.model.StartDeclarativePoliciesReportRequest;
import software.amazon.awssdk.services.ec2.model.StartDeclarativePoliciesReportResponse;

/**
 * Declarative policies account status reports. A report runs for {@link #RUNNING} and is then
 * {@code complete}; its summary is computed at that moment from this server's own settings of every
 * account in its scope and every Region ({@link Summaries}). Only a running report can be
 * cancelled; one report runs at a time in the organization. Nothing is written to S3: the bucket
 * and prefix are recorded.
 */
public final class PolicyReportsService {
  /** How long a report runs before it is complete. */
  static final Duration RUNNING = Duration.ofSeconds(5);

  static final ResourceKind<ReportStore.Report, DeclarativePoliciesReport> KIND =
      ResourceKind.<ReportStore.Report, DeclarativePoliciesReport>of(
              "dpr", "declarative-policies-report")
          .errors(
              "InvalidDeclarativePoliciesReportId.NotFound",
              "declarativePoliciesReport",
              "InvalidDeclarativePoliciesReportId.Malformed")
          .storedIn(ReportStore::of, s -> s.reports)
          .id(r -> r.id)
          .view(PolicyReportsService::view, DeclarativePoliciesReport::tags)
          .build();

  private final PolicySettings settings;
  private final BiFunction<String, String, RegionState> states;
  private final Supplier<Collection<RegionState>> all;

  /**
   * @param settings the account settings the summary reads
   * @param states an account's state in a Region, or a fresh one (defaults) where it has none;
   *     never stored by this service
   * @param all every account and Region state the server holds
   */
  public PolicyReportsService(
      Resources resources,
      PolicySettings settings,
      BiFunction<String, String, RegionState> states,
      Supplier<Collection<RegionState>> all) {
    this.settings = settings;
    this.states = states;
    this.all = all;
    KIND.registerTaggable(resources);
  }

  private static DeclarativePoliciesReport view(RequestContext ctx, ReportStore.Report r) {
    return DeclarativePoliciesReport.builder()
        .reportId(r.id)
        .s3Bucket(r.bucket)
        .s3Prefix(r.prefix)
        .targetId(r.targetId)
        .startTime(r.started)
        .endTime(r.ended)
        .status(r.status)
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }

  public StartDeclarativePoliciesReportResponse startDeclarativePoliciesReport(
      RequestContext ctx, StartDeclarativePoliciesReportRequest req) {
    var tags = KIND.tags(req.tagSpecifications());
    Targets.checkBucket(req.s3Bucket());
    List<String> known = all.get().stream().map(RegionState::account).distinct().toList();
    List<String> accounts = Targets.accounts(req.targetId(), ctx.account(), known);
    for (RegionState s : all.get()) {
      if (s.account().equals(ctx.account()) && s.existingPart(ReportStore.class) != null) {
        for (ReportStore.Report r : KIND.all(s)) {
          advanceLocked(r);
          if (r.status.equals("running")) {
            throw new AwsException(
                "IncorrectState",
                "The report "
                    + r.id
                    + " is still running: only one report can be generated at a time.");
          }
        }
      }
    }
    ReportStore.Report made =
        KIND.create(
            ctx,
            tags,
            id ->
                new ReportStore.Report(
                    id, req.s3Bucket(), req.s3Prefix(), req.targetId(), accounts));
    ctx.state().changed();
    return StartDeclarativePoliciesReportResponse.builder().reportId(made.id).build();
  }

  public CancelDeclarativePoliciesReportResponse cancelDeclarativePoliciesReport(
      RequestContext ctx, CancelDeclarativePoliciesReportRequest req) {
    ReportStore.Report r = report(ctx, req.reportId());
    synchronized (this) {
      if (!r.status.equals("running")) {
        throw new AwsException(
            "IncorrectState",
            "The report " + r.id + " is " + r.status + ": only a running report can be cancelled.");
      }
      r.status = "cancelled";
      r.ended = Instant.now();
    }
    ctx.state().changed();
    return CancelDeclarativePoliciesReportResponse.builder().returnValue(true).build();
  }

  public DescribeDeclarativePoliciesReportsResponse describeDeclarativePoliciesReports(
      RequestContext ctx, DescribeDeclarativePoliciesReportsRequest req) {
    KIND.all(ctx.state()).forEach(this::advanceLocked);
    var page = KIND.describe(ctx, req.reportIds(), List.of(), req.maxResults(), req.nextToken());
    return DescribeDeclarativePoliciesReportsResponse.builder()
        .reports(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetDeclarativePoliciesReportSummaryResponse getDeclarativePoliciesReportSummary(
      RequestContext ctx, GetDeclarativePoliciesReportSummaryRequest req) {
    ReportStore.Report r = report(ctx, req.reportId());
    List<ReportStore.Attribute> summary;
    synchronized (this) {
      if (!r.status.equals("complete")) {
        throw new AwsException(
            "IncorrectState",
            "The report " + r.id + " is " + r.status + ": only a complete report has a summary.");
      }
      summary = r.summary;
    }
    return GetDeclarativePoliciesReportSummaryResponse.builder()
        .reportId(r.id)
        .s3Bucket(r.bucket)
        .s3Prefix(r.prefix)
        .targetId(r.targetId)
        .startTime(r.started)
        .endTime(r.ended)
        .numberOfAccounts(r.accounts.size())
        .numberOfFailedAccounts(0)
        .attributeSummaries(summary.stream().map(PolicyReportsService::view).toList())
        .build();
  }

  private static AttributeSummary view(ReportStore.Attribute a) {
    return AttributeSummary.builder()
        .attributeName(a.name())
        .mostFrequentValue(a.mostFrequentValue())
        .numberOfMatchedAccounts(a.matched())
        .numberOfUnmatchedAccounts(a.unmatched())
        .regionalSummaries(
            a.regions().stream()
                .map(
                    c ->
                        RegionalSummary.builder()
                            .regionName(c.region())
                            .numberOfMatchedAccounts(c.matched())
                            .numberOfUnmatchedAccounts(c.unmatched())
                            .build())
                .toList())
        .build();
  }

  /** The report, brought up to date. */
  private ReportStore.Report report(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("ReportId");
    }
    ReportStore.Report r = KIND.get(ctx.state(), id);
    advanceLocked(r);
    return r;
  }

  private void advanceLocked(ReportStore.Report r) {
    // the summary reads other parts of the state: computed outside every lock
    if (r.status.equals("running") && !Instant.now().isBefore(r.started.plus(RUNNING))) {
      List<ReportStore.Attribute> summary = Summaries.compute(r.accounts, settings, states);
      synchronized (this) {
        if (r.status.equals("running")) {
          r.summary = summary;
          r.status = "complete";
          r.ended = r.started.plus(RUNNING);
        }
      }
    }
  }
}
