package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.AthenaIntegration;
import software.amazon.awssdk.services.ec2.model.GetFlowLogsIntegrationTemplateRequest;
import software.amazon.awssdk.services.ec2.model.GetFlowLogsIntegrationTemplateResponse;

/**
 * GetFlowLogsIntegrationTemplate: the S3 URL of the CloudFormation template that would integrate a
 * flow log with Amazon Athena, checked as AWS checks it (a VPC, subnet or interface flow log that
 * publishes to S3; S3 ARNs for the template and the query results; a partition load frequency; a
 * partition range in the past). No template is written: there is no S3 here.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetFlowLogsIntegrationTemplate.html
 */
public final class FlowLogTemplatesService {
  private static final Pattern S3_ARN = FlowLogsService.DESTINATIONS.get("s3");
  private static final java.util.Set<String> FREQUENCIES =
      java.util.Set.of("none", "daily", "weekly", "monthly");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  public GetFlowLogsIntegrationTemplateResponse getFlowLogsIntegrationTemplate(
      RequestContext ctx, GetFlowLogsIntegrationTemplateRequest req) {
    String id = required(req.flowLogId(), "FlowLogId");
    String config = s3Arn(req.configDeliveryS3DestinationArn(), "ConfigDeliveryS3DestinationArn");
    if (req.integrateServices() == null || req.integrateServices().athenaIntegrations().isEmpty()) {
      throw AwsException.missingParameter("IntegrateServices.AthenaIntegration");
    }
    for (AthenaIntegration a : req.integrateServices().athenaIntegrations()) {
      check(a);
    }
    FlowLogRecord log = FlowLogs.KIND.get(ctx.state(), id);
    if (log.resourceId().startsWith("tgw-")) {
      throw AwsException.invalidParameterValue(
          "GetFlowLogsIntegrationTemplate does not support transit gateway flow logs ("
              + id
              + ").");
    }
    if (!log.destinationType().equals("s3")) {
      throw AwsException.invalidParameterValue(
          "The flow log " + id + " publishes to " + log.destinationType() + ", not to Amazon S3.");
    }
    String path = config.substring(config.indexOf(":::") + 3);
    int slash = path.indexOf('/');
    String bucket = slash < 0 ? path : path.substring(0, slash);
    String prefix = slash < 0 ? "" : path.substring(slash + 1);
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix += "/";
    }
    String key =
        "VPCFlowLogsIntegrationTemplate_"
            + id
            + "_"
            + URLEncoder.encode(STAMP.format(Instant.now()), StandardCharsets.UTF_8)
                .replace("+", "%20")
            + ".yml";
    return GetFlowLogsIntegrationTemplateResponse.builder()
        .result("https://" + bucket + ".s3." + ctx.region() + ".amazonaws.com/" + prefix + key)
        .build();
  }

  private static void check(AthenaIntegration a) {
    s3Arn(
        a.integrationResultS3DestinationArn(),
        "AthenaIntegration.IntegrationResultS3DestinationArn");
    String frequency =
        required(a.partitionLoadFrequencyAsString(), "AthenaIntegration.PartitionLoadFrequency");
    if (!FREQUENCIES.contains(frequency)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + frequency
              + ") for parameter PartitionLoadFrequency is invalid. Use none, daily, weekly or"
              + " monthly.");
    }
    Instant start = a.partitionStartDate();
    Instant end = a.partitionEndDate();
    Instant now = Instant.now();
    if ((start != null && start.isAfter(now)) || (end != null && end.isAfter(now))) {
      throw AwsException.invalidParameterValue(
          "The partition start and end dates must be in the past.");
    }
    if (start != null && end != null && !start.isBefore(end)) {
      throw AwsException.invalidParameterValue(
          "The partition start date must be before the partition end date.");
    }
  }

  private static String s3Arn(String arn, String name) {
    required(arn, name);
    if (!S3_ARN.matcher(arn).matches()) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + arn
              + ") for parameter "
              + name
              + " is invalid. It must be an Amazon S3 ARN.");
    }
    return arn;
  }

  private static String required(String v, String name) {
    if (v == null) {
      throw AwsException.missingParameter(name);
    }
    return v;
  }
}
