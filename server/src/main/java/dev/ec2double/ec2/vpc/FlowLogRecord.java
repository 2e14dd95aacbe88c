package dev.ec2double.ec2.vpc;

/**
 * A flow log: which resource's traffic, of which kind, would be published where. Nothing is
 * published (docs/networking.md).
 */
record FlowLogRecord(
    String id,
    String resourceId,
    String trafficType,
    String destinationType,
    String destination,
    String logGroupName,
    String permissionArn,
    String crossAccountRole,
    String logFormat,
    int maxAggregationInterval,
    String fileFormat,
    Boolean hiveCompatiblePartitions,
    Boolean perHourPartition,
    java.time.Instant created)
    implements java.io.Serializable {

  /** Whether a second Create for the same resource would make the same flow log (AWS refuses). */
  boolean sameAs(String resource, String traffic, String type, String dest, String group) {
    return resourceId.equals(resource)
        && trafficType.equals(traffic)
        && destinationType.equals(type)
        && java.util.Objects.equals(destination, dest)
        && java.util.Objects.equals(logGroupName, group);
  }
}
