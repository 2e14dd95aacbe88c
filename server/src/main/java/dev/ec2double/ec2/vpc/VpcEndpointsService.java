package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServicesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServicesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointResponse;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;

/**
 * VPC endpoints to AWS services (records: nothing answers at their addresses). A gateway endpoint
 * adds a route to its service's AWS-managed prefix list in each of its route tables (target the
 * endpoint), and takes it away again; an interface endpoint has a network interface id per subnet
 * and DNS names. DescribeVpcEndpointServices lists the region's usual {@code
 * com.amazonaws.REGION.*} services, and the endpoint services of this server's accounts that the
 * caller may use ({@link PrivateServices}): an endpoint to one of those is {@code
 * pendingAcceptance} until its provider accepts it when the service requires acceptance.
 */
public final class VpcEndpointsService {
  private final PrivateServices privateServices;

  public VpcEndpointsService(PrivateServices privateServices) {
    this.privateServices = privateServices;
  }

  public VpcEndpointsService() {
    this(PrivateServices.NONE);
  }

  private static final FilterSpecHolder SERVICES = new FilterSpecHolder();

  /** The filters of DescribeVpcEndpointServices. */
  private static final class FilterSpecHolder {
    final dev.ec2double.core.FilterSpec<ServiceDetail> spec =
        dev.ec2double.core.FilterSpec.<ServiceDetail>of()
            .field("owner", ServiceDetail::owner)
            .field("service-name", ServiceDetail::serviceName)
            .field("service-region", ServiceDetail::serviceRegion)
            .multi(
                "service-type",
                s -> s.serviceType().stream().map(t -> t.serviceTypeAsString()).toList())
            .multi("supported-ip-address-types", s -> s.supportedIpAddressTypesAsStrings())
            .tags(
                s ->
                    s.tags().stream()
                        .collect(
                            java.util.stream.Collectors.toMap(
                                software.amazon.awssdk.services.ec2.model.Tag::key,
                                software.amazon.awssdk.services.ec2.model.Tag::value)));
  }

  public CreateVpcEndpointResponse createVpcEndpoint(
      RequestContext ctx, CreateVpcEndpointRequest req) {
    var tags = VpcEndpoints.KIND.tags(req.tagSpecifications());
    if (req.vpcId() == null) {
      throw AwsException.missingParameter("VpcId");
    }
    if (req.serviceName() == null) {
      throw AwsException.missingParameter("ServiceName");
    }
    String type = req.vpcEndpointTypeAsString() == null ? "Gateway" : req.vpcEndpointTypeAsString();
    List<String> types = EndpointServices.types(ctx.region(), req.serviceName());
    PrivateServices.Offer offer = null;
    if (types.isEmpty()) {
      offer =
          privateServices
              .find(ctx, req.serviceName())
              .orElseThrow(
                  () ->
                      new AwsException(
                          "InvalidServiceName",
                          "The Vpc Endpoint Service '" + req.serviceName() + "' does not exist"));
      types = List.of(offer.type());
    }
    PrivateServices.Offer provider = offer;
    if (!types.contains(type)) {
      throw new AwsException(
          "InvalidParameter",
          "The Vpc Endpoint Service '"
              + req.serviceName()
              + "' does not support endpoint type "
              + type);
    }
    VpcState st = VpcState.of(ctx.state());
    VpcEndpointRecord e =
        VpcEndpoints.KIND.create(
            ctx,
            tags,
            id -> {
              VpcRecord vpc = st.vpc(req.vpcId());
              VpcEndpointRecord r = new VpcEndpointRecord(id, vpc.id, req.serviceName(), type);
              r.policy =
                  req.policyDocument() == null ? VpcEndpoints.DEFAULT_POLICY : req.policyDocument();
              if (type.equals("Gateway")) {
                if (!req.subnetIds().isEmpty() || !req.securityGroupIds().isEmpty()) {
                  throw new AwsException(
                      "InvalidParameter",
                      "Subnets and security groups are not for gateway endpoints");
                }
                addRoutes(ctx, st, r, req.routeTableIds());
                r.state = "available";
              } else {
                if (!req.routeTableIds().isEmpty()) {
                  throw new AwsException(
                      "InvalidParameter", "Route tables are not for interface endpoints");
                }
                r.privateDns = privateDns(req, provider);
                if (type.equals("GatewayLoadBalancer")) {
                  gatewayLoadBalancerEndpoint(req);
                }
                if (r.privateDns && !(vpc.enableDnsSupport && vpc.enableDnsHostnames)) {
                  throw new AwsException(
                      "InvalidParameter",
                      "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames"
                          + " VPC attributes set to true for "
                          + vpc.id);
                }
                addSubnets(st, r, req.subnetIds());
                addGroups(st, r, req.securityGroupIds());
                if (r.groupIds.isEmpty() && !type.equals("GatewayLoadBalancer")) {
                  r.groupIds.add(vpc.defaultSecurityGroupId);
                }
                r.state = "pending";
              }
              return r;
            });
    String next =
        provider == null
            ? "available"
            : privateServices.connect(ctx, req.serviceName(), e.id, e.vpcId);
    if (provider != null) {
      VpcEndpoints.KIND.modify(
          ctx,
          e.id,
          r -> {
            r.state = next.equals("available") ? "pending" : next;
            return r;
          });
    }
    var shown = VpcEndpoints.KIND.view(ctx, e);
    VpcEndpoints.KIND.modify(
        ctx,
        e.id,
        r -> {
          r.state = next;
          return r;
        });
    return CreateVpcEndpointResponse.builder()
        .vpcEndpoint(shown)
        .clientToken(req.clientToken())
        .build();
  }

