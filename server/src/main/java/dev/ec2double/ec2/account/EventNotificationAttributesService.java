package dev.ec2double.ec2.account;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DeregisterInstanceEventNotificationAttributesRequest;
import software.amazon.awssdk.services.ec2.model.DeregisterInstanceEventNotificationAttributesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceEventNotificationAttributesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceEventNotificationAttributesResponse;
import software.amazon.awssdk.services.ec2.model.InstanceTagNotificationAttribute;
import software.amazon.awssdk.services.ec2.model.RegisterInstanceEventNotificationAttributesRequest;
import software.amazon.awssdk.services.ec2.model.RegisterInstanceEventNotificationAttributesResponse;

/**
 * The instance tag keys that scheduled event notifications carry, per account and region (a record:
 * ec2-double sends no notifications). Either all of an instance's tags or named keys.
 */
public final class EventNotificationAttributesService {
  public DescribeInstanceEventNotificationAttributesResponse
      describeInstanceEventNotificationAttributes(
          RequestContext ctx, DescribeInstanceEventNotificationAttributesRequest req) {
    return DescribeInstanceEventNotificationAttributesResponse.builder()
        .instanceTagAttribute(view(AccountSettings.of(ctx.state())))
        .build();
  }

  public RegisterInstanceEventNotificationAttributesResponse
      registerInstanceEventNotificationAttributes(
          RequestContext ctx, RegisterInstanceEventNotificationAttributesRequest req) {
    var asked = req.instanceTagAttribute();
    if (asked == null) {
      throw AwsException.missingParameter("InstanceTagAttribute");
    }
    boolean all = Boolean.TRUE.equals(asked.includeAllTagsOfInstance());
    List<String> keys = asked.instanceTagKeys();
    if (all && !keys.isEmpty()) {
      throw AwsException.invalidParameterCombination(
          "Specify either IncludeAllTagsOfInstance or InstanceTagKeys, not both.");
    }
    if (!all && keys.isEmpty()) {
      throw AwsException.missingParameter("InstanceTagKeys");
    }
    AccountSettings s = AccountSettings.of(ctx.state());
    synchronized (s) {
      if (all) {
        s.includeAllTags = true;
      }
      s.notificationTagKeys.addAll(keys);
    }
    ctx.state().changed();
    return RegisterInstanceEventNotificationAttributesResponse.builder()
        .instanceTagAttribute(view(s))
        .build();
  }

  public DeregisterInstanceEventNotificationAttributesResponse
      deregisterInstanceEventNotificationAttributes(
          RequestContext ctx, DeregisterInstanceEventNotificationAttributesRequest req) {
    var asked = req.instanceTagAttribute();
    if (asked == null) {
      throw AwsException.missingParameter("InstanceTagAttribute");
    }
    boolean all = Boolean.TRUE.equals(asked.includeAllTagsOfInstance());
    if (!all && asked.instanceTagKeys().isEmpty()) {
      throw AwsException.missingParameter("InstanceTagKeys");
    }
    AccountSettings s = AccountSettings.of(ctx.state());
    synchronized (s) {
      if (all) {
        s.includeAllTags = false;
      }
      asked.instanceTagKeys().forEach(s.notificationTagKeys::remove);
    }
    ctx.state().changed();
    return DeregisterInstanceEventNotificationAttributesResponse.builder()
        .instanceTagAttribute(view(s))
        .build();
  }

  private static InstanceTagNotificationAttribute view(AccountSettings s) {
    synchronized (s) {
      return InstanceTagNotificationAttribute.builder()
          .instanceTagKeys(List.copyOf(s.notificationTagKeys))
          .includeAllTagsOfInstance(s.includeAllTags)
          .build();
    }
  }
}
