package dev.ec2double.ec2.endpoints;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointServiceConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointServiceConfigurationResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEndpointServiceConfigurationsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEndpointServiceConfigurationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServiceConfigurationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServiceConfigurationsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointServiceConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointServiceConfigurationResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointServicePayerResponsibilityRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointServicePayerResponsibilityResponse;
import software.amazon.awssdk.services.ec2.model.StartVpcEndpointServicePrivateDnsVerificationRequest;
import software.amazon.awssdk.services.ec2.model.StartVpcEndpointServicePrivateDnsVerificationResponse;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItemError;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Endpoint service configurations (PrivateLink's provider side): a service stands on the caller's
 * network load balancers (an {@code Interface} service) or gateway load balancers (a {@code
 * GatewayLoadBalancer} service), each in at most one service. Its private DNS name waits in {@code
 * pendingVerification} until StartVpcEndpointServicePrivateDnsVerification, which verifies it at
 * once (there is no public DNS to hold the TXT record). A service with available or pending
 * connections cannot be deleted.
 */
public final class EndpointServicesService {
  private static final Pattern DOMAIN =
      Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

  public EndpointServicesService(Resources resources) {
    EndpointServiceConfigs.KIND.registerTaggable(resources);
  }

  public CreateVpcEndpointServiceConfigurationResponse createVpcEndpointServiceConfiguration(
      RequestContext ctx, CreateVpcEndpointServiceConfigurationRequest req) {
    var tags = EndpointServiceConfigs.KIND.tags(req.tagSpecifications());
    boolean nlb = !req.networkLoadBalancerArns().isEmpty();
    boolean gwlb = !req.gatewayLoadBalancerArns().isEmpty();
    if (nlb == gwlb) {
      throw new AwsException(
          "InvalidParameter",
          nlb
              ? "Specify either network load balancers or gateway load balancers, not both"
              : "Specify at least one network load balancer or gateway load balancer");
    }
    if (gwlb && req.privateDnsName() != null) {
      throw new AwsException(
          "InvalidParameter", "A Gateway Load Balancer endpoint service has no private DNS name");
    }
    checkDomain(req.privateDnsName());
    checkRegions(ctx, req.supportedRegions());
    List<LoadBalancer> lbs =
        nlb
            ? LoadBalancerLinks.require(ctx.state(), req.networkLoadBalancerArns(), "network", null)
            : LoadBalancerLinks.require(
                ctx.state(), req.gatewayLoadBalancerArns(), "gateway", null);
    List<String> ipTypes =
        req.supportedIpAddressTypes().isEmpty()
            ? List.of("ipv4")
            : List.copyOf(new java.util.LinkedHashSet<>(req.supportedIpAddressTypes()));
    LoadBalancerLinks.checkIpTypes(lbs, ipTypes);
    EndpointServiceStore.Service s =
        EndpointServiceConfigs.KIND.create(
            ctx,
            tags,
            id -> {
              EndpointServiceStore.Service r =
                  new EndpointServiceStore.Service(
                      id,
                      EndpointServiceConfigs.serviceName(ctx.region(), id),
                      nlb ? "Interface" : "GatewayLoadBalancer",
                      LoadBalancerLinks.zones(lbs));
              (nlb ? r.networkLoadBalancerArns : r.gatewayLoadBalancerArns)
                  .addAll(nlb ? req.networkLoadBalancerArns() : req.gatewayLoadBalancerArns());
              r.acceptanceRequired = !Boolean.FALSE.equals(req.acceptanceRequired());
              r.ipAddressTypes.addAll(ipTypes);
              r.supportedRegions.addAll(req.supportedRegions());
              setPrivateDns(r, req.privateDnsName());
              return r;
            });
    return CreateVpcEndpointServiceConfigurationResponse.builder()
        .serviceConfiguration(EndpointServiceConfigs.KIND.view(ctx, s))
        .clientToken(req.clientToken())
        .build();
  }

  private static void checkDomain(String name) {
    if (name != null && (name.length() > 255 || !DOMAIN.matcher(name).matches())) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + name + "' for PrivateDnsName: not a domain name");
    }
  }

  private static void checkRegions(RequestContext ctx, List<String> regions) {
    for (String r : regions) {
      if (!RegionCatalog.isRegion(r)) {
        throw AwsException.invalidParameterValue(
            "Invalid value '" + r + "' for SupportedRegion: no such region");
      }
    }
  }

  private static void setPrivateDns(EndpointServiceStore.Service s, String name) {
    s.privateDnsName = name;
    s.privateDnsState = name == null ? null : "pendingVerification";
    s.privateDnsValue =
        name == null ? null : "vpce:" + HexFormat.of().formatHex(randomBytes()).substring(0, 20);
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[10];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  public DescribeVpcEndpointServiceConfigurationsResponse describeVpcEndpointServiceConfigurations(
      RequestContext ctx, DescribeVpcEndpointServiceConfigurationsRequest req) {
    var page =
        EndpointServiceConfigs.KIND.describe(
            ctx, req.serviceIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeVpcEndpointServiceConfigurationsResponse.builder()
        .serviceConfigurations(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyVpcEndpointServiceConfigurationResponse modifyVpcEndpointServiceConfiguration(
      RequestContext ctx, ModifyVpcEndpointServiceConfigurationRequest req) {
    if (req.serviceId() == null) {
      throw AwsException.missingParameter("ServiceId");
    }
    if (req.privateDnsName() != null && Boolean.TRUE.equals(req.removePrivateDnsName())) {
      throw AwsException.invalidParameterCombination(
          "PrivateDnsName and RemovePrivateDnsName cannot be given together");
    }
    checkDomain(req.privateDnsName());
    checkRegions(ctx, req.addSupportedRegions());
    EndpointServiceStore.Service current =
        EndpointServiceConfigs.KIND.get(ctx.state(), req.serviceId());
    boolean nlb = current.type.equals("Interface");
    if (nlb
        ? !req.addGatewayLoadBalancerArns().isEmpty()
        : !req.addNetworkLoadBalancerArns().isEmpty()) {
      throw new AwsException(
          "InvalidParameter",
          "Service " + current.id + " cannot mix network and gateway load balancers");
    }
    if (!nlb && req.privateDnsName() != null) {
      throw new AwsException(
          "InvalidParameter", "A Gateway Load Balancer endpoint service has no private DNS name");
    }
    List<String> added = nlb ? req.addNetworkLoadBalancerArns() : req.addGatewayLoadBalancerArns();
    List<String> removed =
        nlb ? req.removeNetworkLoadBalancerArns() : req.removeGatewayLoadBalancerArns();
    LoadBalancerLinks.require(ctx.state(), added, nlb ? "network" : "gateway", current.id);
    EndpointServiceConfigs.KIND.modify(
        ctx,
        req.serviceId(),
        s -> {
          List<String> arns =
              new ArrayList<>(nlb ? s.networkLoadBalancerArns : s.gatewayLoadBalancerArns);
          added.stream().filter(a -> !arns.contains(a)).forEach(arns::add);
          arns.removeAll(removed);
          if (arns.isEmpty()) {
            throw new AwsException(
                "InvalidParameter", "Service " + s.id + " must keep at least one load balancer");
          }
          List<String> ipTypes = new ArrayList<>(s.ipAddressTypes);
          req.addSupportedIpAddressTypes().stream()
              .filter(t -> !ipTypes.contains(t))
              .forEach(ipTypes::add);
          ipTypes.removeAll(req.removeSupportedIpAddressTypes());
          if (ipTypes.isEmpty()) {
            throw new AwsException(
                "InvalidParameter", "Service " + s.id + " must keep a supported IP address type");
          }
          List<LoadBalancer> lbs = LoadBalancerLinks.existing(ctx.state(), arns);
          LoadBalancerLinks.checkIpTypes(lbs, ipTypes);
          List<String> target = nlb ? s.networkLoadBalancerArns : s.gatewayLoadBalancerArns;
          target.clear();
          target.addAll(arns);
          s.zones = LoadBalancerLinks.zones(lbs);
          s.ipAddressTypes.clear();
          s.ipAddressTypes.addAll(ipTypes);
          req.addSupportedRegions().stream()
              .filter(r -> !s.supportedRegions.contains(r))
              .forEach(s.supportedRegions::add);
          s.supportedRegions.removeAll(req.removeSupportedRegions());
          if (req.acceptanceRequired() != null) {
            s.acceptanceRequired = req.acceptanceRequired();
          }
          if (Boolean.TRUE.equals(req.removePrivateDnsName())) {
            setPrivateDns(s, null);
          } else if (req.privateDnsName() != null
              && !req.privateDnsName().equals(s.privateDnsName)) {
            setPrivateDns(s, req.privateDnsName());
          }
          return s;
        });
    return ModifyVpcEndpointServiceConfigurationResponse.builder().returnValue(true).build();
  }

  /**
   * Each service goes with its notifications, unless consumers' endpoints are still connected
   * (available or pending acceptance): then it is an unsuccessful item, as AWS answers.
   */
  public DeleteVpcEndpointServiceConfigurationsResponse deleteVpcEndpointServiceConfigurations(
      RequestContext ctx, DeleteVpcEndpointServiceConfigurationsRequest req) {
    if (req.serviceIds().isEmpty()) {
      throw AwsException.missingParameter("ServiceId");
    }
    EndpointServiceStore store = EndpointServiceStore.of(ctx.state());
    List<UnsuccessfulItem> failed = new ArrayList<>();
    for (String id : req.serviceIds()) {
      String problem;
      synchronized (store) {
        EndpointServiceStore.Service s = store.services.get(id);
        if (s == null) {
          failed.add(
              unsuccessful(
                  id,
                  "InvalidVpcEndpointServiceId.NotFound",
                  "The VpcEndpointService Id '" + id + "' does not exist"));
          continue;
        }
        boolean connected =
            s.connections.values().stream()
                .anyMatch(c -> c.state.equals("available") || c.state.equals("pendingAcceptance"));
        problem = connected ? "Service has existing active VPC Endpoint connections!" : null;
        if (problem == null) {
          store.notifications.values().removeIf(n -> id.equals(n.serviceId));
        }
      }
      if (problem != null) {
        failed.add(unsuccessful(id, "ExistingVpcEndpointConnections", problem));
      } else {
        EndpointServiceConfigs.KIND.delete(ctx, id);
      }
    }
    return DeleteVpcEndpointServiceConfigurationsResponse.builder().unsuccessful(failed).build();
  }

  static UnsuccessfulItem unsuccessful(String id, String code, String message) {
    return UnsuccessfulItem.builder()
        .resourceId(id)
        .error(UnsuccessfulItemError.builder().code(code).message(message).build())
        .build();
  }

  /** Verifies the service's private DNS name at once (no public DNS holds the TXT record here). */
  public StartVpcEndpointServicePrivateDnsVerificationResponse
      startVpcEndpointServicePrivateDnsVerification(
          RequestContext ctx, StartVpcEndpointServicePrivateDnsVerificationRequest req) {
    if (req.serviceId() == null) {
      throw AwsException.missingParameter("ServiceId");
    }
    EndpointServiceConfigs.KIND.modify(
        ctx,
        req.serviceId(),
        s -> {
          if (s.privateDnsName == null) {
            throw new AwsException(
                "InvalidParameter", "Service " + s.id + " does not have a private DNS name");
          }
          s.privateDnsState = "verified";
          return s;
        });
    return StartVpcEndpointServicePrivateDnsVerificationResponse.builder()
        .returnValue(true)
        .build();
  }

  /** The provider takes on its consumers' endpoint charges ({@code ServiceOwner}, for good). */
  public ModifyVpcEndpointServicePayerResponsibilityResponse
      modifyVpcEndpointServicePayerResponsibility(
          RequestContext ctx, ModifyVpcEndpointServicePayerResponsibilityRequest req) {
    if (req.serviceId() == null) {
      throw AwsException.missingParameter("ServiceId");
    }
    if (req.payerResponsibilityAsString() == null) {
      throw AwsException.missingParameter("PayerResponsibility");
    }
    if (!req.payerResponsibilityAsString().equals("ServiceOwner")) {
      throw AwsException.invalidParameterValue(
          "Invalid value '"
              + req.payerResponsibilityAsString()
              + "' for PayerResponsibility: ServiceOwner is the only value");
    }
    EndpointServiceConfigs.KIND.modify(
        ctx,
        req.serviceId(),
        s -> {
          s.payer = "ServiceOwner";
          return s;
        });
    return ModifyVpcEndpointServicePayerResponsibilityResponse.builder().returnValue(true).build();
  }
}
