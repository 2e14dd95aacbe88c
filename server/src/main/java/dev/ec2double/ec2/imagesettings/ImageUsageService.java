package dev.ec2double.ec2.imagesettings;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CreateImageUsageReportRequest;
import software.amazon.awssdk.services.ec2.model.CreateImageUsageReportResponse;
import software.amazon.awssdk.services.ec2.model.DeleteImageUsageReportRequest;
import software.amazon.awssdk.services.ec2.model.DeleteImageUsageReportResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImageUsageReportEntriesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImageUsageReportEntriesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImageUsageReportsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImageUsageReportsResponse;
import software.amazon.awssdk.services.ec2.model.ImageUsageReport;
import software.amazon.awssdk.services.ec2.model.ImageUsageReportEntry;
import software.amazon.awssdk.services.ec2.model.ImageUsageResourceType;
import software.amazon.awssdk.services.ec2.model.ImageUsageResourceTypeOption;
import software.amazon.awssdk.services.ec2.model.ImageUsageResourceTypeRequest;

/**
 * Image usage reports: which accounts' instances and launch templates in this region use one of the
 * caller's AMIs, counted from the server's real state (every account it holds) when the report is
 * made. A report is {@code available} at once and expires after 30 days.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/your-ec2-ami-usage.html
 */
public final class ImageUsageService {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Set<String> TYPES = Set.of(ImageUses.INSTANCE, ImageUses.TEMPLATE);

  private final ImagesService images;
  private final ImageUses uses;

  public ImageUsageService(ImagesService images, TemplateImages templates, Resources resources) {
    this.images = images;
    this.uses = new ImageUses(templates);
    UsageReports.KIND.registerTaggable(resources);
  }

  public CreateImageUsageReportResponse createImageUsageReport(
      RequestContext ctx, CreateImageUsageReportRequest req) {
    ImageRecord image = images.requireOwned(ctx, req.imageId());
    if (req.resourceTypes().isEmpty()) {
      throw AwsException.missingParameter("ResourceType");
    }
    for (String a : req.accountIds()) {
      if (a == null || !ACCOUNT.matcher(a).matches()) {
        throw AwsException.invalidParameterValue(
            "Value ("
                + a
                + ") for parameter AccountId is invalid. Expected a 12-digit account ID.");
      }
    }
    List<ImageUses.Scope> scopes = new ArrayList<>();
    List<ImageUsageResourceType> types = new ArrayList<>();
    for (ImageUsageResourceTypeRequest t : req.resourceTypes()) {
      Map<String, List<String>> options = new LinkedHashMap<>();
      t.resourceTypeOptions().forEach(o -> options.put(o.optionName(), o.optionValues()));
      scopes.add(ImageUses.scope(t.resourceType(), options, TYPES));
      types.add(
          ImageUsageResourceType.builder()
              .resourceType(t.resourceType())
              .resourceTypeOptions(
                  t.resourceTypeOptions().stream()
                      .map(
                          o ->
                              ImageUsageResourceTypeOption.builder()
                                  .optionName(o.optionName())
                                  .optionValues(o.optionValues())
                                  .build())
                      .toList())
              .build());
    }
    var tags = UsageReports.KIND.tags(req.tagSpecifications());
    List<UsageReports.Entry> entries = count(ctx, image.imageId(), scopes, req.accountIds());
    UsageReports.Report report =
        UsageReports.KIND.create(
            ctx,
            tags,
            id ->
                new UsageReports.Report(
                    id,
                    image.imageId(),
                    List.copyOf(types),
                    List.copyOf(req.accountIds()),
                    Instant.now(),
                    entries));
    ctx.state().changed();
    return CreateImageUsageReportResponse.builder().reportId(report.id()).build();
  }

  /**
   * The uses in every account of the caller's region (those asked for, when AccountIds names some).
   */
  private List<UsageReports.Entry> count(
      RequestContext ctx, String imageId, List<ImageUses.Scope> scopes, List<String> accounts) {
    List<UsageReports.Entry> out = new ArrayList<>();
    for (RegionState r : images.allRegions()) {
      if (!r.region().equals(ctx.region())
          || (!accounts.isEmpty() && !accounts.contains(r.account()))) {
        continue;
      }
      for (ImageUses.Scope s : scopes) {
        int n = uses.of(r, imageId, s).size();
        if (n > 0) {
          out.add(new UsageReports.Entry(s.type(), r.account(), n));
        }
      }
    }
    return out;
  }

  public DeleteImageUsageReportResponse deleteImageUsageReport(
      RequestContext ctx, DeleteImageUsageReportRequest req) {
    if (req.reportId() == null) {
      throw AwsException.missingParameter("ReportId");
    }
    UsageReports.KIND.delete(ctx, req.reportId());
    ctx.state().changed();
    return DeleteImageUsageReportResponse.builder().returnValue(true).build();
  }

  public DescribeImageUsageReportsResponse describeImageUsageReports(
      RequestContext ctx, DescribeImageUsageReportsRequest req) {
    List<ImageUsageReport> views =
        UsageReports.KIND.select(
            ctx, selected(ctx, req.reportIds(), req.imageIds()), req.filters());
    var page = Pages.page(ctx.action(), views, req.maxResults(), req.nextToken());
    return DescribeImageUsageReportsResponse.builder()
        .imageUsageReports(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeImageUsageReportEntriesResponse describeImageUsageReportEntries(
      RequestContext ctx, DescribeImageUsageReportEntriesRequest req) {
    Predicate<ImageUsageReportEntry> filter = UsageReports.ENTRY_FILTERS.compile(req.filters());
    Predicate<UsageReports.Report> which = selected(ctx, req.reportIds(), req.imageIds());
    List<ImageUsageReportEntry> out = new ArrayList<>();
    for (UsageReports.Report r : UsageReports.KIND.all(ctx.state())) {
      if (which.test(r)) {
        r.entries().stream().map(e -> UsageReports.entry(r, e)).filter(filter).forEach(out::add);
      }
    }
    var page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeImageUsageReportEntriesResponse.builder()
        .imageUsageReportEntries(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The reports the ids name (each must exist) for the AMIs named (each well formed). */
  private Predicate<UsageReports.Report> selected(
      RequestContext ctx, List<String> reportIds, List<String> imageIds) {
    for (String id : reportIds) {
      UsageReports.KIND.get(ctx.state(), id);
    }
    imageIds.forEach(ImagesService::checkId);
    Set<String> reports = Set.copyOf(reportIds);
    Set<String> amis = Set.copyOf(imageIds);
    return r ->
        (reports.isEmpty() || reports.contains(r.id()))
            && (amis.isEmpty() || amis.contains(r.imageId()));
  }
}
