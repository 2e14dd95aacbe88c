package dev.ec2double.elbv2.targetgroups;

import dev.ec2double.core.RequestContext;
import dev.ec2double.elbv2.Arns;
import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.Elbv2Tags;
import dev.ec2double.elbv2.Markers;
import dev.ec2double.elbv2.Names;
import dev.ec2double.elbv2.NetworkAttributes;
import dev.ec2double.elbv2.TargetGroupRecord;
import dev.ec2double.elbv2.network.NetworkTargetGroups;
import dev.ec2double.elbv2.runtime.Elbv2;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupIpAddressTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** HTTP target groups of type instance or ip: create, describe, modify, delete, attributes. */
public final class TargetGroupsService {
  private final Elbv2 elbv2;

  public TargetGroupsService(Elbv2 elbv2) {
    this.elbv2 = elbv2;
  }

  public CreateTargetGroupResponse createTargetGroup(
      RequestContext ctx, CreateTargetGroupRequest req) {
    Names.check("target group", req.name());
    TargetTypeEnum type = req.targetType() == null ? TargetTypeEnum.INSTANCE : req.targetType();
    if (type != TargetTypeEnum.INSTANCE && type != TargetTypeEnum.IP) {
      throw Elbv2Errors.validation(
          "ec2-double supports target types 'instance' and 'ip', not '"
              + req.targetTypeAsString()
              + "'");
    }
    if (req.protocol() == null) {
      throw Elbv2Errors.validation("A protocol must be specified");
    }
    boolean layer4 = NetworkAttributes.isLayer4(req.protocol());
    if (req.protocol() != ProtocolEnum.HTTP && !layer4) {
      throw new AwsException(
          "UnsupportedProtocol",
          "ec2-double supports HTTP target groups only, not '" + req.protocolAsString() + "'");
    }
    if (req.port() == null && !layer4) {
      throw Elbv2Errors.validation("A port must be specified");
    }
    if (req.port() != null && req.port() < 1 || req.port() > 65535) {
      throw Elbv2Errors.validation("Port '" + req.port() + "' must be from 1 to 65535");
    }
    if (req.vpcId() == null) {
      throw Elbv2Errors.validation("A VPC ID must be specified");
    }
    if (!elbv2.networks().vpcExists(ctx.state(), req.vpcId())) {
      throw Elbv2Errors.validation("The VPC ID '" + req.vpcId() + "' is not found");
    }
    Elbv2Tags.validate(req.tags());
    Elbv2Store store = elbv2.store(ctx);
    TargetGroup.Builder b =
        TargetGroup.builder()
            .targetGroupName(req.name())
            .protocol(ProtocolEnum.HTTP)
            .protocolVersion(req.protocolVersion() == null ? "HTTP1" : req.protocolVersion())
            .port(req.port())
            .vpcId(req.vpcId())
            .healthCheckProtocol(ProtocolEnum.HTTP)
            .healthCheckPort(req.healthCheckPort() == null ? "traffic-port" : req.healthCheckPort())
            .healthCheckEnabled(req.healthCheckEnabled() == null || req.healthCheckEnabled())
            .healthCheckIntervalSeconds(or(req.healthCheckIntervalSeconds(), 30))
            .healthCheckTimeoutSeconds(or(req.healthCheckTimeoutSeconds(), 5))
            .healthyThresholdCount(or(req.healthyThresholdCount(), 5))
            .unhealthyThresholdCount(or(req.unhealthyThresholdCount(), 2))
            .healthCheckPath(req.healthCheckPath() == null ? "/" : req.healthCheckPath())
            .matcher(
                Matcher.builder()
                    .httpCode(
                        req.matcher() == null || req.matcher().httpCode() == null
                            ? "200"
                            : req.matcher().httpCode())
                    .build())
            .targetType(type)
            .ipAddressType(TargetGroupIpAddressTypeEnum.IPV4);
    if (!layer4
        && req.healthCheckProtocol() != null
        && req.healthCheckProtocol() != ProtocolEnum.HTTP) {
      throw new AwsException("UnsupportedProtocol", "ec2-double supports HTTP health checks only");
    }
    TargetGroup candidate = layer4 ? NetworkTargetGroups.build(req, type) : b.build();
    HealthCheckSettings.check(candidate);
    synchronized (store) {
      for (TargetGroupRecord existing : store.targetGroups.values()) {
        if (existing.sdk().targetGroupName().equals(req.name())) {
          TargetGroup e = existing.sdk();
          if (e.equals(
              candidate.toBuilder()
                  .targetGroupArn(e.targetGroupArn())
                  .loadBalancerArns(e.loadBalancerArns())
                  .build())) {
            return CreateTargetGroupResponse.builder().targetGroups(view(store, existing)).build();
          }
          throw new AwsException(
              "DuplicateTargetGroupName",
              "A target group with the same name '"
                  + req.name()
                  + "' exists, but with different settings");
        }
      }
      String arn = Arns.targetGroup(ctx.region(), ctx.account(), req.name());
      TargetGroupRecord r =
          new TargetGroupRecord(store.nextSeq(), candidate.toBuilder().targetGroupArn(arn).build());
      store.targetGroups.put(arn, r);
      Elbv2Tags.put(store, arn, req.tags());
      return CreateTargetGroupResponse.builder().targetGroups(view(store, r)).build();
    }
  }

