package dev.ec2double.elbv2.loadbalancers;

import dev.ec2double.core.RequestContext;
import dev.ec2double.elbv2.Arns;
import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.Elbv2Tags;
import dev.ec2double.elbv2.ListenerRecord;
import dev.ec2double.elbv2.LoadBalancerRecord;
import dev.ec2double.elbv2.Markers;
import dev.ec2double.elbv2.Names;
import dev.ec2double.elbv2.NetworkAttributes;
import dev.ec2double.elbv2.Networks;
import dev.ec2double.elbv2.network.NetworkLoadBalancers;
import dev.ec2double.elbv2.runtime.Elbv2;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpAddressType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSecurityGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSecurityGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSubnetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSubnetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping;

/**
 * Application load balancers: CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer, their
 * attributes, SetSubnets and SetSecurityGroups. The DNS name is {@code NAME-N.REGION.elb.test}
 * ({@code .test} never resolves publicly, RFC 6761) and resolves to the load balancer's own
 * loopback address where a hosts file is kept ({@code --hosts-file}); see docs/load-balancers.md.
 */
public final class LoadBalancersService {
  /** us-east-1's ALB hosted zone; ec2-double has no Route 53, so every region shows this one. */
  static final String HOSTED_ZONE = "Z35SXDOTRQ7X7K";

  private final Elbv2 elbv2;

  public LoadBalancersService(Elbv2 elbv2) {
    this.elbv2 = elbv2;
  }

  public CreateLoadBalancerResponse createLoadBalancer(
      RequestContext ctx, CreateLoadBalancerRequest req) {
    Names.check("load balancer", req.name());
    if (req.name().toLowerCase().startsWith("internal-")) {
      throw Elbv2Errors.validation("Load balancer names cannot start with 'internal-'");
    }
    LoadBalancerTypeEnum type = NetworkLoadBalancers.type(req);
    LoadBalancerSchemeEnum scheme = NetworkLoadBalancers.scheme(type, req);
    NetworkLoadBalancers.check(type, scheme, req);
    Elbv2Store store = elbv2.store(ctx);
    List<AvailabilityZone> zones =
        zones(ctx, req.subnets(), req.subnetMappings(), NetworkLoadBalancers.minimumZones(type));
    String vpcId = zones.isEmpty() ? null : vpcOf(ctx, zones);
    // an NLB without security groups has none; a gateway load balancer never has any
    List<String> groups =
        type != LoadBalancerTypeEnum.APPLICATION && req.securityGroups().isEmpty()
            ? List.of()
            : securityGroups(ctx, vpcId, req.securityGroups());
    IpAddressType ipType = req.ipAddressType() == null ? IpAddressType.IPV4 : req.ipAddressType();
    IpAddressingService.check(
        ipType, scheme == null ? LoadBalancerSchemeEnum.INTERNET_FACING : scheme);
    if (req.ipamPools() != null) {
      IpAddressingService.checkPool(req.ipamPools().ipv4IpamPoolId());
    }
    Elbv2Tags.validate(req.tags());
    synchronized (store) {
      for (LoadBalancerRecord existing : store.loadBalancers.values()) {
        if (existing.name().equals(req.name())) {
          LoadBalancer e = existing.sdk();
          if (e.scheme() == scheme
              && e.type() == type
              && e.availabilityZones().equals(zones)
              && e.securityGroups().equals(groups)) {
            return CreateLoadBalancerResponse.builder().loadBalancers(e).build();
          }
          throw new AwsException(
              "DuplicateLoadBalancerName",
              "A load balancer with the same name '"
                  + req.name()
                  + "' exists, but with different settings");
        }
      }
      String id = Arns.hex16();
      String arn = Arns.loadBalancer(ctx.region(), ctx.account(), req.name(), id);
      String dns =
          (scheme == LoadBalancerSchemeEnum.INTERNAL ? "internal-" : "")
              + req.name()
              + "-"
              + (1_000_000_000L + ThreadLocalRandom.current().nextLong(8_999_999_999L))
              + "."
              + ctx.region()
              + ".elb.test";
      LoadBalancer lb =
          LoadBalancer.builder()
              .loadBalancerArn(arn)
              .dnsName(dns.toLowerCase())
              .canonicalHostedZoneId(
                  type == LoadBalancerTypeEnum.APPLICATION
                      ? HOSTED_ZONE
                      : NetworkLoadBalancers.NETWORK_HOSTED_ZONE)
              .createdTime(Instant.now())
              .loadBalancerName(req.name())
              .scheme(scheme)
              .vpcId(vpcId)
              .state(LoadBalancerState.builder().code(LoadBalancerStateEnum.ACTIVE).build())
              .type(type)
              .availabilityZones(zones)
              .securityGroups(groups)
              .ipAddressType(ipType)
              .ipamPools(req.ipamPools())
              .build();
      store.loadBalancers.put(arn, new LoadBalancerRecord(store.nextSeq(), lb));
      if (type != LoadBalancerTypeEnum.GATEWAY) {
        elbv2.named(lb.dnsName());
      }
      Elbv2Tags.put(store, arn, req.tags());
      return CreateLoadBalancerResponse.builder().loadBalancers(lb).build();
    }
  }

