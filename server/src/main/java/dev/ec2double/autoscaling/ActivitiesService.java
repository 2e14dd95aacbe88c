package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.DescribeAccountLimitsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAccountLimitsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeScalingActivitiesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeScalingActivitiesResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeScalingProcessTypesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeScalingProcessTypesResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeTerminationPolicyTypesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeTerminationPolicyTypesResponse;
import software.amazon.awssdk.services.autoscaling.model.ProcessType;
import software.amazon.awssdk.services.autoscaling.model.ResumeProcessesRequest;
import software.amazon.awssdk.services.autoscaling.model.ResumeProcessesResponse;
import software.amazon.awssdk.services.autoscaling.model.SuspendProcessesRequest;
import software.amazon.awssdk.services.autoscaling.model.SuspendProcessesResponse;

/**
 * Scaling activities (what the reconciler did and why), the processes a group runs and their
 * suspension, and the account's limits.
 */
public final class ActivitiesService {
  private final AutoScaling as;

  public ActivitiesService(AutoScaling as) {
    this.as = as;
  }

  public DescribeScalingActivitiesResponse describeScalingActivities(
      RequestContext ctx, DescribeScalingActivitiesRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    List<Activity> out = new ArrayList<>();
    synchronized (store) {
      if (req.autoScalingGroupName() != null) {
        GroupRecord g = store.groups.get(req.autoScalingGroupName());
        if (g != null) {
          g.activities.forEach(a -> out.add(GroupViews.activity(g, a)));
        }
      } else {
        for (GroupRecord g : store.groups.values()) {
          g.activities.forEach(a -> out.add(GroupViews.activity(g, a)));
        }
      }
    }
    List<Activity> chosen =
        req.activityIds().isEmpty()
            ? out
            : out.stream().filter(a -> req.activityIds().contains(a.activityId())).toList();
    Paging.Page<Activity> page = Paging.page(chosen, req.maxRecords(), req.nextToken());
    return DescribeScalingActivitiesResponse.builder()
        .activities(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public SuspendProcessesResponse suspendProcesses(
      RequestContext ctx, SuspendProcessesRequest req) {
    GroupChecks.processes(req.scalingProcesses());
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      g.suspendedProcesses.addAll(
          req.scalingProcesses().isEmpty() ? GroupChecks.PROCESSES : req.scalingProcesses());
    }
    return SuspendProcessesResponse.builder().build();
  }

  public ResumeProcessesResponse resumeProcesses(RequestContext ctx, ResumeProcessesRequest req) {
    GroupChecks.processes(req.scalingProcesses());
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      if (req.scalingProcesses().isEmpty()) {
        g.suspendedProcesses.clear();
      } else {
        req.scalingProcesses().forEach(g.suspendedProcesses::remove);
      }
    }
    as.changed();
    return ResumeProcessesResponse.builder().build();
  }

  public DescribeScalingProcessTypesResponse describeScalingProcessTypes(
      RequestContext ctx, DescribeScalingProcessTypesRequest req) {
    return DescribeScalingProcessTypesResponse.builder()
        .processes(
            GroupChecks.PROCESSES.stream()
                .map(p -> ProcessType.builder().processName(p).build())
                .toList())
        .build();
  }

  public DescribeTerminationPolicyTypesResponse describeTerminationPolicyTypes(
      RequestContext ctx, DescribeTerminationPolicyTypesRequest req) {
    return DescribeTerminationPolicyTypesResponse.builder()
        .terminationPolicyTypes(GroupChecks.TERMINATION_POLICIES)
        .build();
  }

  public DescribeAccountLimitsResponse describeAccountLimits(
      RequestContext ctx, DescribeAccountLimitsRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      return DescribeAccountLimitsResponse.builder()
          .maxNumberOfAutoScalingGroups(GroupsService.MAX_GROUPS)
          .maxNumberOfLaunchConfigurations(LaunchConfigurationsService.MAX_CONFIGURATIONS)
          .numberOfAutoScalingGroups(store.groups.size())
          .numberOfLaunchConfigurations(store.launchConfigurations.size())
          .build();
    }
  }
}
