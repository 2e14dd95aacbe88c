package dev.ec2double.ec2.instances;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.InstanceMonitoring;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceCpuOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceCpuOptionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMaintenanceOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMaintenanceOptionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceNetworkPerformanceOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceNetworkPerformanceOptionsResponse;
import software.amazon.awssdk.services.ec2.model.MonitorInstancesRequest;
import software.amazon.awssdk.services.ec2.model.MonitorInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Monitoring;
import software.amazon.awssdk.services.ec2.model.ResetInstanceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.UnmonitorInstancesRequest;
import software.amazon.awssdk.services.ec2.model.UnmonitorInstancesResponse;

/**
 * Monitor/UnmonitorInstances, ModifyInstanceCpuOptions (the machine's CPU limit follows),
 * ModifyInstanceMaintenanceOptions, ModifyInstanceNetworkPerformanceOptions and
 * ResetInstanceAttribute.
 */
public final class InstanceOptionsService {
  private static final Set<String> DEFAULT_OR_DISABLED = Set.of("default", "disabled");

  private final InstancesService instances;
  private final InstanceLifecycle lifecycle;

  public InstanceOptionsService(InstancesService instances, InstanceLifecycle lifecycle) {
    this.instances = instances;
    this.lifecycle = lifecycle;
  }

  /** Detailed monitoring: the answer shows it {@code pending}, the instance then enabled. */
  public MonitorInstancesResponse monitorInstances(
      RequestContext ctx, MonitorInstancesRequest req) {
    return MonitorInstancesResponse.builder()
        .instanceMonitorings(monitor(ctx, req.instanceIds(), "enabled", "pending"))
        .build();
  }

  public UnmonitorInstancesResponse unmonitorInstances(
      RequestContext ctx, UnmonitorInstancesRequest req) {
    return UnmonitorInstancesResponse.builder()
        .instanceMonitorings(monitor(ctx, req.instanceIds(), "disabled", "disabling"))
        .build();
  }

  private static List<InstanceMonitoring> monitor(
      RequestContext ctx, List<String> ids, String to, String shown) {
    List<InstanceRecord> found = Instances.requireAll(ctx, ids);
    for (InstanceRecord r : found) {
      InstanceState s = r.state();
      if (s == InstanceState.TERMINATED || s == InstanceState.SHUTTING_DOWN) {
        throw new AwsException(
            "IncorrectInstanceState",
            "The instance '" + r.id + "' is not in a state from which its monitoring can change.");
      }
    }
    for (InstanceRecord r : found) {
      r.monitoring = to;
    }
    ctx.state().changed();
    return found.stream()
        .map(
            r ->
                InstanceMonitoring.builder()
                    .instanceId(r.id)
                    .monitoring(Monitoring.builder().state(shown).build())
                    .build())
        .toList();
  }

  /**
   * The active cores and threads of a stopped instance; its machine's CPU limit becomes cores times
   * threads at once, so the next start runs with it.
   */
  public ModifyInstanceCpuOptionsResponse modifyInstanceCpuOptions(
      RequestContext ctx, ModifyInstanceCpuOptionsRequest req) {
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    if (req.coreCount() == null && req.threadsPerCore() == null) {
      throw AwsException.missingParameter("CoreCount");
    }
    synchronized (r) {
      if (r.state != InstanceState.STOPPED) {
        throw new AwsException(
            "IncorrectInstanceState", "The instance '" + r.id + "' is not in the 'stopped' state.");
      }
      TypeLimits type = instances.type(r.instanceType);
      InstanceOptions.checkCpu(type, req.coreCount(), req.threadsPerCore());
      r.cpuCores = req.coreCount() != null ? req.coreCount() : InstanceOptions.cores(r, type);
      r.cpuThreads =
          req.threadsPerCore() != null ? req.threadsPerCore() : InstanceOptions.threads(r, type);
      if (r.machineId != null) {
        lifecycle
            .backend()
            .resize(r.machineId, InstanceOptions.vcpus(r, type), type.memoryMib() * 1024 * 1024);
      }
      ctx.state().changed();
      return ModifyInstanceCpuOptionsResponse.builder()
          .instanceId(r.id)
          .coreCount(r.cpuCores)
          .threadsPerCore(r.cpuThreads)
          .build();
    }
  }

