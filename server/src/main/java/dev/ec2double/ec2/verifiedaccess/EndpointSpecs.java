package dev.ec2double.ec2.verifiedaccess;

import static dev.ec2double.ec2.verifiedaccess.EndpointNetwork.PROTOCOLS;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.NetworkInterfaceRecord;
import dev.ec2double.elbv2.LoadBalancerRecord;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessEndpointRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessEndpointRequest;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointCidrOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointEniOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointLoadBalancerOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointRdsOptions;

/**
 * The type options of an endpoint as Create and Modify give them, checked (EndpointNetwork) and
 * turned into what Describe shows. Each type takes its own options only: {@code load-balancer} and
 * {@code network-interface} over http, https or tcp, {@code rds} and {@code cidr} over tcp.
 */
final class EndpointSpecs {
  private EndpointSpecs() {}

  /** An endpoint's options of its type, and the VPC it is in. */
  record Spec(
      String vpc,
      String protocol,
      VerifiedAccessEndpointLoadBalancerOptions loadBalancer,
      VerifiedAccessEndpointEniOptions networkInterface,
      VerifiedAccessEndpointRdsOptions rds,
      VerifiedAccessEndpointCidrOptions cidr) {}

  static Spec create(RequestContext ctx, String type, CreateVerifiedAccessEndpointRequest req) {
    onlyOwn(
        type,
        req.loadBalancerOptions() != null,
        req.networkInterfaceOptions() != null,
        req.rdsOptions() != null,
        req.cidrOptions() != null);
    switch (type) {
      case "load-balancer" -> {
        var o = req.loadBalancerOptions();
        String what = "LoadBalancerOptions";
        LoadBalancerRecord lb = EndpointNetwork.loadBalancer(ctx, o.loadBalancerArn());
        List<String> subnets = EndpointNetwork.subnetsRequired(o.subnetIds(), what);
        EndpointNetwork.vpcOf(ctx, subnets, what);
        EndpointNetwork.inLoadBalancer(lb, subnets);
        var ranges = EndpointNetwork.ranges(o.portRanges(), what);
        Integer port = EndpointNetwork.port(o.port(), what);
        EndpointNetwork.needsPorts(port, ranges, what);
        String protocol = EndpointNetwork.protocol(o.protocolAsString(), what, PROTOCOLS);
        return new Spec(
            lb.sdk().vpcId(),
            protocol,
            VerifiedAccessEndpointLoadBalancerOptions.builder()
                .protocol(protocol)
                .port(port)
                .loadBalancerArn(lb.arn())
                .subnetIds(subnets)
                .portRanges(ranges)
                .build(),
            null,
            null,
            null);
      }
      case "network-interface" -> {
        var o = req.networkInterfaceOptions();
        String what = "NetworkInterfaceOptions";
        NetworkInterfaceRecord eni = EndpointNetwork.networkInterface(ctx, o.networkInterfaceId());
        var ranges = EndpointNetwork.ranges(o.portRanges(), what);
        Integer port = EndpointNetwork.port(o.port(), what);
        EndpointNetwork.needsPorts(port, ranges, what);
        String protocol = EndpointNetwork.protocol(o.protocolAsString(), what, PROTOCOLS);
        return new Spec(
            eni.vpcId(),
            protocol,
            null,
            VerifiedAccessEndpointEniOptions.builder()
                .networkInterfaceId(eni.id())
                .protocol(protocol)
                .port(port)
                .portRanges(ranges)
                .build(),
            null,
            null);
      }
      case "rds" -> {
        var o = req.rdsOptions();
        String what = "RdsOptions";
        String arn =
            EndpointNetwork.rdsArn(o.rdsDbInstanceArn(), o.rdsDbClusterArn(), o.rdsDbProxyArn());
        List<String> subnets = EndpointNetwork.subnetsRequired(o.subnetIds(), what);
        String vpc = EndpointNetwork.vpcOf(ctx, subnets, what);
        Integer port = EndpointNetwork.port(o.port(), what);
        EndpointNetwork.needsPorts(port, List.of(), what);
        String protocol = EndpointNetwork.protocol(o.protocolAsString(), what, List.of("tcp"));
        return new Spec(
            vpc,
            protocol,
            null,
            null,
            VerifiedAccessEndpointRdsOptions.builder()
                .protocol(protocol)
                .port(port)
                .rdsDbInstanceArn(arn.equals(o.rdsDbInstanceArn()) ? arn : null)
                .rdsDbClusterArn(arn.equals(o.rdsDbClusterArn()) ? arn : null)
                .rdsDbProxyArn(arn.equals(o.rdsDbProxyArn()) ? arn : null)
                .rdsEndpoint(EndpointNetwork.host(o.rdsEndpoint(), what + ".RdsEndpoint"))
                .subnetIds(subnets)
                .build(),
            null);
      }
      default -> {
        var o = req.cidrOptions();
        String what = "CidrOptions";
        String cidr = EndpointNetwork.cidr(o.cidr());
        List<String> subnets = EndpointNetwork.subnetsRequired(o.subnetIds(), what);
        String vpc = EndpointNetwork.vpcOf(ctx, subnets, what);
        var ranges = EndpointNetwork.ranges(o.portRanges(), what);
        EndpointNetwork.needsPorts(null, ranges, what);
        String protocol = EndpointNetwork.protocol(o.protocolAsString(), what, List.of("tcp"));
        return new Spec(
            vpc,
            protocol,
            null,
            null,
            null,
            VerifiedAccessEndpointCidrOptions.builder()
                .cidr(cidr)
                .protocol(protocol)
                .subnetIds(subnets)
                .portRanges(ranges)
                .build());
      }
    }
  }

