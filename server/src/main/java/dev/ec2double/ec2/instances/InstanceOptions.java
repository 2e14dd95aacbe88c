package dev.ec2double.ec2.instances;

import dev.ec2double.errors.AwsException;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.InstanceMaintenanceOptions;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkPerformanceOptions;

/**
 * An instance's options beyond its type: detailed monitoring, active CPU cores and threads,
 * maintenance and network performance options, as its views show them and as the Modify calls check
 * them. Records saved before these options existed read as AWS's defaults.
 */
final class InstanceOptions {
  private InstanceOptions() {}

  static String monitoring(InstanceRecord r) {
    return r.monitoring == null ? "disabled" : r.monitoring;
  }

  static int cores(InstanceRecord r, TypeLimits type) {
    return r.cpuCores != null ? r.cpuCores : type.cores();
  }

  static int threads(InstanceRecord r, TypeLimits type) {
    return r.cpuThreads != null ? r.cpuThreads : type.threadsPerCore();
  }

  /** The vCPUs its machine gets: the active cores times their threads. */
  static int vcpus(InstanceRecord r, TypeLimits type) {
    return r.cpuCores == null && r.cpuThreads == null
        ? type.vcpus()
        : cores(r, type) * threads(r, type);
  }

  static InstanceMaintenanceOptions maintenance(InstanceRecord r) {
    return InstanceMaintenanceOptions.builder()
        .autoRecovery(orDefault(r.autoRecovery))
        .rebootMigration(orDefault(r.rebootMigration))
        .build();
  }

  static InstanceNetworkPerformanceOptions networkPerformance(InstanceRecord r) {
    return InstanceNetworkPerformanceOptions.builder()
        .bandwidthWeighting(orDefault(r.bandwidthWeighting))
        .build();
  }

  private static String orDefault(String v) {
    return v == null ? "default" : v;
  }

  /**
   * CoreCount and ThreadsPerCore against the type: at most its cores, one thread or the type's
   * threads per core (AWS's valid values, DescribeInstanceTypes' ValidCores and
   * ValidThreadsPerCore); T2 instances take no CPU options.
   * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/cpu-options-supported-instances-values.html
   */
  static void checkCpu(TypeLimits type, Integer cores, Integer threads) {
    if (type.name().startsWith("t2.") || type.name().startsWith("mac")) {
      throw AwsException.invalidParameterValue(
          "CPU options are not supported for instance type " + type.name() + ".");
    }
    if (cores != null && (cores < 1 || cores > type.cores())) {
      throw AwsException.invalidParameterValue(
          "Invalid CPU core count "
              + cores
              + " for instance type "
              + type.name()
              + ": it must be between 1 and "
              + type.cores()
              + ".");
    }
    if (threads != null && threads != 1 && threads != type.threadsPerCore()) {
      throw AwsException.invalidParameterValue(
          "Invalid number of threads per core "
              + threads
              + " for instance type "
              + type.name()
              + ": it must be 1 or "
              + type.threadsPerCore()
              + ".");
    }
  }

  /** One of an enum's values, or AWS's InvalidParameterValue naming the parameter. */
  static String oneOf(String value, String parameter, Set<String> allowed) {
    if (value == null) {
      throw AwsException.missingParameter(parameter);
    }
    if (!allowed.contains(value)) {
      throw AwsException.invalidParameterValue(
          "Value (" + value + ") for parameter " + parameter + " is invalid.");
    }
    return value;
  }
}
