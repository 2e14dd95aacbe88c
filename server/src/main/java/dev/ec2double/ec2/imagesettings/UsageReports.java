package dev.ec2double.ec2.imagesettings;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ImageUsageReport;
import software.amazon.awssdk.services.ec2.model.ImageUsageReportEntry;
import software.amazon.awssdk.services.ec2.model.ImageUsageResourceType;

/** Image usage reports: a resource kind ({@code amiur-}), and the entries each report holds. */
final class UsageReports {
  private UsageReports() {}

  /** How long AWS keeps a report. */
  static final Duration KEPT = Duration.ofDays(30);

  /** One count: how many resources of a type one account has that use the AMI. */
  record Entry(String resourceType, String accountId, long count) implements java.io.Serializable {}

  /** A report, counted when it is made. */
  record Report(
      String id,
      String imageId,
      List<ImageUsageResourceType> resourceTypes,
      List<String> accountIds,
      Instant created,
      List<Entry> entries)
      implements java.io.Serializable {}

  static final ResourceKind<Report, ImageUsageReport> KIND =
      ResourceKind.<Report, ImageUsageReport>of("amiur", "image-usage-report")
          .errors(
              "InvalidImageUsageReportId.NotFound",
              "imageUsageReport",
              "InvalidImageUsageReportId.Malformed")
          .storedIn(ImageSettingsState::of, st -> st.reports)
          .id(Report::id)
          .view(UsageReports::view, ImageUsageReport::tags)
          .filter("creation-time", r -> r.creationTime().toString())
          .filter("state", ImageUsageReport::state)
          .build();

  /** The filters of DescribeImageUsageReportEntries. */
  static final FilterSpec<ImageUsageReportEntry> ENTRY_FILTERS =
      FilterSpec.<ImageUsageReportEntry>of()
          .field("account-id", ImageUsageReportEntry::accountId)
          .field("creation-time", e -> e.reportCreationTime().toString())
          .field("resource-type", ImageUsageReportEntry::resourceType);

  private static ImageUsageReport view(RequestContext ctx, Report r) {
    return ImageUsageReport.builder()
        .imageId(r.imageId())
        .reportId(r.id())
        .resourceTypes(r.resourceTypes())
        .accountIds(r.accountIds())
        .state("available")
        .creationTime(r.created())
        .expirationTime(r.created().plus(KEPT))
        .tags(ctx.tags().sdkTags(r.id()))
        .build();
  }

  static ImageUsageReportEntry entry(Report r, Entry e) {
    return ImageUsageReportEntry.builder()
        .resourceType(e.resourceType())
        .reportId(r.id())
        .usageCount(e.count())
        .accountId(e.accountId())
        .imageId(r.imageId())
        .reportCreationTime(r.created())
        .build();
  }
}
