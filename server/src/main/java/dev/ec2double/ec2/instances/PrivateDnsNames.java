package dev.ec2double.ec2.instances;

import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.PrivateDnsNameOptionsRequest;
import software.amazon.awssdk.services.ec2.model.PrivateDnsNameOptionsResponse;

/**
 * An instance's private DNS names as AWS makes them: the IP name {@code ip-10-0-0-4.ec2.internal}
 * (us-east-1) or {@code ip-10-0-0-4.REGION.compute.internal}, and the resource name {@code
 * i-0123456789abcdef0.ec2.internal}. The hostname type says which is the instance's private DNS
 * name and hostname; the VPC's resolver answers the IP name, and the resource name when its A
 * record is enabled. https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-naming.html
 */
final class PrivateDnsNames {
  static final String IP_NAME = "ip-name";
  static final String RESOURCE_NAME = "resource-name";

  private PrivateDnsNames() {}

  /** The domain of the region's private DNS names. */
  static String domain(String region) {
    return region.equals("us-east-1") ? "ec2.internal" : region + ".compute.internal";
  }

  static String ipName(String ip, String region) {
    return "ip-" + ip.replace('.', '-') + "." + domain(region);
  }

  static String resourceName(String instanceId, String region) {
    return instanceId + "." + domain(region);
  }

  /** The private DNS name its hostname type gives it. */
  static String of(String hostnameType, String instanceId, String ip, String region) {
    return RESOURCE_NAME.equals(hostnameType)
        ? resourceName(instanceId, region)
        : ipName(ip, region);
  }

  /** The names the VPC's resolver answers with its address (none without DNS support). */
  static List<String> resolvable(InstanceRecord r, boolean dnsSupport) {
    List<String> names = new ArrayList<>();
    if (dnsSupport) {
      names.add(ipName(r.privateIp, r.region));
      if (r.resourceNameA) {
        names.add(resourceName(r.id, r.region));
      }
    }
    return names;
  }

  /** A hostname type as given, checked: {@code ip-name} or {@code resource-name}. */
  static String hostnameType(String given) {
    if (given == null || given.equals(IP_NAME) || given.equals(RESOURCE_NAME)) {
      return given;
    }
    throw AwsException.invalidParameterValue(
        "Value (" + given + ") for parameter PrivateDnsHostnameType is invalid.");
  }

  /** RunInstances' PrivateDnsNameOptions onto the new instance (defaults: IP name, no records). */
  static void atLaunch(InstanceRecord r, PrivateDnsNameOptionsRequest o) {
    if (o == null) {
      return;
    }
    String type = hostnameType(o.hostnameTypeAsString());
    if (type != null) {
      r.hostnameType = type;
    }
    r.resourceNameA = Boolean.TRUE.equals(o.enableResourceNameDnsARecord());
    r.resourceNameAaaa = Boolean.TRUE.equals(o.enableResourceNameDnsAAAARecord());
    r.privateDnsName = of(r.hostnameType, r.id, r.privateIp, r.region);
  }

  static PrivateDnsNameOptionsResponse view(InstanceRecord r) {
    return PrivateDnsNameOptionsResponse.builder()
        .hostnameType(r.hostnameType)
        .enableResourceNameDnsARecord(r.resourceNameA)
        .enableResourceNameDnsAAAARecord(r.resourceNameAaaa)
        .build();
  }
}
