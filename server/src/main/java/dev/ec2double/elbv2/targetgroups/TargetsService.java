package dev.ec2double.elbv2.targetgroups;

import dev.ec2double.core.RequestContext;
import dev.ec2double.elbv2.Cidrs;
import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.TargetGroupRecord;
import dev.ec2double.elbv2.TargetInstances;
import dev.ec2double.elbv2.TargetRecord;
import dev.ec2double.elbv2.runtime.Elbv2;
import dev.ec2double.errors.AwsException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * RegisterTargets, DeregisterTargets and DescribeTargetHealth. Instance targets must be running
 * instances in the group's VPC; ip targets must lie in the VPC or a private range, and, unlike on
 * AWS, may be loopback addresses so that servers on the test machine can stand behind an ALB.
 */
public final class TargetsService {
  private static final List<String> PRIVATE =
      List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8");

  private final Elbv2 elbv2;

  public TargetsService(Elbv2 elbv2) {
    this.elbv2 = elbv2;
  }

  public RegisterTargetsResponse registerTargets(RequestContext ctx, RegisterTargetsRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    TargetGroupRecord group = store.targetGroup(req.targetGroupArn());
    if (req.targets().isEmpty()) {
      throw Elbv2Errors.validation("At least one target must be specified");
    }
    List<String[]> checked = new ArrayList<>();
    for (TargetDescription t : req.targets()) {
      int port = t.port() == null ? group.sdk().port() : t.port();
      if (port < 1 || port > 65535) {
        throw Elbv2Errors.validation("Port '" + port + "' must be from 1 to 65535");
      }
      String zone =
          group.isInstanceType() ? instanceZone(ctx, group, t.id()) : ipZone(ctx, group, t);
      checked.add(new String[] {t.id(), Integer.toString(port), zone});
    }
    synchronized (store) {
      for (String[] c : checked) {
        TargetRecord existing = group.target(c[0], Integer.parseInt(c[1]));
        if (existing == null || existing.draining()) {
          group.register(c[0], Integer.parseInt(c[1]), c[2]);
        }
      }
    }
    return RegisterTargetsResponse.builder().build();
  }

  public DeregisterTargetsResponse deregisterTargets(
      RequestContext ctx, DeregisterTargetsRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    TargetGroupRecord group = store.targetGroup(req.targetGroupArn());
    synchronized (store) {
      List<TargetRecord> found = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (TargetDescription t : req.targets()) {
        int port = t.port() == null ? group.sdk().port() : t.port();
        TargetRecord r = group.target(t.id(), port);
        if (r == null) {
          missing.add(t.id());
        } else {
          found.add(r);
        }
      }
      if (!missing.isEmpty()) {
        throw new AwsException(
            "InvalidTarget",
            "The following targets are not registered in target group '"
                + group.arn()
                + "': '"
                + String.join("', '", missing)
                + "'");
      }
      int delay = group.attributeInt("deregistration_delay.timeout_seconds");
      boolean inUse = !store.loadBalancersUsing(group.arn()).isEmpty();
      for (TargetRecord r : found) {
        if (!r.draining()) {
          group.deregister(r, inUse ? delay : 0);
        }
      }
    }
    return DeregisterTargetsResponse.builder().build();
  }

  public DescribeTargetHealthResponse describeTargetHealth(
      RequestContext ctx, DescribeTargetHealthRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    TargetGroupRecord group = store.targetGroup(req.targetGroupArn());
    boolean inUse = !store.loadBalancersUsing(group.arn()).isEmpty();
    List<TargetHealthDescription> out = new ArrayList<>();
    if (req.targets().isEmpty()) {
      for (TargetRecord t : group.targets()) {
        out.add(describe(group, t, inUse));
      }
    } else {
      for (TargetDescription want : req.targets()) {
        if (group.isInstanceType()) {
          elbv2.instances().require(ctx, want.id());
        }
        int port = want.port() == null ? group.sdk().port() : want.port();
        TargetRecord t = group.target(want.id(), port);
        if (t == null) {
          out.add(
              TargetHealthDescription.builder()
                  .target(TargetDescription.builder().id(want.id()).port(port).build())
                  .targetHealth(
                      TargetHealth.builder()
                          .state(TargetHealthStateEnum.UNUSED)
                          .reason(TargetHealthReasonEnum.TARGET_NOT_REGISTERED)
                          .description("Target is not registered to the target group")
                          .build())
                  .build());
        } else {
          out.add(describe(group, t, inUse));
        }
      }
    }
    return DescribeTargetHealthResponse.builder().targetHealthDescriptions(out).build();
  }

