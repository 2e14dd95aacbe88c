package dev.ec2double.ec2.verifiedaccess;

import static dev.ec2double.ec2.verifiedaccess.TrustProvidersService.required;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessInstanceLoggingConfigurationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessInstanceLoggingConfigurationsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessInstanceLoggingConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessInstanceLoggingConfigurationResponse;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstanceLoggingConfiguration;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogCloudWatchLogsDestination;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogDeliveryStatus;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogKinesisDataFirehoseDestination;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogS3Destination;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogs;

/**
 * Where an instance's access logs go: S3, CloudWatch Logs, Kinesis Data Firehose, in one of the
 * OCSF log versions. An instance whose logging was never set shows every destination disabled,
 * version {@code ocsf-0.1}. Records: no log is written anywhere.
 */
public final class LoggingService {
  private static final List<String> VERSIONS = List.of("ocsf-0.1", "ocsf-1.0.0-rc.2");

  private static final FilterSpec<VerifiedAccessInstanceLoggingConfiguration> FILTERS =
      FilterSpec.<VerifiedAccessInstanceLoggingConfiguration>of()
          .field(
              "verified-access-instance-id",
              VerifiedAccessInstanceLoggingConfiguration::verifiedAccessInstanceId);

  static final VerifiedAccessLogs DEFAULTS =
      VerifiedAccessLogs.builder()
          .s3(VerifiedAccessLogS3Destination.builder().enabled(false).build())
          .cloudWatchLogs(
              VerifiedAccessLogCloudWatchLogsDestination.builder().enabled(false).build())
          .kinesisDataFirehose(
              VerifiedAccessLogKinesisDataFirehoseDestination.builder().enabled(false).build())
          .logVersion("ocsf-0.1")
          .includeTrustContext(false)
          .build();

  private static final VerifiedAccessLogDeliveryStatus DELIVERED =
      VerifiedAccessLogDeliveryStatus.builder().code("success").build();

  public DescribeVerifiedAccessInstanceLoggingConfigurationsResponse
      describeVerifiedAccessInstanceLoggingConfigurations(
          RequestContext ctx, DescribeVerifiedAccessInstanceLoggingConfigurationsRequest req) {
    var filter = FILTERS.compile(req.filters());
    List<VerifiedAccessInstanceLoggingConfiguration> all = new ArrayList<>();
    synchronized (AccessStore.of(ctx.state())) {
      List<AccessStore.Instance> selected =
          req.verifiedAccessInstanceIds().isEmpty()
              ? AccessInstances.KIND.all(ctx.state())
              : req.verifiedAccessInstanceIds().stream()
                  .map(id -> AccessInstances.KIND.get(ctx.state(), id))
                  .toList();
      selected.forEach(i -> all.add(view(i)));
    }
    var page =
        Pages.page(
            ctx.action(), all.stream().filter(filter).toList(), req.maxResults(), req.nextToken());
    return DescribeVerifiedAccessInstanceLoggingConfigurationsResponse.builder()
        .loggingConfigurations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static VerifiedAccessInstanceLoggingConfiguration view(AccessStore.Instance i) {
    return VerifiedAccessInstanceLoggingConfiguration.builder()
        .verifiedAccessInstanceId(i.id)
        .accessLogs(i.logs == null ? DEFAULTS : i.logs)
        .build();
  }

  /** Each destination given replaces the one set before; those not given stay. */
  public ModifyVerifiedAccessInstanceLoggingConfigurationResponse
      modifyVerifiedAccessInstanceLoggingConfiguration(
          RequestContext ctx, ModifyVerifiedAccessInstanceLoggingConfigurationRequest req) {
    String id = required(req.verifiedAccessInstanceId(), "VerifiedAccessInstanceId");
    VerifiedAccessLogOptions o = req.accessLogs();
    if (o == null) {
      throw AwsException.missingParameter("AccessLogs");
    }
    if (o.logVersion() != null && !VERSIONS.contains(o.logVersion())) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + o.logVersion() + "' for LogVersion: one of " + VERSIONS);
    }
    AccessStore.Instance i =
        AccessInstances.KIND.modify(
            ctx,
            id,
            r -> {
              VerifiedAccessLogs.Builder b = (r.logs == null ? DEFAULTS : r.logs).toBuilder();
              if (o.s3() != null) {
                b.s3(s3(ctx, o));
              }
              if (o.cloudWatchLogs() != null) {
                boolean on = enabled(o.cloudWatchLogs().enabled());
                needs(on, o.cloudWatchLogs().logGroup(), "CloudWatchLogs.LogGroup");
                b.cloudWatchLogs(
                    VerifiedAccessLogCloudWatchLogsDestination.builder()
                        .enabled(on)
                        .logGroup(on ? o.cloudWatchLogs().logGroup() : null)
                        .deliveryStatus(on ? DELIVERED : null)
                        .build());
              }
              if (o.kinesisDataFirehose() != null) {
                var f = o.kinesisDataFirehose();
                boolean on = enabled(f.enabled());
                needs(on, f.deliveryStream(), "KinesisDataFirehose.DeliveryStream");
                b.kinesisDataFirehose(
                    VerifiedAccessLogKinesisDataFirehoseDestination.builder()
                        .enabled(on)
                        .deliveryStream(on ? f.deliveryStream() : null)
                        .deliveryStatus(on ? DELIVERED : null)
                        .build());
              }
              if (o.logVersion() != null) {
                b.logVersion(o.logVersion());
              }
              if (o.includeTrustContext() != null) {
                b.includeTrustContext(o.includeTrustContext());
              }
              r.logs = b.build();
              r.touch();
              return r;
            });
    return ModifyVerifiedAccessInstanceLoggingConfigurationResponse.builder()
        .loggingConfiguration(view(i))
        .build();
  }

  private static VerifiedAccessLogS3Destination s3(RequestContext ctx, VerifiedAccessLogOptions o) {
    var s = o.s3();
    boolean on = enabled(s.enabled());
    needs(on, s.bucketName(), "S3.BucketName");
    return VerifiedAccessLogS3Destination.builder()
        .enabled(on)
        .bucketName(on ? s.bucketName() : null)
        .prefix(on ? s.prefix() : null)
        .bucketOwner(on ? (s.bucketOwner() == null ? ctx.account() : s.bucketOwner()) : null)
        .deliveryStatus(on ? DELIVERED : null)
        .build();
  }

  private static boolean enabled(Boolean enabled) {
    if (enabled == null) {
      throw AwsException.missingParameter("Enabled");
    }
    return enabled;
  }

  private static void needs(boolean on, String value, String name) {
    if (on && (value == null || value.isBlank())) {
      throw AwsException.missingParameter("AccessLogs." + name);
    }
  }
}
