package dev.ec2double.ec2.endpoints;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ConnectionNotification;

/**
 * Connection notifications as a resource kind, with the filters of
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointConnectionNotifications.html.
 * They are not taggable on AWS.
 */
final class ConnectionNotifications {
  private ConnectionNotifications() {}

  static final List<String> EVENTS = List.of("Accept", "Connect", "Delete", "Reject");

  static final ResourceKind<EndpointServiceStore.Notification, ConnectionNotification> KIND =
      ResourceKind.<EndpointServiceStore.Notification, ConnectionNotification>of(
              "vpce-nfn", "vpc-endpoint-connection-notification")
          .errors("InvalidConnectionNotification", "connection notification", null)
          .storedIn(EndpointServiceStore::of, s -> s.notifications)
          .id(n -> n.id)
          .view(ConnectionNotifications::view, n -> List.of())
          .filter("connection-notification-arn", ConnectionNotification::connectionNotificationArn)
          .filter("connection-notification-id", ConnectionNotification::connectionNotificationId)
          .filter(
              "connection-notification-state",
              ConnectionNotification::connectionNotificationStateAsString)
          .filter(
              "connection-notification-type",
              ConnectionNotification::connectionNotificationTypeAsString)
          .filter("service-id", ConnectionNotification::serviceId)
          .filter("vpc-endpoint-id", ConnectionNotification::vpcEndpointId)
          .build();

  private static ConnectionNotification view(
      RequestContext ctx, EndpointServiceStore.Notification n) {
    return ConnectionNotification.builder()
        .connectionNotificationId(n.id)
        .serviceId(n.serviceId)
        .vpcEndpointId(n.endpointId)
        .connectionNotificationType("Topic")
        .connectionNotificationArn(n.topicArn)
        .connectionEvents(List.copyOf(n.events))
        .connectionNotificationState("Enabled")
        .serviceRegion(ctx.region())
        .build();
  }
}
