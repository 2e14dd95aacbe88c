package dev.ec2double.server;

import dev.ec2double.autoscaling.Fleet;
import dev.ec2double.autoscaling.GroupTargets;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instances.InstanceActionsService;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.ec2.instances.InstancesService;
import dev.ec2double.ec2.launchtemplates.LaunchTemplatesService;
import dev.ec2double.ec2.vpc.SubnetRecord;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.elbv2.targetgroups.TargetGroupsService;
import dev.ec2double.elbv2.targetgroups.TargetsService;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Auto Scaling's seams answered by the EC2 and ELBv2 services: a group's instances are launched and
 * terminated by the very RunInstances and TerminateInstances the API answers, and registered with
 * target groups by RegisterTargets.
 */
final class AutoScalingSeams {
  private AutoScalingSeams() {}

  static Fleet fleet(
      InstancesService instances,
      InstanceActionsService actions,
      LaunchTemplatesService templates,
      dev.ec2double.compute.ComputeBackend backend,
      dev.ec2double.ec2.instances.InstanceFaults faults,
      dev.ec2double.ec2.volumes.RootVolumeTasksService rootVolumeTasks,
      java.util.function.BiFunction<RequestContext, RunInstancesRequest, String> architectures) {
    return new Fleet() {
      @Override
      public String architecture(RequestContext ctx, RunInstancesRequest request) {
        return architectures.apply(ctx, request);
      }

      @Override
      public String replaceRoot(RequestContext ctx, String instanceId, String imageId) {
        return rootVolumeTasks
            .createReplaceRootVolumeTask(
                ctx,
                software.amazon.awssdk.services.ec2.model.CreateReplaceRootVolumeTaskRequest
                    .builder()
                    .instanceId(instanceId)
                    .imageId(imageId)
                    .deleteReplacedRootVolume(true)
                    .build())
            .replaceRootVolumeTask()
            .replaceRootVolumeTaskId();
      }

      @Override
      public String rootTaskState(RegionState region, String taskId) {
        return dev.ec2double.ec2.volumes.RootVolumeTasksService.taskState(region, taskId);
      }

      @Override
      public Cpu cpu(RegionState region, String instanceId) {
        InstanceRecord r = Instances.store(region).get(instanceId);
        String machine = r == null ? null : r.machineId();
        if (machine == null || backend == null) {
          return null;
        }
        return backend.cpuUsage(machine).map(u -> new Cpu(u.nanos(), u.cpus())).orElse(null);
      }

      @Override
      public Instance launch(RequestContext ctx, RunInstancesRequest request) {
        String id = instances.runInstances(ctx, request).instances().get(0).instanceId();
        return find(ctx.state(), id);
      }

      @Override
      public void terminate(RequestContext ctx, String instanceId) {
        try {
          actions.terminateInstances(
              ctx, TerminateInstancesRequest.builder().instanceIds(instanceId).build());
        } catch (AwsException e) {
          if (!e.code().startsWith("InvalidInstanceID")) {
            throw e;
          }
        }
      }

      @Override
      public void stop(RequestContext ctx, String instanceId) {
        actions.stopInstances(
            ctx,
            software.amazon.awssdk.services.ec2.model.StopInstancesRequest.builder()
                .instanceIds(instanceId)
                .build());
      }

      @Override
      public void hibernate(RequestContext ctx, String instanceId) {
        InstanceRecord r = Instances.store(ctx.state()).get(instanceId);
        actions.stopInstances(
            ctx,
            software.amazon.awssdk.services.ec2.model.StopInstancesRequest.builder()
                .instanceIds(instanceId)
                .hibernate(r != null && r.hibernationConfigured())
                .build());
      }

      @Override
      public void start(RequestContext ctx, String instanceId) {
        actions.startInstances(
            ctx,
            software.amazon.awssdk.services.ec2.model.StartInstancesRequest.builder()
                .instanceIds(instanceId)
                .build());
      }

      @Override
      public Instance find(RegionState region, String instanceId) {
        InstanceRecord r = Instances.store(region).get(instanceId);
        return r == null
            ? null
            : new Instance(r.id(), r.state().awsName(), r.zone(), r.instanceType(), null);
      }

      @Override
      public String requireTemplate(RequestContext ctx, String id, String name, String version) {
        try {
          return templates
              .describeLaunchTemplateVersions(
                  ctx,
                  DescribeLaunchTemplateVersionsRequest.builder()
                      .launchTemplateId(id)
                      .launchTemplateName(name)
                      .versions(version)
                      .build())
              .launchTemplateVersions()
              .get(0)
              .launchTemplateId();
        } catch (AwsException | IndexOutOfBoundsException e) {
          throw new AwsException(
              "ValidationError",
              "You must use a valid fully-formed launch template. "
                  + (e instanceof AwsException a ? a.getMessage() : "No such version."));
        }
      }

      @Override
      public boolean statusImpaired(RegionState region, String instanceId) {
        return faults.statusImpaired(region, instanceId);
      }

      @Override
      public boolean zoneImpaired(RegionState region, String zone) {
        return faults.zoneOut(region.region(), zone);
      }

      @Override
      public String subnetZone(RegionState region, String subnetId) {
        SubnetRecord s = VpcLookups.subnetOrNull(region, subnetId);
        return s == null ? null : s.zone();
      }
    };
  }

  static GroupTargets targets(TargetGroupsService groups, TargetsService targets) {
    return new GroupTargets() {
      @Override
      public void require(RequestContext ctx, String arn) {
        try {
          groups.describeTargetGroups(
              ctx, DescribeTargetGroupsRequest.builder().targetGroupArns(arn).build());
        } catch (AwsException e) {
          throw new AwsException(
              "ValidationError", "Target group not found or not valid: " + arn + ".");
        }
      }

      @Override
      public void register(RequestContext ctx, String arn, String instanceId) {
        targets.registerTargets(
            ctx,
            RegisterTargetsRequest.builder()
                .targetGroupArn(arn)
                .targets(TargetDescription.builder().id(instanceId).build())
                .build());
      }

      @Override
      public void deregister(RequestContext ctx, String arn, String instanceId) {
        try {
          targets.deregisterTargets(
              ctx,
              DeregisterTargetsRequest.builder()
                  .targetGroupArn(arn)
                  .targets(TargetDescription.builder().id(instanceId).build())
                  .build());
        } catch (AwsException e) {
          // not registered, or the target group is gone: nothing to drain
        }
      }

      @Override
      public String health(RequestContext ctx, String arn, String instanceId) {
        try {
          for (TargetHealthDescription d :
              targets
                  .describeTargetHealth(
                      ctx, DescribeTargetHealthRequest.builder().targetGroupArn(arn).build())
                  .targetHealthDescriptions()) {
            if (d.target().id().equals(instanceId)) {
              return d.targetHealth().stateAsString();
            }
          }
        } catch (AwsException e) {
          // the target group is gone
        }
        return null;
      }
    };
  }
}