  public ModifyInstanceMaintenanceOptionsResponse modifyInstanceMaintenanceOptions(
      RequestContext ctx, ModifyInstanceMaintenanceOptionsRequest req) {
    InstanceRecord r = live(ctx, req.instanceId());
    String recovery = req.autoRecoveryAsString();
    String migration = req.rebootMigrationAsString();
    if (recovery == null && migration == null) {
      throw AwsException.missingParameter("AutoRecovery");
    }
    if (recovery != null) {
      InstanceOptions.oneOf(recovery, "AutoRecovery", DEFAULT_OR_DISABLED);
    }
    if (migration != null) {
      InstanceOptions.oneOf(migration, "RebootMigration", DEFAULT_OR_DISABLED);
    }
    synchronized (r) {
      if (recovery != null) {
        r.autoRecovery = recovery;
      }
      if (migration != null) {
        r.rebootMigration = migration;
      }
    }
    ctx.state().changed();
    var view = InstanceOptions.maintenance(r);
    return ModifyInstanceMaintenanceOptionsResponse.builder()
        .instanceId(r.id)
        .autoRecovery(view.autoRecoveryAsString())
        .rebootMigration(view.rebootMigrationAsString())
        .build();
  }

  public ModifyInstanceNetworkPerformanceOptionsResponse modifyInstanceNetworkPerformanceOptions(
      RequestContext ctx, ModifyInstanceNetworkPerformanceOptionsRequest req) {
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    String weighting =
        InstanceOptions.oneOf(
            req.bandwidthWeightingAsString(),
            "BandwidthWeighting",
            Set.of("default", "vpc-1", "ebs-1"));
    synchronized (r) {
      if (r.state != InstanceState.STOPPED) {
        throw new AwsException(
            "IncorrectInstanceState", "The instance '" + r.id + "' is not in the 'stopped' state.");
      }
      r.bandwidthWeighting = weighting;
    }
    ctx.state().changed();
    return ModifyInstanceNetworkPerformanceOptionsResponse.builder()
        .instanceId(r.id)
        .bandwidthWeighting(weighting)
        .build();
  }

  /**
   * The attributes AWS resets: kernel and ramdisk (a stopped instance; ec2-double's instances have
   * neither), sourceDestCheck (always on here) and disableApiStop.
   */
  public ResetInstanceAttributeResponse resetInstanceAttribute(
      RequestContext ctx, ResetInstanceAttributeRequest req) {
    InstanceRecord r = live(ctx, req.instanceId());
    String attribute = req.attributeAsString();
    if (attribute == null) {
      throw AwsException.missingParameter("Attribute");
    }
    synchronized (r) {
      switch (attribute) {
        case "kernel", "ramdisk" -> {
          if (r.state != InstanceState.STOPPED) {
            throw new AwsException(
                "IncorrectInstanceState",
                "The instance '" + r.id + "' is not in the 'stopped' state.");
          }
        }
        case "sourceDestCheck" -> {}
        case "disableApiStop" -> r.disableApiStop = false;
        default ->
            throw AwsException.invalidParameterValue(
                "Value ("
                    + attribute
                    + ") for parameter attribute is invalid. Only kernel, ramdisk, sourceDestCheck"
                    + " and disableApiStop can be reset.");
      }
    }
    ctx.state().changed();
    return ResetInstanceAttributeResponse.builder().build();
  }

  /** An instance that is not terminated (AWS answers IncorrectInstanceState for those). */
  static InstanceRecord live(RequestContext ctx, String id) {
    InstanceRecord r = Instances.require(ctx, id);
    if (r.state() == InstanceState.TERMINATED) {
      throw Instances.incorrectState(r, "modified");
    }
    return r;
  }
}
