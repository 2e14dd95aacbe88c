package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsRequest;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteFlowLogsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeFlowLogsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;

/**
 * CreateFlowLogs, DescribeFlowLogs, DeleteFlowLogs: records with AWS's checks of the destination
 * (CloudWatch Logs with a role, S3, Kinesis Data Firehose). No log is delivered anywhere.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateFlowLogs.html
 */
public final class FlowLogsService {
  static final String DEFAULT_FORMAT =
      "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport}"
          + " ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}";
  private static final Set<String> TRAFFIC = Set.of("ACCEPT", "REJECT", "ALL");
  static final Map<String, Pattern> DESTINATIONS =
      Map.of(
          "cloud-watch-logs",
          Pattern.compile("arn:aws[a-z-]*:logs:[a-z0-9-]+:\\d{12}:log-group:[^:]+(:\\*)?"),
          "s3",
          Pattern.compile("arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?"),
          "kinesis-data-firehose",
          Pattern.compile("arn:aws[a-z-]*:firehose:[a-z0-9-]+:\\d{12}:deliverystream/.+"));
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");

  public CreateFlowLogsResponse createFlowLogs(RequestContext ctx, CreateFlowLogsRequest req) {
    if (req.resourceIds().isEmpty()) {
      throw AwsException.missingParameter("ResourceId");
    }
    String type = required(req.resourceTypeAsString(), "ResourceType");
    String traffic = required(req.trafficTypeAsString(), "TrafficType");
    if (!TRAFFIC.contains(traffic)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + traffic
              + ") for parameter TrafficType is invalid. Use ACCEPT, REJECT or ALL.");
    }
    String destinationType =
        req.logDestinationTypeAsString() == null
            ? "cloud-watch-logs"
            : req.logDestinationTypeAsString();
    Pattern shape = DESTINATIONS.get(destinationType);
    if (shape == null) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + destinationType
              + ") for parameter LogDestinationType is invalid. Use cloud-watch-logs, s3 or"
              + " kinesis-data-firehose.");
    }
    String destination = req.logDestination();
    String group = req.logGroupName();
    checkDestination(destinationType, shape, destination, group, req.deliverLogsPermissionArn());
    int interval = req.maxAggregationInterval() == null ? 600 : req.maxAggregationInterval();
    if (interval != 60 && interval != 600) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + interval
              + ") for parameter MaxAggregationInterval is invalid. Use 60 or 600.");
    }
    String format = req.logFormat() == null ? DEFAULT_FORMAT : req.logFormat();
    if (format.isBlank()) {
      throw AwsException.invalidParameterValue("The log format must not be empty");
    }
    var options = req.destinationOptions();
    if (options != null && !destinationType.equals("s3")) {
      throw AwsException.invalidParameterCombination(
          "DestinationOptions can only be given for the s3 destination type");
    }
    var tags = FlowLogs.KIND.tags(req.tagSpecifications());
    VpcState st = VpcState.of(ctx.state());
    List<String> made = new ArrayList<>();
    List<UnsuccessfulItem> failed = new ArrayList<>();
    java.time.Instant now = java.time.Instant.now();
    synchronized (st) {
      for (String resource : req.resourceIds()) {
        checkResource(st, type, resource);
        boolean exists =
            st.flowLogs.values().stream()
                .anyMatch(f -> f.sameAs(resource, traffic, destinationType, destination, group));
        if (exists) {
          failed.add(
              Unsuccessful.item(
                  resource,
                  "FlowLogAlreadyExists",
                  "Error. There is an existing Flow Log with the same configuration and log"
                      + " destination."));
          continue;
        }
        FlowLogRecord f =
            FlowLogs.KIND.create(
                ctx,
                tags,
                id ->
                    new FlowLogRecord(
                        id,
                        resource,
                        traffic,
                        destinationType,
                        destination,
                        group,
                        req.deliverLogsPermissionArn(),
                        req.deliverCrossAccountRole(),
                        format,
                        interval,
                        options == null
                            ? null
                            : options.fileFormatAsString() == null
                                ? "plain-text"
                                : options.fileFormatAsString(),
                        options == null ? null : bool(options.hiveCompatiblePartitions()),
                        options == null ? null : bool(options.perHourPartition()),
                        now));
        made.add(f.id());
      }
    }
    return CreateFlowLogsResponse.builder()
        .flowLogIds(made)
        .unsuccessful(failed)
        .clientToken(req.clientToken())
        .build();
  }

  private static boolean bool(Boolean b) {
    return Boolean.TRUE.equals(b);
  }

  /**
   * CloudWatch Logs takes a group name or ARN and needs the role that delivers; S3 and Firehose
   * take an ARN and no role.
   */
  private static void checkDestination(
      String type, Pattern shape, String destination, String group, String role) {
    if (destination != null && !shape.matcher(destination).matches()) {
      throw AwsException.invalidParameterValue(
          "LogDestination: " + destination + " is not a valid " + type + " destination ARN");
    }
    if (type.equals("cloud-watch-logs")) {
      if (destination == null && group == null) {
        throw AwsException.missingParameter("LogGroupName");
      }
      if (destination != null && group != null) {
        throw AwsException.invalidParameterCombination(
            "Please only provide LogGroupName or only provide LogDestination.");
      }
      if (role == null) {
        throw AwsException.missingParameter("DeliverLogsPermissionArn");
      }
    } else {
      if (destination == null) {
        throw AwsException.missingParameter("LogDestination");
      }
      if (group != null) {
        throw AwsException.invalidParameterCombination(
            "LogGroupName can only be given for the cloud-watch-logs destination type");
      }
      if (role != null && type.equals("s3")) {
        throw new AwsException(
            "InvalidParameter", "DeliverLogsPermissionArn is not applicable for s3 delivery");
      }
    }
    if (role != null && !ROLE_ARN.matcher(role).matches()) {
      throw AwsException.invalidParameterValue(
          "DeliverLogsPermissionArn: " + role + " is not a valid IAM role ARN");
    }
  }

  private static void checkResource(VpcState st, String type, String id) {
    switch (type) {
      case "VPC" -> st.vpc(id);
      case "Subnet" -> st.subnet(id);
      case "NetworkInterface" -> st.networkInterface(id);
      case "TransitGateway", "TransitGatewayAttachment" ->
          throw new AwsException(
              "InvalidTransitGatewayID.NotFound",
              "The transitGateway ID '" + id + "' does not exist.");
      default ->
          throw AwsException.invalidParameterValue(
              "Value ("
                  + type
                  + ") for parameter ResourceType is invalid. Use VPC, Subnet, NetworkInterface,"
                  + " TransitGateway or TransitGatewayAttachment.");
    }
  }

  public DescribeFlowLogsResponse describeFlowLogs(
      RequestContext ctx, DescribeFlowLogsRequest req) {
    // the member is "Filter" (Filter.N), not "Filters"
    var page =
        FlowLogs.KIND.describe(
            ctx, req.flowLogIds(), req.filter(), req.maxResults(), req.nextToken());
    return DescribeFlowLogsResponse.builder()
        .flowLogs(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Unknown ids are unsuccessful items, as AWS answers them. */
  public DeleteFlowLogsResponse deleteFlowLogs(RequestContext ctx, DeleteFlowLogsRequest req) {
    if (req.flowLogIds().isEmpty()) {
      throw AwsException.missingParameter("FlowLogId");
    }
    List<UnsuccessfulItem> failed = new ArrayList<>();
    for (String id : req.flowLogIds()) {
      if (FlowLogs.KIND.remove(ctx, id).isEmpty()) {
        failed.add(
            Unsuccessful.item(
                id, "InvalidFlowLogId.NotFound", "Flow log " + id + " does not exist"));
      }
    }
    return DeleteFlowLogsResponse.builder().unsuccessful(failed).build();
  }

  private static String required(String v, String name) {
    if (v == null) {
      throw AwsException.missingParameter(name);
    }
    return v;
  }
}
