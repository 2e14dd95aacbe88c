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

  private static final List<String> TCP = List.of("tcp");

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
        var p =
            EndpointNetwork.ports(
                o.protocolAsString(), o.port(), o.portRanges(), what, PROTOCOLS, true);
        return new Spec(
            lb.sdk().vpcId(),
            p.protocol(),
            VerifiedAccessEndpointLoadBalancerOptions.builder()
                .protocol(p.protocol())
                .port(p.port())
                .loadBalancerArn(lb.arn())
                .subnetIds(subnets)
                .portRanges(p.ranges())
                .build(),
            null,
            null,
            null);
      }
      case "network-interface" -> {
        var o = req.networkInterfaceOptions();
        String what = "NetworkInterfaceOptions";
        NetworkInterfaceRecord eni = EndpointNetwork.networkInterface(ctx, o.networkInterfaceId());
        var p =
            EndpointNetwork.ports(
                o.protocolAsString(), o.port(), o.portRanges(), what, PROTOCOLS, true);
        return new Spec(
            eni.vpcId(),
            p.protocol(),
            null,
            VerifiedAccessEndpointEniOptions.builder()
                .networkInterfaceId(eni.id())
                .protocol(p.protocol())
                .port(p.port())
                .portRanges(p.ranges())
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
        var p = EndpointNetwork.ports(o.protocolAsString(), o.port(), List.of(), what, TCP, true);
        return new Spec(
            vpc,
            p.protocol(),
            null,
            null,
            VerifiedAccessEndpointRdsOptions.builder()
                .protocol(p.protocol())
                .port(p.port())
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
        var p = EndpointNetwork.ports(o.protocolAsString(), null, o.portRanges(), what, TCP, true);
        return new Spec(
            vpc,
            p.protocol(),
            null,
            null,
            null,
            VerifiedAccessEndpointCidrOptions.builder()
                .cidr(cidr)
                .protocol(p.protocol())
                .subnetIds(subnets)
                .portRanges(p.ranges())
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
      var p =
          EndpointNetwork.ports(
              o.protocolAsString(), o.port(), o.portRanges(), what, PROTOCOLS, false);
      e.loadBalancer =
          b.protocol(p.protocolOr(e.loadBalancer.protocolAsString()))
              .port(p.portOr(e.loadBalancer.port()))
              .portRanges(p.rangesOr(e.loadBalancer.portRanges()))
              .build();
    }
    if (req.networkInterfaceOptions() != null) {
      var o = req.networkInterfaceOptions();
      String what = "NetworkInterfaceOptions";
      var p =
          EndpointNetwork.ports(
              o.protocolAsString(), o.port(), o.portRanges(), what, PROTOCOLS, false);
      var now = e.networkInterface;
      e.networkInterface =
          now.toBuilder()
              .protocol(p.protocolOr(now.protocolAsString()))
              .port(p.portOr(now.port()))
              .portRanges(p.rangesOr(now.portRanges()))
              .build();
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
      b.port(
          EndpointNetwork.ports(null, o.port(), List.of(), what, TCP, false).portOr(e.rds.port()));
      if (o.rdsEndpoint() != null) {
        b.rdsEndpoint(EndpointNetwork.host(o.rdsEndpoint(), what + ".RdsEndpoint"));
      }
      e.rds = b.build();
    }
    if (req.cidrOptions() != null) {
      var p =
          EndpointNetwork.ports(
              null, null, req.cidrOptions().portRanges(), "CidrOptions", TCP, false);
      e.cidr = e.cidr.toBuilder().portRanges(p.rangesOr(e.cidr.portRanges())).build();
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
