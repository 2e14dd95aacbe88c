package dev.ec2double.ec2.imagesettings;

import dev.ec2double.core.Wildcard;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CreationDateCondition;
import software.amazon.awssdk.services.ec2.model.DeprecationTimeCondition;
import software.amazon.awssdk.services.ec2.model.ImageCriterion;
import software.amazon.awssdk.services.ec2.model.ImageCriterionRequest;
import software.amazon.awssdk.services.ec2.model.ImageWatermarkFilterRequest;
import software.amazon.awssdk.services.ec2.model.ImageWatermarkFilterResponse;
import software.amazon.awssdk.services.ec2.model.ScanResultCondition;

/**
 * The Allowed AMIs criteria: AWS's limits on them (10 criteria; per criterion 200 providers, 50
 * names, 50 Marketplace codes) and whether an AMI meets them. An AMI meets the criteria when it
 * meets any one criterion, and a criterion when it meets every condition the criterion states.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ImageCriterionRequest.html
 */
final class ImageCriteria {
  private static final int MAX_CRITERIA = 10;
  private static final int MAX_PROVIDERS = 200;
  private static final int MAX_NAMES = 50;
  private static final int MAX_CODES = 50;
  private static final Set<String> PROVIDERS =
      Set.of("amazon", "aws-marketplace", "aws-backup-vault", "none");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9()\\[\\]./\\-'@_*? ]{1,128}");
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,25}");
  private static final Pattern WATERMARK_KEY =
      Pattern.compile("\\d{12}:[A-Za-z0-9()\\[\\] ./\\-'@_]{3,128}");
  private static final Set<String> SEVERITIES =
      Set.of("informational", "low", "medium", "high", "critical");

  private ImageCriteria() {}

  /** The request's criteria checked against AWS's limits, in the form Get answers them. */
  static List<ImageCriterion> of(List<ImageCriterionRequest> requested) {
    if (requested.size() > MAX_CRITERIA) {
      throw invalid("You can specify up to " + MAX_CRITERIA + " image criteria.");
    }
    List<ImageCriterion> out = new ArrayList<>();
    for (ImageCriterionRequest c : requested) {
      out.add(one(c));
    }
    return out;
  }

  private static ImageCriterion one(ImageCriterionRequest c) {
    providers(c.imageProviders());
    limit(c.imageNames(), MAX_NAMES, "ImageNames");
    for (String n : c.imageNames()) {
      if (n == null || !NAME.matcher(n).matches() || (n.contains("?") && n.length() < 3)) {
        throw invalid("The image name '" + n + "' is not valid for the Allowed AMIs criteria.");
      }
    }
    limit(c.marketplaceProductCodes(), MAX_CODES, "MarketplaceProductCodes");
    for (String code : c.marketplaceProductCodes()) {
      if (code == null || !CODE.matcher(code).matches()) {
        throw invalid("The Marketplace product code '" + code + "' is not valid.");
      }
    }
    for (ImageWatermarkFilterRequest w : c.imageWatermarks()) {
      if (w.watermarkKey() == null || !WATERMARK_KEY.matcher(w.watermarkKey()).matches()) {
        throw invalid(
            "The watermark key '" + w.watermarkKey() + "' is not in the format accountId:name.");
      }
      if (w.sourceImageRegion() != null && !RegionCatalog.isRegion(w.sourceImageRegion())) {
        throw invalid("The region '" + w.sourceImageRegion() + "' is not valid.");
      }
      nonNegative(w.maximumDaysSinceSourceImageCreated(), "MaximumDaysSinceSourceImageCreated");
      nonNegative(w.maximumDaysSinceWatermarkCreated(), "MaximumDaysSinceWatermarkCreated");
    }
    ImageCriterion.Builder b =
        ImageCriterion.builder()
            .imageProviders(c.imageProviders())
            .imageNames(c.imageNames())
            .marketplaceProductCodes(c.marketplaceProductCodes())
            .imageWatermarks(
                c.imageWatermarks().stream()
                    .map(
                        w ->
                            ImageWatermarkFilterResponse.builder()
                                .watermarkKey(w.watermarkKey())
                                .sourceImageRegion(w.sourceImageRegion())
                                .maximumDaysSinceSourceImageCreated(
                                    w.maximumDaysSinceSourceImageCreated())
                                .maximumDaysSinceWatermarkCreated(
                                    w.maximumDaysSinceWatermarkCreated())
                                .build())
                    .toList());
    boolean any =
        !c.imageProviders().isEmpty()
            || !c.imageNames().isEmpty()
            || !c.marketplaceProductCodes().isEmpty()
            || !c.imageWatermarks().isEmpty();
    if (c.deprecationTimeCondition() != null) {
      Integer days = c.deprecationTimeCondition().maximumDaysSinceDeprecated();
      nonNegative(days, "MaximumDaysSinceDeprecated");
      b.deprecationTimeCondition(
          DeprecationTimeCondition.builder().maximumDaysSinceDeprecated(days).build());
      any = true;
    }
    if (c.creationDateCondition() != null) {
      Integer days = c.creationDateCondition().maximumDaysSinceCreated();
      nonNegative(days, "MaximumDaysSinceCreated");
      b.creationDateCondition(
          CreationDateCondition.builder().maximumDaysSinceCreated(days).build());
      any = true;
    }
    if (c.scanResultCondition() != null) {
      var s = c.scanResultCondition();
      if (s.maximumSeverityLabel() != null && !SEVERITIES.contains(s.maximumSeverityLabel())) {
        throw invalid(
            "Value ("
                + s.maximumSeverityLabel()
                + ") for parameter MaximumSeverityLabel is invalid. Valid values: "
                + String.join(", ", SEVERITIES.stream().sorted().toList())
                + ".");
      }
      b.scanResultCondition(
          ScanResultCondition.builder()
              .maxDaysSinceLastFindingScan(s.maxDaysSinceLastFindingScan())
              .maximumSeverityLabel(s.maximumSeverityLabel())
              .maxDaysSinceInformationalFixAvailable(s.maxDaysSinceInformationalFixAvailable())
              .maxDaysSinceLowFixAvailable(s.maxDaysSinceLowFixAvailable())
              .maxDaysSinceMediumFixAvailable(s.maxDaysSinceMediumFixAvailable())
              .maxDaysSinceHighFixAvailable(s.maxDaysSinceHighFixAvailable())
              .maxDaysSinceCriticalFixAvailable(s.maxDaysSinceCriticalFixAvailable())
              .build());
      any = true;
    }
    if (!any) {
      throw invalid("An image criterion must specify at least one condition.");
    }
    return b.build();
  }

  private static void providers(List<String> providers) {
    limit(providers, MAX_PROVIDERS, "ImageProviders");
    for (String p : providers) {
      if (p == null || !(PROVIDERS.contains(p) || ACCOUNT.matcher(p).matches())) {
        throw invalid(
            "The image provider '"
                + p
                + "' is not valid. Specify amazon, aws-marketplace, aws-backup-vault, none or a"
                + " 12-digit account ID.");
      }
    }
    if (providers.contains("none") && providers.size() > 1) {
      throw invalid("When the image provider none is specified, no other value can be specified.");
    }
  }

  private static void limit(List<String> values, int max, String name) {
    if (values.size() > max) {
      throw invalid("You can specify up to " + max + " values for " + name + ".");
    }
  }

  private static void nonNegative(Integer value, String name) {
    if (value != null && value < 0) {
      throw invalid("Value (" + value + ") for parameter " + name + " is invalid.");
    }
  }

  private static AwsException invalid(String message) {
    return AwsException.invalidParameterValue(message);
  }

  /** Whether the AMI meets any of the criteria; the account's own AMIs always do. */
  static boolean meets(List<ImageCriterion> criteria, ImageRecord image, String account) {
    if (image.ownerId().equals(account)) {
      return true;
    }
    Instant now = Instant.now();
    return criteria.stream().anyMatch(c -> meets(c, image, account, now));
  }

  private static boolean meets(ImageCriterion c, ImageRecord i, String account, Instant now) {
    if (!c.imageProviders().isEmpty()
        && c.imageProviders().stream().noneMatch(p -> provides(p, i, account))) {
      return false;
    }
    // ec2-double's AMIs carry no Marketplace product codes and no Inspector scan results
    if (!c.marketplaceProductCodes().isEmpty() || c.scanResultCondition() != null) {
      return false;
    }
    if (!c.imageNames().isEmpty()
        && c.imageNames().stream().noneMatch(n -> Wildcard.compile(n).test(i.name()))) {
      return false;
    }
    if (c.creationDateCondition() != null
        && !within(i.created(), c.creationDateCondition().maximumDaysSinceCreated(), now)) {
      return false;
    }
    if (c.deprecationTimeCondition() != null
        && i.deprecated(now)
        && !within(
            i.deprecationTime(), c.deprecationTimeCondition().maximumDaysSinceDeprecated(), now)) {
      return false;
    }
    return c.imageWatermarks().isEmpty()
        || c.imageWatermarks().stream().anyMatch(w -> marked(w, i, now));
  }

  private static boolean provides(String provider, ImageRecord i, String account) {
    return switch (provider) {
      case "amazon" -> "amazon".equals(i.ownerAlias());
      case "none" -> i.ownerId().equals(account);
      case "aws-marketplace", "aws-backup-vault" -> false;
      default -> i.ownerId().equals(provider);
    };
  }

  private static boolean marked(ImageWatermarkFilterResponse w, ImageRecord i, Instant now) {
    return i.watermarks().stream()
        .anyMatch(
            m ->
                m.key().equals(w.watermarkKey())
                    && (w.sourceImageRegion() == null
                        || w.sourceImageRegion().equals(m.sourceImageRegion()))
                    && within(m.sourceImageCreated(), w.maximumDaysSinceSourceImageCreated(), now)
                    && within(m.created(), w.maximumDaysSinceWatermarkCreated(), now));
  }

  /** Whether {@code t} is at most {@code days} days ago (no limit when days is null). */
  private static boolean within(Instant t, Integer days, Instant now) {
    return days == null || !t.isBefore(now.minus(Duration.ofDays(days)));
  }
}
