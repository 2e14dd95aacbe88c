package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import software.amazon.awssdk.services.ec2.model.DestinationOptionsResponse;
import software.amazon.awssdk.services.ec2.model.FlowLog;

/**
 * Flow logs as a resource kind, with the filters of
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeFlowLogs.html
 */
final class FlowLogs {
  private FlowLogs() {}

  static final ResourceKind<FlowLogRecord, FlowLog> KIND =
      ResourceKind.<FlowLogRecord, FlowLog>of("fl", "vpc-flow-log")
          .errors("InvalidFlowLogId.NotFound", "flowLog", "InvalidFlowLogId.Malformed")
          .storedIn(VpcState::of, st -> st.flowLogs)
          .id(FlowLogRecord::id)
          .view(FlowLogs::view, FlowLog::tags)
          .filter("deliver-log-status", FlowLog::deliverLogsStatus)
          .filter("log-destination-type", FlowLog::logDestinationTypeAsString)
          .filter("flow-log-id", FlowLog::flowLogId)
          .filter("log-group-name", FlowLog::logGroupName)
          .filter("resource-id", FlowLog::resourceId)
          .filter("traffic-type", FlowLog::trafficTypeAsString)
          .build();

  private static FlowLog view(RequestContext ctx, FlowLogRecord r) {
    var b =
        FlowLog.builder()
            .flowLogId(r.id())
            .creationTime(r.created())
            .deliverLogsStatus("SUCCESS")
            .flowLogStatus("ACTIVE")
            .resourceId(r.resourceId())
            .trafficType(r.trafficType())
            .logDestinationType(r.destinationType())
            .logDestination(r.destination())
            .logGroupName(r.logGroupName())
            .deliverLogsPermissionArn(r.permissionArn())
            .deliverCrossAccountRole(r.crossAccountRole())
            .logFormat(r.logFormat())
            .maxAggregationInterval(r.maxAggregationInterval())
            .tags(ctx.tags().sdkTags(r.id()));
    if (r.fileFormat() != null) {
      b.destinationOptions(
          DestinationOptionsResponse.builder()
              .fileFormat(r.fileFormat())
              .hiveCompatiblePartitions(r.hiveCompatiblePartitions())
              .perHourPartition(r.perHourPartition())
              .build());
    }
    return b.build();
  }
}