  private static void onlyOwn(String type, boolean lb, boolean eni, boolean rds, boolean cidr) {
    boolean[] given = {lb, eni, rds, cidr};
    String[] types = {"load-balancer", "network-interface", "rds", "cidr"};
    String[] names = {
      "LoadBalancerOptions", "NetworkInterfaceOptions", "RdsOptions", "CidrOptions"
    };
    for (int i = 0; i < types.length; i++) {
      if (types[i].equals(type) && !given[i]) {
        throw AwsException.missingParameter(names[i]);
      }
      if (!types[i].equals(type) && given[i]) {
        throw AwsException.invalidParameterCombination(
            names[i] + " are for " + types[i] + " endpoints, not " + type + " endpoints.");
      }
    }
  }

  /** Applies Modify's options of the endpoint's own type (the caller holds no lock). */
  static void modify(
      RequestContext ctx, AccessStore.Endpoint e, ModifyVerifiedAccessEndpointRequest req) {
    onlyOwnOnModify(e.type, req);
    if (req.loadBalancerOptions() != null) {
      var o = req.loadBalancerOptions();
      String what = "LoadBalancerOptions";
      var b = e.loadBalancer.toBuilder();
      if (!o.subnetIds().isEmpty()) {
        LoadBalancerRecord lb = EndpointNetwork.loadBalancer(ctx, e.loadBalancer.loadBalancerArn());
        List<String> subnets = EndpointNetwork.subnetsRequired(o.subnetIds(), what);
        EndpointNetwork.vpcOf(ctx, subnets, what);
        EndpointNetwork.inLoadBalancer(lb, subnets);
        b.subnetIds(subnets);
      }
      if (o.protocolAsString() != null) {
        b.protocol(EndpointNetwork.protocol(o.protocolAsString(), what, PROTOCOLS));
      }
      if (o.port() != null) {
        b.port(EndpointNetwork.port(o.port(), what));
      }
      if (!o.portRanges().isEmpty()) {
        b.portRanges(EndpointNetwork.ranges(o.portRanges(), what));
      }
      e.loadBalancer = b.build();
    }
    if (req.networkInterfaceOptions() != null) {
      var o = req.networkInterfaceOptions();
      String what = "NetworkInterfaceOptions";
      var b = e.networkInterface.toBuilder();
      if (o.protocolAsString() != null) {
        b.protocol(EndpointNetwork.protocol(o.protocolAsString(), what, PROTOCOLS));
      }
      if (o.port() != null) {
        b.port(EndpointNetwork.port(o.port(), what));
      }
      if (!o.portRanges().isEmpty()) {
        b.portRanges(EndpointNetwork.ranges(o.portRanges(), what));
      }
      e.networkInterface = b.build();
    }
    if (req.rdsOptions() != null) {
      var o = req.rdsOptions();
      String what = "RdsOptions";
      var b = e.rds.toBuilder();
      if (!o.subnetIds().isEmpty()) {
        List<String> subnets = EndpointNetwork.subnetsRequired(o.subnetIds(), what);
        EndpointNetwork.vpcOf(ctx, subnets, what);
        b.subnetIds(subnets);
      }
      if (o.port() != null) {
        b.port(EndpointNetwork.port(o.port(), what));
      }
      if (o.rdsEndpoint() != null) {
        b.rdsEndpoint(EndpointNetwork.host(o.rdsEndpoint(), what + ".RdsEndpoint"));
      }
      e.rds = b.build();
    }
    if (req.cidrOptions() != null && !req.cidrOptions().portRanges().isEmpty()) {
      e.cidr =
          e.cidr.toBuilder()
              .portRanges(EndpointNetwork.ranges(req.cidrOptions().portRanges(), "CidrOptions"))
              .build();
    }
  }

  private static void onlyOwnOnModify(String type, ModifyVerifiedAccessEndpointRequest req) {
    boolean[] given = {
      req.loadBalancerOptions() != null,
      req.networkInterfaceOptions() != null,
      req.rdsOptions() != null,
      req.cidrOptions() != null
    };
    String[] types = {"load-balancer", "network-interface", "rds", "cidr"};
    for (int i = 0; i < types.length; i++) {
      if (given[i] && !types[i].equals(type)) {
        throw AwsException.invalidParameterCombination(
            "The endpoint is a "
                + type
                + " endpoint: its options cannot be "
                + types[i]
                + " ones.");
      }
    }
  }
}
