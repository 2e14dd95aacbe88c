package dev.ec2double.ec2.verifiedaccess;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.NetworkInterfaceRecord;
import dev.ec2double.ec2.vpc.SubnetRecord;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.ec2.vpc.VpcState;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.LoadBalancerRecord;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointPortRange;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;

/**
 * What an endpoint stands on, checked against this server's records: the load balancer (one of the
 * region's application or network load balancers, in each subnet the endpoint names), the network
 * interface, the subnets (all of one VPC) and the security groups (of that VPC), and the ports.
 */
final class EndpointNetwork {
  private EndpointNetwork() {}

  static final List<String> PROTOCOLS = List.of("http", "https", "tcp");

  private static final Pattern RDS_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:rds:[a-z0-9-]+:[0-9]{12}:(db|cluster|db-proxy):[A-Za-z0-9-]+");

  private static final Pattern HOST =
      Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

  /** The load balancer of this ARN, which must be an application or network load balancer. */
  static LoadBalancerRecord loadBalancer(RequestContext ctx, String arn) {
    if (arn == null) {
      throw AwsException.missingParameter("LoadBalancerOptions.LoadBalancerArn");
    }
    Elbv2Store elb = ctx.state().existingPart(Elbv2Store.class);
    LoadBalancerRecord lb = elb == null ? null : elb.loadBalancers.get(arn);
    if (lb == null) {
      throw AwsException.invalidParameterValue("The load balancer '" + arn + "' does not exist");
    }
    if ("gateway".equals(lb.sdk().typeAsString())) {
      throw AwsException.invalidParameterValue(
          "Load balancer "
              + arn
              + " is a gateway load balancer: use an application or network one");
    }
    return lb;
  }

  /** Each subnet must be one the load balancer is in. */
  static void inLoadBalancer(LoadBalancerRecord lb, List<String> subnets) {
    List<String> its =
        lb.sdk().availabilityZones().stream().map(AvailabilityZone::subnetId).toList();
    for (String s : subnets) {
      if (!its.contains(s)) {
        throw AwsException.invalidParameterValue(
            "Subnet " + s + " is not a subnet of load balancer " + lb.name() + " (" + its + ")");
      }
    }
  }

  static NetworkInterfaceRecord networkInterface(RequestContext ctx, String id) {
    if (id == null) {
      throw AwsException.missingParameter("NetworkInterfaceOptions.NetworkInterfaceId");
    }
    return VpcState.of(ctx.state()).networkInterface(id);
  }

