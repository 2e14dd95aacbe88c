package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.CreateLaunchConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateLaunchConfigurationResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteLaunchConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteLaunchConfigurationResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeLaunchConfigurationsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeLaunchConfigurationsResponse;
import software.amazon.awssdk.services.autoscaling.model.InstanceMonitoring;
import software.amazon.awssdk.services.autoscaling.model.LaunchConfiguration;

/**
 * Launch configurations: records of how to launch (image, type, key, security groups, user data,
 * instance profile) that a group launches its instances from through RunInstances.
 */
public final class LaunchConfigurationsService {
  static final int MAX_CONFIGURATIONS = 200;

  public CreateLaunchConfigurationResponse createLaunchConfiguration(
      RequestContext ctx, CreateLaunchConfigurationRequest req) {
    String name = req.launchConfigurationName();
    GroupChecks.name("launchConfigurationName", name);
    if (req.instanceId() != null) {
      throw AutoScalingErrors.validation(
          "ec2-double does not create a launch configuration from an instance (InstanceId).");
    }
    if (req.imageId() == null || req.instanceType() == null) {
      throw AutoScalingErrors.validation(
          "Valid requests must contain either the InstanceID parameter or both the ImageId and"
              + " InstanceType parameters.");
    }
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      if (store.launchConfigurations.containsKey(name)) {
        throw AutoScalingErrors.alreadyExists(
            "Launch Configuration by this name already exists - A launch configuration already"
                + " exists with the name "
                + name);
      }
      if (store.launchConfigurations.size() >= MAX_CONFIGURATIONS) {
        throw AutoScalingErrors.limitExceeded(
            "You have reached your quota of " + MAX_CONFIGURATIONS + " launch configurations.");
      }
      store.launchConfigurations.put(
          name,
          LaunchConfiguration.builder()
              .launchConfigurationName(name)
              .launchConfigurationARN(AutoScaling.arn(ctx, "launchConfiguration", name))
              .imageId(req.imageId())
              .instanceType(req.instanceType())
              .keyName(req.keyName() == null ? "" : req.keyName())
              .securityGroups(req.securityGroups())
              .userData(req.userData() == null ? "" : req.userData())
              .iamInstanceProfile(req.iamInstanceProfile())
              .kernelId(req.kernelId() == null ? "" : req.kernelId())
              .ramdiskId(req.ramdiskId() == null ? "" : req.ramdiskId())
              .blockDeviceMappings(req.blockDeviceMappings())
              .instanceMonitoring(
                  req.instanceMonitoring() == null
                      ? InstanceMonitoring.builder().enabled(true).build()
                      : req.instanceMonitoring())
              .ebsOptimized(Boolean.TRUE.equals(req.ebsOptimized()))
              .associatePublicIpAddress(req.associatePublicIpAddress())
              .metadataOptions(req.metadataOptions())
              .createdTime(AutoScaling.now())
              .build());
    }
    return CreateLaunchConfigurationResponse.builder().build();
  }

  public DescribeLaunchConfigurationsResponse describeLaunchConfigurations(
      RequestContext ctx, DescribeLaunchConfigurationsRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    List<LaunchConfiguration> out = new ArrayList<>();
    synchronized (store) {
      for (LaunchConfiguration lc : store.launchConfigurations.values()) {
        if (req.launchConfigurationNames().isEmpty()
            || req.launchConfigurationNames().contains(lc.launchConfigurationName())) {
          out.add(lc);
        }
      }
    }
    Paging.Page<LaunchConfiguration> page = Paging.page(out, req.maxRecords(), req.nextToken());
    return DescribeLaunchConfigurationsResponse.builder()
        .launchConfigurations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** A configuration a group still launches from is ResourceInUse, as AWS answers. */
  public DeleteLaunchConfigurationResponse deleteLaunchConfiguration(
      RequestContext ctx, DeleteLaunchConfigurationRequest req) {
    String name = req.launchConfigurationName();
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      if (!store.launchConfigurations.containsKey(name)) {
        throw AutoScalingErrors.validation(
            "Launch configuration name not found - Launch configuration " + name + " not found");
      }
      for (GroupRecord g : store.groups.values()) {
        if (name.equals(g.source.launchConfigurationName())
            || g.members.values().stream()
                .anyMatch(m -> name.equals(m.source.launchConfigurationName()))) {
          throw AutoScalingErrors.inUse(
              "Cannot delete launch configuration "
                  + name
                  + " because it is attached to"
                  + " AutoScalingGroup "
                  + g.name);
        }
      }
      store.launchConfigurations.remove(name);
    }
    return DeleteLaunchConfigurationResponse.builder().build();
  }
}