  /**
   * An interface endpoint has private DNS by default for AWS's services; to an endpoint service
   * only when the service has a verified private DNS name, which asking for it requires.
   */
  private static boolean privateDns(CreateVpcEndpointRequest req, PrivateServices.Offer provider) {
    if (provider == null) {
      return !Boolean.FALSE.equals(req.privateDnsEnabled());
    }
    if (Boolean.TRUE.equals(req.privateDnsEnabled()) && provider.privateDnsName() == null) {
      throw new AwsException(
          "InvalidParameter",
          "Private DNS can't be enabled because the service "
              + req.serviceName()
              + " does not provide a private DNS name.");
    }
    return provider.privateDnsName() != null && !Boolean.FALSE.equals(req.privateDnsEnabled());
  }

  /** A Gateway Load Balancer endpoint sits in exactly one subnet and has no security groups. */
  private static void gatewayLoadBalancerEndpoint(CreateVpcEndpointRequest req) {
    if (req.subnetIds().size() != 1) {
      throw new AwsException(
          "InvalidParameter", "A Gateway Load Balancer endpoint must be in exactly one subnet");
    }
    if (!req.securityGroupIds().isEmpty()) {
      throw new AwsException(
          "InvalidParameter", "Security groups are not for Gateway Load Balancer endpoints");
    }
  }

  private static void addRoutes(
      RequestContext ctx, VpcState st, VpcEndpointRecord e, List<String> tableIds) {
    PrefixListRecord pl = PrefixLists.aws(ctx.state(), e.serviceName);
    for (String id : tableIds) {
      RouteTableRecord t = st.routeTable(id);
      if (!t.vpcId.equals(e.vpcId)) {
        throw AwsException.invalidParameterValue(
            "Route table " + t.id + " is not in the endpoint's VPC " + e.vpcId);
      }
      if (t.routes.stream().anyMatch(r -> pl.id.equals(r.destination()))) {
        throw new AwsException(
            "RouteAlreadyExists",
            "route table "
                + t.id
                + " already has a route with destination-prefix-list-id "
                + pl.id);
      }
    }
    for (String id : tableIds) {
      st.routeTable(id)
          .routes
          .add(
              new RouteTableRecord.Route(
                  pl.id,
                  null,
                  null,
                  null,
                  null,
                  "CreateRoute",
                  null,
                  null,
                  null,
                  null,
                  e.id,
                  null,
                  null));
      e.routeTableIds.add(id);
    }
  }

  private static void removeRoutes(VpcState st, VpcEndpointRecord e, List<String> tableIds) {
    for (String id : tableIds) {
      RouteTableRecord t = st.routeTables.get(id);
      if (t != null) {
        t.routes.removeIf(r -> e.id.equals(r.vpcEndpointId()));
      }
      e.routeTableIds.remove(id);
    }
  }

  private static void addSubnets(VpcState st, VpcEndpointRecord e, List<String> subnetIds) {
    for (String id : subnetIds) {
      SubnetRecord s = st.subnet(id);
      if (!s.vpcId.equals(e.vpcId)) {
        throw AwsException.invalidParameterValue(
            "Subnet " + s.id + " is not in the endpoint's VPC " + e.vpcId);
      }
      for (String other : e.subnets.keySet()) {
        if (!other.equals(id) && st.subnet(other).zone.equals(s.zone)) {
          throw new AwsException(
              "DuplicateSubnetsInSameZone",
              "Found another VPC endpoint subnet in the availability zone of " + s.id);
        }
      }
      e.subnets.putIfAbsent(id, Ids.next("eni"));
    }
  }

  private static void addGroups(VpcState st, VpcEndpointRecord e, List<String> groupIds) {
    for (String g : groupIds) {
      st.group(g);
      if (!e.groupIds.contains(g)) {
        e.groupIds.add(g);
      }
    }
  }

