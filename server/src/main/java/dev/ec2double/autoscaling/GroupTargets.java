package dev.ec2double.autoscaling;

import dev.ec2double.core.RequestContext;

/**
 * The seam between groups and ELBv2's target groups: a group registers its InService instances with
 * its target groups, deregisters them before they end, and (HealthCheckType ELB) reads what the
 * load balancer's health checks say. The server answers it from the ELBv2 API services.
 */
public interface GroupTargets {
  /** Auto Scaling's ValidationError when the target group does not exist. */
  void require(RequestContext ctx, String targetGroupArn);

  void register(RequestContext ctx, String targetGroupArn, String instanceId);

  /** Starts the deregistration (with the group's deregistration delay); nothing if not there. */
  void deregister(RequestContext ctx, String targetGroupArn, String instanceId);

  /**
   * The target's health state ({@code initial}, {@code healthy}, {@code unhealthy}, {@code
   * draining}, ...), or null when it is not registered (any more) or the group is gone.
   */
  String health(RequestContext ctx, String targetGroupArn, String instanceId);

  /** A server without ELBv2. */
  GroupTargets NONE =
      new GroupTargets() {
        @Override
        public void require(RequestContext ctx, String arn) {
          throw AutoScalingErrors.validation("Target group not found: " + arn);
        }

        @Override
        public void register(RequestContext ctx, String arn, String id) {}

        @Override
        public void deregister(RequestContext ctx, String arn, String id) {}

        @Override
        public String health(RequestContext ctx, String arn, String id) {
          return null;
        }
      };
}