  /** The VPC of the subnets, which must exist and share one VPC; null for none. */
  static String vpcOf(RequestContext ctx, List<String> subnets, String what) {
    String vpc = null;
    for (String id : subnets) {
      SubnetRecord s = VpcLookups.subnetOrNull(ctx.state(), id);
      if (s == null) {
        throw new AwsException(
            "InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
      }
      if (vpc != null && !vpc.equals(s.vpcId())) {
        throw AwsException.invalidParameterValue(
            "The subnets of " + what + " must be in one VPC: " + subnets);
      }
      vpc = s.vpcId();
    }
    return vpc;
  }

  static List<String> subnetsRequired(List<String> subnets, String what) {
    if (subnets.isEmpty()) {
      throw AwsException.missingParameter(what + ".SubnetIds");
    }
    return List.copyOf(new java.util.LinkedHashSet<>(subnets));
  }

  static void securityGroups(RequestContext ctx, String vpc, List<String> groups) {
    for (String g : groups) {
      if (!VpcLookups.securityGroupExists(ctx.state(), vpc, g)) {
        throw new AwsException(
            "InvalidGroup.NotFound",
            "The security group '" + g + "' does not exist in VPC '" + vpc + "'");
      }
    }
  }

  private static String protocol(String protocol, String what, List<String> allowed) {
    if (protocol == null) {
      throw AwsException.missingParameter(what + ".Protocol");
    }
    if (!allowed.contains(protocol)) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + protocol + "' for " + what + ".Protocol: one of " + allowed);
    }
    return protocol;
  }

  static Integer port(Integer port, String what) {
    if (port != null && (port < 1 || port > 65535)) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + port + "' for " + what + ".Port: 1 to 65535");
    }
    return port;
  }

  /** Port ranges of Create's or Modify's shape, read by member name: 1 to 65535, from <= to. */
  private static List<VerifiedAccessEndpointPortRange> ranges(
      List<? extends SdkPojo> given, String what) {
    List<VerifiedAccessEndpointPortRange> out = new ArrayList<>();
    for (SdkPojo r : given) {
      Map<String, String> m = ProviderOptions.members(r);
      Integer from = port(number(m.get("FromPort"), what + ".PortRange.FromPort"), what);
      Integer to = port(number(m.get("ToPort"), what + ".PortRange.ToPort"), what);
      if (from > to) {
        throw AwsException.invalidParameterValue(
            "Invalid port range " + from + "-" + to + " for " + what + ": FromPort above ToPort");
      }
      out.add(VerifiedAccessEndpointPortRange.builder().fromPort(from).toPort(to).build());
    }
    return out;
  }

  private static Integer number(String value, String name) {
    if (value == null) {
      throw AwsException.missingParameter(name);
    }
    return Integer.valueOf(value);
  }

  /** A port or port ranges must be given. */
  private static void needsPorts(
      Integer port, List<VerifiedAccessEndpointPortRange> ranges, String what) {
    if (port == null && ranges.isEmpty()) {
      throw AwsException.missingParameter(what + ".Port");
    }
  }

  /** A protocol, a port and port ranges, each checked; null or empty where not given. */
  record Ports(String protocol, Integer port, List<VerifiedAccessEndpointPortRange> ranges) {
    String protocolOr(String current) {
      return protocol == null ? current : protocol;
    }

    Integer portOr(Integer current) {
      return port == null ? current : port;
    }

    List<VerifiedAccessEndpointPortRange> rangesOr(List<VerifiedAccessEndpointPortRange> current) {
      return ranges.isEmpty() ? current : ranges;
    }
  }

  /**
   * The ports of Create's options (a protocol and a port or port ranges required) or Modify's (each
   * optional).
   */
  static Ports ports(
      String protocol,
      Integer port,
      List<? extends SdkPojo> ranges,
      String what,
      List<String> protocols,
      boolean create) {
    List<VerifiedAccessEndpointPortRange> checked = ranges(ranges, what);
    Integer p = port(port, what);
    if (create) {
      needsPorts(p, checked, what);
    }
    return new Ports(
        create || protocol != null ? protocol(protocol, what, protocols) : null, p, checked);
  }

  static String rdsArn(String instance, String cluster, String proxy) {
    List<String> given =
        java.util.stream.Stream.of(instance, cluster, proxy)
            .filter(java.util.Objects::nonNull)
            .toList();
    if (given.size() != 1) {
      throw AwsException.invalidParameterCombination(
          "Specify exactly one of RdsDbInstanceArn, RdsDbClusterArn and RdsDbProxyArn.");
    }
    if (!RDS_ARN.matcher(given.get(0)).matches()) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + given.get(0) + "' for the RDS ARN: not an RDS ARN");
    }
    return given.get(0);
  }

  static String host(String host, String name) {
    if (host == null) {
      throw AwsException.missingParameter(name);
    }
    if (host.length() > 253 || !HOST.matcher(host).matches()) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + host + "' for " + name + ": not a domain name");
    }
    return host;
  }

  static String cidr(String cidr) {
    if (cidr == null) {
      throw AwsException.missingParameter("CidrOptions.Cidr");
    }
    Cidr c = Cidr.parseOrNull(cidr);
    if (c == null) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + cidr + "' for CidrOptions.Cidr: not an IPv4 CIDR block");
    }
    return cidr;
  }
}
