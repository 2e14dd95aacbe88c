package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.model.DeleteNotificationConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteNotificationConfigurationResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingNotificationTypesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingNotificationTypesResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeNotificationConfigurationsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeNotificationConfigurationsResponse;
import software.amazon.awssdk.services.autoscaling.model.NotificationConfiguration;
import software.amazon.awssdk.services.autoscaling.model.PutNotificationConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.PutNotificationConfigurationResponse;

/**
 * Notification configurations: which of a group's events go to which SNS topic. They are records:
 * ec2-double serves no SNS, so nothing is sent.
 */
public final class NotificationsService {
  static final List<String> TYPES =
      List.of(
          "autoscaling:EC2_INSTANCE_LAUNCH",
          "autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
          "autoscaling:EC2_INSTANCE_TERMINATE",
          "autoscaling:EC2_INSTANCE_TERMINATE_ERROR",
          "autoscaling:TEST_NOTIFICATION");

  public PutNotificationConfigurationResponse putNotificationConfiguration(
      RequestContext ctx, PutNotificationConfigurationRequest req) {
    String topic = req.topicARN();
    if (topic == null || !topic.matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]+")) {
      throw AutoScalingErrors.validation("Invalid SNS topic ARN: " + topic);
    }
    if (req.notificationTypes().isEmpty()) {
      throw AutoScalingErrors.validation(
          "1 validation error detected: Value null at 'notificationTypes' failed to satisfy"
              + " constraint: Member must not be null");
    }
    for (String t : req.notificationTypes()) {
      if (!TYPES.contains(t)) {
        throw AutoScalingErrors.validation("Invalid notification type " + t + ".");
      }
    }
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      g.notifications.put(topic, new LinkedHashSet<>(req.notificationTypes()));
    }
    return PutNotificationConfigurationResponse.builder().build();
  }

  public DeleteNotificationConfigurationResponse deleteNotificationConfiguration(
      RequestContext ctx, DeleteNotificationConfigurationRequest req) {
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      GroupRecord g = store.group(req.autoScalingGroupName());
      if (g.notifications.remove(req.topicARN()) == null) {
        throw AutoScalingErrors.validation(
            "No notification configuration found for topic "
                + req.topicARN()
                + " on AutoScalingGroup "
                + g.name
                + ".");
      }
    }
    return DeleteNotificationConfigurationResponse.builder().build();
  }

  public DescribeNotificationConfigurationsResponse describeNotificationConfigurations(
      RequestContext ctx, DescribeNotificationConfigurationsRequest req) {
    List<NotificationConfiguration> out = new ArrayList<>();
    AutoScalingStore store = AutoScaling.store(ctx);
    synchronized (store) {
      List<GroupRecord> groups = new ArrayList<>();
      if (req.autoScalingGroupNames().isEmpty()) {
        store.groups.values().stream().filter(g -> !g.deleted).forEach(groups::add);
      } else {
        for (String name : req.autoScalingGroupNames()) {
          GroupRecord g = store.groups.get(name);
          if (g != null && !g.deleted) {
            groups.add(g);
          }
        }
      }
      for (GroupRecord g : groups) {
        for (Map.Entry<String, Set<String>> e : g.notifications.entrySet()) {
          for (String type : e.getValue()) {
            out.add(
                NotificationConfiguration.builder()
                    .autoScalingGroupName(g.name)
                    .topicARN(e.getKey())
                    .notificationType(type)
                    .build());
          }
        }
      }
    }
    Paging.Page<NotificationConfiguration> page =
        Paging.page(out, req.maxRecords(), req.nextToken());
    return DescribeNotificationConfigurationsResponse.builder()
        .notificationConfigurations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeAutoScalingNotificationTypesResponse describeAutoScalingNotificationTypes(
      RequestContext ctx, DescribeAutoScalingNotificationTypesRequest req) {
    return DescribeAutoScalingNotificationTypesResponse.builder()
        .autoScalingNotificationTypes(TYPES)
        .build();
  }
}