  private static TargetHealthDescription describe(
      TargetGroupRecord group, TargetRecord t, boolean inUse) {
    TargetHealth health = t.health();
    if (!inUse && health.state() != TargetHealthStateEnum.DRAINING) {
      health =
          TargetHealth.builder()
              .state(TargetHealthStateEnum.UNUSED)
              .reason(TargetHealthReasonEnum.TARGET_NOT_IN_USE)
              .description(
                  "Target group is not configured to receive traffic from the load balancer")
              .build();
    } else if (!Boolean.TRUE.equals(group.sdk().healthCheckEnabled())
        && health.state() != TargetHealthStateEnum.DRAINING
        && health.state() != TargetHealthStateEnum.UNUSED) {
      health =
          TargetHealth.builder()
              .state(TargetHealthStateEnum.UNAVAILABLE)
              .reason(TargetHealthReasonEnum.TARGET_HEALTH_CHECK_DISABLED)
              .description("Health checks are disabled")
              .build();
    }
    String hcPort = group.sdk().healthCheckPort();
    return TargetHealthDescription.builder()
        .target(
            TargetDescription.builder()
                .id(t.id)
                .port(t.port)
                .availabilityZone(t.availabilityZone)
                .build())
        .healthCheckPort("traffic-port".equals(hcPort) ? Integer.toString(t.port) : hcPort)
        .targetHealth(health)
        .build();
  }

  private String instanceZone(RequestContext ctx, TargetGroupRecord group, String id) {
    TargetInstances.Instance instance;
    try {
      instance = elbv2.instances().require(ctx, id);
    } catch (AwsException e) {
      throw new AwsException(
          "InvalidTarget", "The following targets are not valid instances: '" + id + "'");
    }
    if (!instance.running()) {
      throw new AwsException(
          "InvalidTarget",
          "The following targets are not in a running state and cannot be registered: '"
              + id
              + "'");
    }
    if (!group.sdk().vpcId().equals(instance.vpcId())) {
      throw new AwsException(
          "InvalidTarget",
          "The following targets are not in the target group VPC '"
              + group.sdk().vpcId()
              + "': '"
              + id
              + "'");
    }
    return instance.zone();
  }

  private String ipZone(RequestContext ctx, TargetGroupRecord group, TargetDescription t) {
    String ip = t.id();
    if (ip == null || !ip.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
      throw new AwsException(
          "InvalidTarget", "The IP address '" + ip + "' is not a valid IPv4 address");
    }
    try {
      InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new AwsException(
          "InvalidTarget", "The IP address '" + ip + "' is not a valid IPv4 address");
    }
    for (String cidr : elbv2.networks().vpcCidrs(ctx.state(), group.sdk().vpcId())) {
      if (Cidrs.contains(cidr, ip)) {
        return t.availabilityZone();
      }
    }
    for (String cidr : PRIVATE) {
      if (Cidrs.contains(cidr, ip)) {
        if (t.availabilityZone() == null && cidr.startsWith("127.")) {
          return "all";
        }
        if (t.availabilityZone() == null) {
          throw Elbv2Errors.validation(
              "You must specify an Availability Zone of 'all' for IP address '"
                  + ip
                  + "' outside the VPC");
        }
        return t.availabilityZone();
      }
    }
    throw new AwsException(
        "InvalidTarget",
        "The IP address '" + ip + "' is not in the VPC's CIDR blocks or a private address range");
  }
}