  public DescribeTargetGroupsResponse describeTargetGroups(
      RequestContext ctx, DescribeTargetGroupsRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    List<TargetGroupRecord> found = new ArrayList<>();
    if (!req.targetGroupArns().isEmpty()) {
      List<String> missing = new ArrayList<>();
      for (String arn : req.targetGroupArns()) {
        TargetGroupRecord r = store.targetGroups.get(arn);
        if (r == null) {
          missing.add(arn);
        } else {
          found.add(r);
        }
      }
      if (!missing.isEmpty()) {
        throw Elbv2Errors.targetGroupNotFound(String.join(", ", missing));
      }
    } else if (!req.names().isEmpty()) {
      List<String> missing = new ArrayList<>();
      for (String name : req.names()) {
        store.targetGroups().stream()
            .filter(r -> r.sdk().targetGroupName().equals(name))
            .findFirst()
            .ifPresentOrElse(found::add, () -> missing.add(name));
      }
      if (!missing.isEmpty()) {
        throw Elbv2Errors.targetGroupNotFound(String.join(", ", missing));
      }
    } else if (req.loadBalancerArn() != null) {
      store.loadBalancer(req.loadBalancerArn());
      for (TargetGroupRecord r : store.targetGroups()) {
        if (store.loadBalancersUsing(r.arn()).contains(req.loadBalancerArn())) {
          found.add(r);
        }
      }
    } else {
      found.addAll(store.targetGroups());
    }
    Markers.Page<TargetGroupRecord> page = Markers.page(found, req.marker(), req.pageSize());
    return DescribeTargetGroupsResponse.builder()
        .targetGroups(page.items().stream().map(r -> view(store, r)).toList())
        .nextMarker(page.nextMarker())
        .build();
  }

  public ModifyTargetGroupResponse modifyTargetGroup(
      RequestContext ctx, ModifyTargetGroupRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      TargetGroupRecord r = store.targetGroup(req.targetGroupArn());
      TargetGroup.Builder b = r.sdk().toBuilder();
      if (req.healthCheckProtocol() != null) {
        b.healthCheckProtocol(req.healthCheckProtocol());
      }
      if (req.healthCheckPort() != null) {
        b.healthCheckPort(req.healthCheckPort());
      }
      if (req.healthCheckPath() != null) {
        b.healthCheckPath(req.healthCheckPath());
      }
      if (req.healthCheckEnabled() != null) {
        b.healthCheckEnabled(req.healthCheckEnabled());
      }
      if (req.healthCheckIntervalSeconds() != null) {
        b.healthCheckIntervalSeconds(req.healthCheckIntervalSeconds());
      }
      if (req.healthCheckTimeoutSeconds() != null) {
        b.healthCheckTimeoutSeconds(req.healthCheckTimeoutSeconds());
      }
      if (req.healthyThresholdCount() != null) {
        b.healthyThresholdCount(req.healthyThresholdCount());
      }
      if (req.unhealthyThresholdCount() != null) {
        b.unhealthyThresholdCount(req.unhealthyThresholdCount());
      }
      if (req.matcher() != null && req.matcher().httpCode() != null) {
        b.matcher(req.matcher());
      }
      TargetGroup updated = b.build();
      HealthCheckSettings.check(updated);
      r.update(updated);
      return ModifyTargetGroupResponse.builder().targetGroups(view(store, r)).build();
    }
  }

  public DeleteTargetGroupResponse deleteTargetGroup(
      RequestContext ctx, DeleteTargetGroupRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      if (req.targetGroupArn() == null) {
        throw Elbv2Errors.validation("A target group ARN must be specified");
      }
      TargetGroupRecord r = store.targetGroups.get(req.targetGroupArn());
      if (r == null) {
        return DeleteTargetGroupResponse.builder().build(); // AWS: deleting a deleted one succeeds
      }
      if (!store.loadBalancersUsing(r.arn()).isEmpty()) {
        throw new AwsException(
            "ResourceInUse",
            "Target group '" + r.arn() + "' is currently in use by a listener or a rule");
      }
      store.targetGroups.remove(r.arn());
      store.tags.remove(r.arn());
    }
    return DeleteTargetGroupResponse.builder().build();
  }

  public DescribeTargetGroupAttributesResponse describeTargetGroupAttributes(
      RequestContext ctx, DescribeTargetGroupAttributesRequest req) {
    TargetGroupRecord r = elbv2.store(ctx).targetGroup(req.targetGroupArn());
    return DescribeTargetGroupAttributesResponse.builder().attributes(attributes(r)).build();
  }

  public ModifyTargetGroupAttributesResponse modifyTargetGroupAttributes(
      RequestContext ctx, ModifyTargetGroupAttributesRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    TargetGroupRecord r = store.targetGroup(req.targetGroupArn());
    if (req.attributes().isEmpty()) {
      throw Elbv2Errors.validation("At least one attribute must be specified");
    }
    req.attributes().forEach(a -> NetworkAttributes.checkTargetGroup(r.sdk(), a.key(), a.value()));
    synchronized (store) {
      req.attributes().forEach(a -> r.attributes.put(a.key(), a.value()));
      if ("app_cookie".equals(r.attributes.get("stickiness.type"))
          && "true".equals(r.attributes.get("stickiness.enabled"))
          && r.attributes.get("stickiness.app_cookie.cookie_name").isEmpty()) {
        throw Elbv2Errors.validation(
            "An app cookie name must be specified for app_cookie stickiness");
      }
    }
    return ModifyTargetGroupAttributesResponse.builder().attributes(attributes(r)).build();
  }

  static TargetGroup view(Elbv2Store store, TargetGroupRecord r) {
    return r.sdk().toBuilder().loadBalancerArns(store.loadBalancersUsing(r.arn())).build();
  }

  private static List<TargetGroupAttribute> attributes(TargetGroupRecord r) {
    return new TreeMap<>(r.attributes)
        .entrySet().stream()
            .map(e -> TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue()).build())
            .toList();
  }

  private static int or(Integer v, int d) {
    return v == null ? d : v;
  }
}
