package dev.ec2double.ec2.instances;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Ec2InstanceConnectEndpoint;
import software.amazon.awssdk.services.ec2.model.InstanceConnectEndpointDnsNames;
import software.amazon.awssdk.services.ec2.model.InstanceConnectEndpointPublicDnsNames;

/**
 * EC2 Instance Connect Endpoints: the records and how DescribeInstanceConnectEndpoints shows them.
 */
final class ConnectEndpoints {
  /** AWS's quotas: one endpoint per VPC, five per account and region. */
  static final int PER_VPC = 1;

  static final int PER_REGION = 5;

  static final class Endpoint implements java.io.Serializable {
    final String id;
    final String subnetId;
    final String vpcId;
    final String zone;
    final String zoneId;
    final Instant createdAt;
    final String ipAddressType;
    final String dnsPart;
    List<String> groupIds;
    boolean preserveClientIp;
    String state = "create-complete";

    Endpoint(
        String id,
        String subnetId,
        String vpcId,
        String zone,
        String zoneId,
        String ipAddressType,
        String dnsPart) {
      this.id = id;
      this.subnetId = subnetId;
      this.vpcId = vpcId;
      this.zone = zone;
      this.zoneId = zoneId;
      this.createdAt = Instant.now();
      this.ipAddressType = ipAddressType;
      this.dnsPart = dnsPart;
    }

    String id() {
      return id;
    }
  }

  static final class Store implements java.io.Serializable {
    final Map<String, Endpoint> byId = new LinkedHashMap<>();

    static Store of(RegionState state) {
      return state.part(Store.class, Store::new);
    }
  }

  static final ResourceKind<Endpoint, Ec2InstanceConnectEndpoint> KIND =
      ResourceKind.<Endpoint, Ec2InstanceConnectEndpoint>of("eice", "instance-connect-endpoint")
          .errors(
              "InvalidInstanceConnectEndpointId.NotFound",
              "instance connect endpoint",
              "InvalidInstanceConnectEndpointId.Malformed")
          .storedIn(Store::of, s -> s.byId)
          .id(Endpoint::id)
          .view(ConnectEndpoints::view, Ec2InstanceConnectEndpoint::tags)
          .filter(
              "instance-connect-endpoint-id", Ec2InstanceConnectEndpoint::instanceConnectEndpointId)
          .filter("state", Ec2InstanceConnectEndpoint::stateAsString)
          .filter("subnet-id", Ec2InstanceConnectEndpoint::subnetId)
          .filter("vpc-id", Ec2InstanceConnectEndpoint::vpcId)
          .build();

  private ConnectEndpoints() {}

  /**
   * The endpoint's DNS name: {@code
   * eice-ID.HASH.ec2-instance-connect-endpoint.REGION.amazonaws.com}.
   */
  static String dnsName(String region, Endpoint e, boolean fips) {
    return e.id
        + "."
        + e.dnsPart
        + (fips ? ".fips" : "")
        + ".ec2-instance-connect-endpoint."
        + region
        + ".amazonaws.com";
  }

  static Ec2InstanceConnectEndpoint view(RequestContext ctx, Endpoint e) {
    String dns = dnsName(ctx.region(), e, false);
    String fips = dnsName(ctx.region(), e, true);
    return Ec2InstanceConnectEndpoint.builder()
        .ownerId(ctx.account())
        .instanceConnectEndpointId(e.id)
        .instanceConnectEndpointArn(
            "arn:aws:ec2:"
                + ctx.region()
                + ":"
                + ctx.account()
                + ":instance-connect-endpoint/"
                + e.id)
        .state(e.state)
        .stateMessage("")
        .dnsName(dns)
        .fipsDnsName(fips)
        .publicDnsNames(
            InstanceConnectEndpointPublicDnsNames.builder()
                .ipv4(
                    InstanceConnectEndpointDnsNames.builder()
                        .dnsName(dns)
                        .fipsDnsName(fips)
                        .build())
                .build())
        .networkInterfaceIds(List.of())
        .vpcId(e.vpcId)
        .availabilityZone(e.zone)
        .availabilityZoneId(e.zoneId)
        .createdAt(e.createdAt)
        .subnetId(e.subnetId)
        .preserveClientIp(e.preserveClientIp)
        .securityGroupIds(e.groupIds)
        .ipAddressType(e.ipAddressType)
        .tags(ctx.tags().sdkTags(e.id))
        .build();
  }
}