  public DescribeLoadBalancersResponse describeLoadBalancers(
      RequestContext ctx, DescribeLoadBalancersRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    if (!req.loadBalancerArns().isEmpty() && !req.names().isEmpty()) {
      throw Elbv2Errors.validation(
          "Load balancer names and load balancer ARNs cannot be specified at the same time");
    }
    List<LoadBalancerRecord> found = new ArrayList<>();
    if (!req.loadBalancerArns().isEmpty()) {
      List<String> missing = new ArrayList<>();
      for (String arn : req.loadBalancerArns()) {
        LoadBalancerRecord r = store.loadBalancers.get(arn);
        if (r == null) {
          missing.add(arn);
        } else {
          found.add(r);
        }
      }
      if (!missing.isEmpty()) {
        throw Elbv2Errors.loadBalancerNotFound(String.join(", ", missing));
      }
    } else if (!req.names().isEmpty()) {
      List<String> missing = new ArrayList<>();
      for (String name : req.names()) {
        store.loadBalancers().stream()
            .filter(r -> r.name().equals(name))
            .findFirst()
            .ifPresentOrElse(found::add, () -> missing.add(name));
      }
      if (!missing.isEmpty()) {
        throw Elbv2Errors.loadBalancerNotFound(String.join(", ", missing));
      }
    } else {
      found.addAll(store.loadBalancers());
    }
    Markers.Page<LoadBalancerRecord> page = Markers.page(found, req.marker(), req.pageSize());
    return DescribeLoadBalancersResponse.builder()
        .loadBalancers(page.items().stream().map(LoadBalancerRecord::sdk).toList())
        .nextMarker(page.nextMarker())
        .build();
  }

