package dev.ec2double.ec2.endpoints;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.ConsumerEndpoints;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointConnectionNotificationRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointConnectionNotificationResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEndpointConnectionNotificationsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEndpointConnectionNotificationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointConnectionNotificationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointConnectionNotificationsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointConnectionNotificationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointConnectionNotificationResponse;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;

/**
 * Connection notifications: an SNS topic to be told of the Accept, Connect, Delete and Reject
 * events of one of the caller's endpoint services or endpoints (records: nothing is published,
 * there is no SNS here).
 */
public final class ConnectionNotificationsService {
  private static final Pattern TOPIC =
      Pattern.compile("arn:aws:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}");

  public CreateVpcEndpointConnectionNotificationResponse createVpcEndpointConnectionNotification(
      RequestContext ctx, CreateVpcEndpointConnectionNotificationRequest req) {
    if ((req.serviceId() == null) == (req.vpcEndpointId() == null)) {
      throw new AwsException(
          "InvalidParameter", "Specify either a ServiceId or a VpcEndpointId, not both");
    }
    List<String> events = events(req.connectionNotificationArn(), req.connectionEvents());
    if (req.serviceId() != null) {
      EndpointServiceConfigs.KIND.get(ctx.state(), req.serviceId());
    } else if (!ConsumerEndpoints.exists(ctx.state(), req.vpcEndpointId())) {
      throw new AwsException(
          "InvalidVpcEndpointId.NotFound",
          "The Vpc Endpoint Id '" + req.vpcEndpointId() + "' does not exist");
    }
    EndpointServiceStore.Notification n =
        ConnectionNotifications.KIND.create(
            ctx,
            List.of(),
            id -> {
              var r =
                  new EndpointServiceStore.Notification(id, req.serviceId(), req.vpcEndpointId());
              r.topicArn = req.connectionNotificationArn();
              r.events.addAll(events);
              return r;
            });
    return CreateVpcEndpointConnectionNotificationResponse.builder()
        .connectionNotification(ConnectionNotifications.KIND.view(ctx, n))
        .clientToken(req.clientToken())
        .build();
  }

  private static List<String> events(String arn, List<String> events) {
    if (arn == null) {
      throw AwsException.missingParameter("ConnectionNotificationArn");
    }
    if (!TOPIC.matcher(arn).matches()) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + arn + "' for ConnectionNotificationArn: not an SNS topic ARN");
    }
    if (events.isEmpty()) {
      throw AwsException.missingParameter("ConnectionEvents");
    }
    for (String e : events) {
      if (!ConnectionNotifications.EVENTS.contains(e)) {
        throw AwsException.invalidParameterValue(
            "Invalid value '"
                + e
                + "' for ConnectionEvents: one of "
                + ConnectionNotifications.EVENTS);
      }
    }
    return List.copyOf(new LinkedHashSet<>(events));
  }

  public DescribeVpcEndpointConnectionNotificationsResponse
      describeVpcEndpointConnectionNotifications(
          RequestContext ctx, DescribeVpcEndpointConnectionNotificationsRequest req) {
    var page =
        ConnectionNotifications.KIND.describe(
            ctx,
            req.connectionNotificationId() == null
                ? List.of()
                : List.of(req.connectionNotificationId()),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeVpcEndpointConnectionNotificationsResponse.builder()
        .connectionNotificationSet(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyVpcEndpointConnectionNotificationResponse modifyVpcEndpointConnectionNotification(
      RequestContext ctx, ModifyVpcEndpointConnectionNotificationRequest req) {
    if (req.connectionNotificationId() == null) {
      throw AwsException.missingParameter("ConnectionNotificationId");
    }
    ConnectionNotifications.KIND.modify(
        ctx,
        req.connectionNotificationId(),
        n -> {
          List<String> events =
              events(
                  req.connectionNotificationArn() == null
                      ? n.topicArn
                      : req.connectionNotificationArn(),
                  req.connectionEvents().isEmpty() ? n.events : req.connectionEvents());
          n.topicArn =
              req.connectionNotificationArn() == null
                  ? n.topicArn
                  : req.connectionNotificationArn();
          n.events.clear();
          n.events.addAll(events);
          return n;
        });
    return ModifyVpcEndpointConnectionNotificationResponse.builder().returnValue(true).build();
  }

  public DeleteVpcEndpointConnectionNotificationsResponse deleteVpcEndpointConnectionNotifications(
      RequestContext ctx, DeleteVpcEndpointConnectionNotificationsRequest req) {
    if (req.connectionNotificationIds().isEmpty()) {
      throw AwsException.missingParameter("ConnectionNotificationId");
    }
    List<UnsuccessfulItem> failed = new ArrayList<>();
    for (String id : req.connectionNotificationIds()) {
      if (ConnectionNotifications.KIND.remove(ctx, id).isEmpty()) {
        failed.add(
            EndpointServicesService.unsuccessful(
                id,
                "InvalidConnectionNotification",
                "The connection notification ID '" + id + "' does not exist"));
      }
    }
    return DeleteVpcEndpointConnectionNotificationsResponse.builder().unsuccessful(failed).build();
  }
}
