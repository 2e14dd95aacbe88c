package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.DeleteWarmPoolRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteWarmPoolResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeWarmPoolRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeWarmPoolResponse;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.InstanceReusePolicy;
import software.amazon.awssdk.services.autoscaling.model.PutWarmPoolRequest;
import software.amazon.awssdk.services.autoscaling.model.PutWarmPoolResponse;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolConfiguration;

/**
 * Warm pools: instances launched ahead and kept stopped or running, handed to the group on
 * scale-out ({@link WarmPools} does it each pass).
 */
public final class WarmPoolsService {
  private static final List<String> STATES = List.of("Stopped", "Running", "Hibernated");

  private final AutoScaling as;

  public WarmPoolsService(AutoScaling as) {
    this.as = as;
  }

  public PutWarmPoolResponse putWarmPool(RequestContext ctx, PutWarmPoolRequest req) {
    String state = req.poolStateAsString() == null ? "Stopped" : req.poolStateAsString();
    if (!STATES.contains(state)) {
      throw AutoScalingErrors.validation(
          "Valid pool states are Stopped, Running and Hibernated, not " + state + ".");
    }
    Integer prepared = req.maxGroupPreparedCapacity();
    if (prepared != null && prepared < -1) {
      throw AutoScalingErrors.validation(
          "MaxGroupPreparedCapacity must be -1 (the group's maximum size) or greater.");
    }
    int min = req.minSize() == null ? 0 : req.minSize();
    if (min < 0) {
      throw AutoScalingErrors.validation("MinSize must be 0 or greater.");
    }
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      if (g.source.mixed()) {
        throw AutoScalingErrors.validation(
            "You can't add a warm pool to an Auto Scaling group that has a mixed instances"
                + " policy.");
      }
      if (prepared != null && prepared != -1 && prepared < g.min) {
        throw AutoScalingErrors.validation(
            "MaxGroupPreparedCapacity must be at least the group's minimum size " + g.min + ".");
      }
      WarmPoolRecord pool = g.warmPool;
      if (pool != null && pool.status != null) {
        throw AutoScalingErrors.inUse("The warm pool is being deleted.");
      }
      if (pool == null) {
        pool = new WarmPoolRecord();
        g.warmPool = pool;
      }
      pool.maxGroupPreparedCapacity = prepared == null || prepared == -1 ? null : prepared;
      pool.minSize = min;
      pool.poolState = state;
      pool.reuseOnScaleIn =
          req.instanceReusePolicy() != null
              && Boolean.TRUE.equals(req.instanceReusePolicy().reuseOnScaleIn());
    }
    as.changed();
    return PutWarmPoolResponse.builder().build();
  }

  public DeleteWarmPoolResponse deleteWarmPool(RequestContext ctx, DeleteWarmPoolRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      WarmPoolRecord pool = g.warmPool;
      if (pool == null) {
        throw AutoScalingErrors.validation(
            "No warm pool found for Auto Scaling group " + g.name + ".");
      }
      if (pool.status != null && !Boolean.TRUE.equals(req.forceDelete())) {
        throw AutoScalingErrors.inUse("The warm pool is already being deleted.");
      }
      if (pool.instances.isEmpty()) {
        g.warmPool = null;
      } else {
        pool.status = "PendingDelete";
      }
    }
    as.changed();
    return DeleteWarmPoolResponse.builder().build();
  }

  public DescribeWarmPoolResponse describeWarmPool(
      RequestContext ctx, DescribeWarmPoolRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      WarmPoolRecord pool = g.warmPool;
      if (pool == null) {
        Paging.page(List.of(), req.maxRecords(), req.nextToken());
        return DescribeWarmPoolResponse.builder().instances(List.of()).build();
      }
      List<Instance> all = pool.instances.values().stream().map(GroupViews::instance).toList();
      Paging.Page<Instance> page = Paging.page(all, req.maxRecords(), req.nextToken());
      return DescribeWarmPoolResponse.builder()
          .warmPoolConfiguration(
              WarmPoolConfiguration.builder()
                  .maxGroupPreparedCapacity(pool.maxGroupPreparedCapacity)
                  .minSize(pool.minSize)
                  .poolState(pool.poolState)
                  .status(pool.status)
                  .instanceReusePolicy(
                      InstanceReusePolicy.builder().reuseOnScaleIn(pool.reuseOnScaleIn).build())
                  .build())
          .instances(page.items())
          .nextToken(page.nextToken())
          .build();
    }
  }
}