  public DeleteLoadBalancerResponse deleteLoadBalancer(
      RequestContext ctx, DeleteLoadBalancerRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      if (req.loadBalancerArn() == null) {
        throw Elbv2Errors.validation("A load balancer ARN must be specified");
      }
      LoadBalancerRecord lb = store.loadBalancers.get(req.loadBalancerArn());
      if (lb == null) {
        if (req.loadBalancerArn() == null || !req.loadBalancerArn().contains(":loadbalancer/")) {
          throw Elbv2Errors.validation(
              "'" + req.loadBalancerArn() + "' is not a valid load balancer ARN");
        }
        return DeleteLoadBalancerResponse.builder().build(); // deleting a deleted one succeeds
      }
      if ("true".equals(lb.attributes.get("deletion_protection.enabled"))) {
        throw Elbv2Errors.notPermitted(
            "Load balancer '"
                + lb.arn()
                + "' cannot be deleted because deletion protection is enabled");
      }
      for (ListenerRecord l : store.listenersOf(lb.arn())) {
        elbv2.removeListener(store, l.arn());
      }
      store.loadBalancers.remove(lb.arn());
      elbv2.unnamed(lb.sdk().dnsName());
      store.tags.remove(lb.arn());
    }
    return DeleteLoadBalancerResponse.builder().build();
  }

  public DescribeLoadBalancerAttributesResponse describeLoadBalancerAttributes(
      RequestContext ctx, DescribeLoadBalancerAttributesRequest req) {
    LoadBalancerRecord lb = elbv2.store(ctx).loadBalancer(req.loadBalancerArn());
    return DescribeLoadBalancerAttributesResponse.builder().attributes(attributes(lb)).build();
  }

  public ModifyLoadBalancerAttributesResponse modifyLoadBalancerAttributes(
      RequestContext ctx, ModifyLoadBalancerAttributesRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    LoadBalancerRecord lb = store.loadBalancer(req.loadBalancerArn());
    if (req.attributes().isEmpty()) {
      throw Elbv2Errors.validation("At least one attribute must be specified");
    }
    for (LoadBalancerAttribute a : req.attributes()) {
      NetworkAttributes.checkLoadBalancer(lb.sdk().type(), a.key(), a.value());
    }
    synchronized (store) {
      req.attributes().forEach(a -> lb.attributes.put(a.key(), a.value()));
    }
    return ModifyLoadBalancerAttributesResponse.builder().attributes(attributes(lb)).build();
  }

  public SetSubnetsResponse setSubnets(RequestContext ctx, SetSubnetsRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    LoadBalancerRecord lb = store.loadBalancer(req.loadBalancerArn());
    List<AvailabilityZone> zones =
        zones(
            ctx,
            req.subnets(),
            req.subnetMappings(),
            NetworkLoadBalancers.minimumZones(lb.sdk().type()));
    if (!vpcOf(ctx, zones).equals(lb.sdk().vpcId())) {
      throw new AwsException(
          "InvalidSubnet",
          "The subnets must be in the load balancer's VPC '" + lb.sdk().vpcId() + "'");
    }
    synchronized (store) {
      lb.update(lb.sdk().toBuilder().availabilityZones(zones).build());
    }
    return SetSubnetsResponse.builder()
        .availabilityZones(zones)
        .ipAddressType(lb.sdk().ipAddressType())
        .build();
  }

  public SetSecurityGroupsResponse setSecurityGroups(
      RequestContext ctx, SetSecurityGroupsRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    LoadBalancerRecord lb = store.loadBalancer(req.loadBalancerArn());
    NetworkLoadBalancers.checkSetSecurityGroups(lb.sdk());
    List<String> groups = securityGroups(ctx, lb.sdk().vpcId(), req.securityGroups());
    synchronized (store) {
      lb.update(lb.sdk().toBuilder().securityGroups(groups).build());
    }
    return SetSecurityGroupsResponse.builder().securityGroupIds(groups).build();
  }

  private static List<LoadBalancerAttribute> attributes(LoadBalancerRecord lb) {
    return new java.util.TreeMap<>(lb.attributes)
        .entrySet().stream()
            .map(e -> LoadBalancerAttribute.builder().key(e.getKey()).value(e.getValue()).build())
            .toList();
  }

  /** One zone per subnet, in the order given; an ALB needs two zones at least, others one. */
  private List<AvailabilityZone> zones(
      RequestContext ctx, List<String> subnets, List<SubnetMapping> mappings, int minimum) {
    List<String> ids = new ArrayList<>(subnets);
    mappings.forEach(m -> ids.add(m.subnetId()));
    if (ids.isEmpty() && minimum == 1) {
      throw Elbv2Errors.validation("At least one subnet must be specified");
    }
    if (ids.isEmpty()) {
      throw Elbv2Errors.validation(
          "At least two subnets in two different Availability Zones must be specified");
    }
    Map<String, AvailabilityZone> byZone = new LinkedHashMap<>();
    Networks networks = elbv2.networks();
    for (String id : ids) {
      Networks.Subnet s = networks.subnet(ctx.state(), id);
      AvailabilityZone.Builder zb = AvailabilityZone.builder().zoneName(s.zone()).subnetId(s.id());
      mappings.stream()
          .filter(m -> id.equals(m.subnetId()))
          .filter(m -> m.allocationId() != null || m.privateIPv4Address() != null)
          .findFirst()
          .ifPresent(
              m ->
                  zb.loadBalancerAddresses(
                      software.amazon.awssdk.services.elasticloadbalancingv2.model
                          .LoadBalancerAddress.builder()
                          .allocationId(m.allocationId())
                          .privateIPv4Address(m.privateIPv4Address())
                          .build()));
      AvailabilityZone z = zb.build();
      if (byZone.putIfAbsent(s.zone(), z) != null
          && !byZone.get(s.zone()).subnetId().equals(s.id())) {
        throw new AwsException(
            "InvalidConfigurationRequest",
            "A load balancer cannot be attached to multiple subnets in the same Availability Zone");
      }
    }
    if (byZone.size() < minimum) {
      throw Elbv2Errors.validation(
          minimum == 1
              ? "At least one subnet must be specified"
              : "At least two subnets in two different Availability Zones must be specified");
    }
    return new ArrayList<>(byZone.values());
  }

  private String vpcOf(RequestContext ctx, List<AvailabilityZone> zones) {
    String vpc = null;
    for (AvailabilityZone z : zones) {
      String v = elbv2.networks().subnet(ctx.state(), z.subnetId()).vpcId();
      if (vpc != null && !vpc.equals(v)) {
        throw new AwsException("InvalidSubnet", "The subnets must all be in the same VPC");
      }
      vpc = v;
    }
    return vpc;
  }

  private List<String> securityGroups(RequestContext ctx, String vpcId, List<String> given) {
    if (given.isEmpty()) {
      return List.of(elbv2.networks().defaultSecurityGroup(ctx.state(), vpcId));
    }
    for (String g : given) {
      if (!elbv2.networks().securityGroupExists(ctx.state(), vpcId, g)) {
        throw new AwsException("InvalidSecurityGroup", "Security group '" + g + "' does not exist");
      }
    }
    return List.copyOf(new java.util.LinkedHashSet<>(given));
  }
}