  public DescribeVpcEndpointsResponse describeVpcEndpoints(
      RequestContext ctx, DescribeVpcEndpointsRequest req) {
    var page =
        VpcEndpoints.KIND.describe(
            ctx, req.vpcEndpointIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeVpcEndpointsResponse.builder()
        .vpcEndpoints(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyVpcEndpointResponse modifyVpcEndpoint(
      RequestContext ctx, ModifyVpcEndpointRequest req) {
    if (req.vpcEndpointId() == null) {
      throw AwsException.missingParameter("VpcEndpointId");
    }
    VpcState st = VpcState.of(ctx.state());
    VpcEndpoints.KIND.modify(
        ctx,
        req.vpcEndpointId(),
        e -> {
          boolean gateway = e.type.equals("Gateway");
          if (gateway && (!req.addSubnetIds().isEmpty() || !req.addSecurityGroupIds().isEmpty())) {
            throw new AwsException(
                "InvalidParameter", "Subnets and security groups are not for gateway endpoints");
          }
          if (!gateway && !req.addRouteTableIds().isEmpty()) {
            throw new AwsException(
                "InvalidParameter", "Route tables are not for interface endpoints");
          }
          List<String> newTables = new ArrayList<>(req.addRouteTableIds());
          newTables.removeAll(e.routeTableIds);
          addRoutes(ctx, st, e, newTables);
          removeRoutes(st, e, req.removeRouteTableIds());
          addSubnets(st, e, req.addSubnetIds());
          req.removeSubnetIds().forEach(e.subnets::remove);
          addGroups(st, e, req.addSecurityGroupIds());
          e.groupIds.removeAll(req.removeSecurityGroupIds());
          if (Boolean.TRUE.equals(req.resetPolicy())) {
            e.policy = VpcEndpoints.DEFAULT_POLICY;
          } else if (req.policyDocument() != null) {
            e.policy = req.policyDocument();
          }
          if (req.privateDnsEnabled() != null && !gateway) {
            e.privateDns = req.privateDnsEnabled();
          }
          return e;
        });
    return ModifyVpcEndpointResponse.builder().returnValue(true).build();
  }

  /** Each endpoint goes with its routes; an unknown id is an unsuccessful item, not an error. */
  public DeleteVpcEndpointsResponse deleteVpcEndpoints(
      RequestContext ctx, DeleteVpcEndpointsRequest req) {
    if (req.vpcEndpointIds().isEmpty()) {
      throw AwsException.missingParameter("VpcEndpointId");
    }
    VpcState st = VpcState.of(ctx.state());
    List<UnsuccessfulItem> failed = new ArrayList<>();
    for (String id : req.vpcEndpointIds()) {
      if (!VpcEndpoints.KIND.exists(ctx.state(), id)) {
        failed.add(
            Unsuccessful.item(
                id,
                "InvalidVpcEndpoint.NotFound",
                "The VpcEndpoint Id '" + id + "' does not exist"));
        continue;
      }
      String serviceName;
      synchronized (st) {
        VpcEndpointRecord e = st.endpoints.get(id);
        removeRoutes(st, e, new ArrayList<>(e.routeTableIds));
        serviceName = e.serviceName;
      }
      VpcEndpoints.KIND.delete(ctx, id);
      if (EndpointServices.types(ctx.region(), serviceName).isEmpty()) {
        privateServices.disconnect(ctx, serviceName, id);
      }
    }
    return DeleteVpcEndpointsResponse.builder().unsuccessful(failed).build();
  }

  public DescribeVpcEndpointServicesResponse describeVpcEndpointServices(
      RequestContext ctx, DescribeVpcEndpointServicesRequest req) {
    var filter = SERVICES.spec.compile(req.filters());
    List<ServiceDetail> all = new ArrayList<>(EndpointServices.all(ctx.region()));
    all.addAll(privateServices.visible(ctx));
    all.sort(java.util.Comparator.comparing(ServiceDetail::serviceName));
    for (String name : req.serviceNames()) {
      if (all.stream().noneMatch(s -> s.serviceName().equals(name))) {
        throw new AwsException(
            "InvalidServiceName", "The Vpc Endpoint Service '" + name + "' does not exist");
      }
    }
    List<ServiceDetail> shown =
        all.stream()
            .filter(
                s -> req.serviceNames().isEmpty() || req.serviceNames().contains(s.serviceName()))
            .filter(filter)
            .toList();
    var page = Pages.page(ctx.action(), shown, req.maxResults(), req.nextToken());
    return DescribeVpcEndpointServicesResponse.builder()
        .serviceDetails(page.items())
        .serviceNames(page.items().stream().map(ServiceDetail::serviceName).toList())
        .nextToken(page.nextToken())
        .build();
  }
}
