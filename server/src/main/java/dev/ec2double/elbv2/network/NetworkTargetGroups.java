package dev.ec2double.elbv2.network;

import dev.ec2double.elbv2.Elbv2Errors;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupIpAddressTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Target groups of network load balancers (TCP, UDP, TCP_UDP) and gateway load balancers (GENEVE on
 * port 6081), with AWS's defaults: TCP health checks on the traffic port (GENEVE: port 80) every 30
 * s (GENEVE: 10 s), timeout 10 s (GENEVE: 5 s; HTTP checks: 6 s, path {@code /}, codes {@code
 * 200-399}), thresholds 5 and 2. A TLS target group's targets get TLS from the load balancer.
 */
public final class NetworkTargetGroups {
  private NetworkTargetGroups() {}

  /** The new target group as AWS would describe it (no ARN yet). */
  public static TargetGroup build(CreateTargetGroupRequest req, TargetTypeEnum type) {
    ProtocolEnum protocol = req.protocol();
    boolean geneve = protocol == ProtocolEnum.GENEVE;
    if (geneve && req.port() != null && req.port() != 6081) {
      throw Elbv2Errors.validation("GENEVE target groups must use port 6081");
    }
    if (req.protocolVersion() != null) {
      throw Elbv2Errors.validation(
          "A protocol version can be specified for HTTP and HTTPS target groups only");
    }
    if (req.port() == null && !geneve) {
      throw Elbv2Errors.validation("A port must be specified");
    }
    ProtocolEnum check =
        req.healthCheckProtocol() == null ? ProtocolEnum.TCP : req.healthCheckProtocol();
    if (check != ProtocolEnum.TCP && check != ProtocolEnum.HTTP && check != ProtocolEnum.HTTPS) {
      throw Elbv2Errors.validation(
          "Health check protocol '"
              + req.healthCheckProtocolAsString()
              + "' is not supported for "
              + protocol
              + " target groups: use TCP, HTTP or HTTPS");
    }
    boolean http = check != ProtocolEnum.TCP;
    if (!http && (req.healthCheckPath() != null || req.matcher() != null)) {
      throw Elbv2Errors.validation(
          "A health check path and matcher cannot be specified for TCP health checks");
    }
    TargetGroup.Builder b =
        TargetGroup.builder()
            .targetGroupName(req.name())
            .protocol(protocol)
            .port(geneve ? 6081 : req.port())
            .vpcId(req.vpcId())
            .healthCheckProtocol(check)
            .healthCheckPort(
                req.healthCheckPort() != null
                    ? req.healthCheckPort()
                    : geneve ? "80" : "traffic-port")
            .healthCheckEnabled(req.healthCheckEnabled() == null || req.healthCheckEnabled())
            .healthCheckIntervalSeconds(or(req.healthCheckIntervalSeconds(), geneve ? 10 : 30))
            .healthCheckTimeoutSeconds(
                or(req.healthCheckTimeoutSeconds(), http ? 6 : geneve ? 5 : 10))
            .healthyThresholdCount(or(req.healthyThresholdCount(), 5))
            .unhealthyThresholdCount(or(req.unhealthyThresholdCount(), 2))
            .targetType(type)
            .ipAddressType(TargetGroupIpAddressTypeEnum.IPV4);
    if (http) {
      b.healthCheckPath(req.healthCheckPath() == null ? "/" : req.healthCheckPath())
          .matcher(
              Matcher.builder()
                  .httpCode(
                      req.matcher() == null || req.matcher().httpCode() == null
                          ? "200-399"
                          : req.matcher().httpCode())
                  .build());
    }
    return b.build();
  }

  private static int or(Integer v, int d) {
    return v == null ? d : v;
  }
}
