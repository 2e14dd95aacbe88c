package dev.ec2double.ec2.transitgateways;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.TransitGatewayLookups;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DeregisterTransitGatewayMulticastGroupMembersRequest;
import software.amazon.awssdk.services.ec2.model.DeregisterTransitGatewayMulticastGroupMembersResponse;
import software.amazon.awssdk.services.ec2.model.DeregisterTransitGatewayMulticastGroupSourcesRequest;
import software.amazon.awssdk.services.ec2.model.DeregisterTransitGatewayMulticastGroupSourcesResponse;
import software.amazon.awssdk.services.ec2.model.RegisterTransitGatewayMulticastGroupMembersRequest;
import software.amazon.awssdk.services.ec2.model.RegisterTransitGatewayMulticastGroupMembersResponse;
import software.amazon.awssdk.services.ec2.model.RegisterTransitGatewayMulticastGroupSourcesRequest;
import software.amazon.awssdk.services.ec2.model.RegisterTransitGatewayMulticastGroupSourcesResponse;

/**
 * Static members and sources of a multicast domain's groups: network interfaces in subnets
 * associated with the domain. Sources need a domain with StaticSourcesSupport.
 */
public final class MulticastGroupsService {

  /** Registers or deregisters interfaces in a group; answers the interfaces that changed. */
  private static List<String> change(
      RequestContext ctx,
      String domainId,
      String group,
      List<String> enis,
      boolean source,
      boolean register) {
    String address = MulticastDomainsService.groupAddress(group);
    if (enis.isEmpty()) {
      throw AwsException.missingParameter("NetworkInterfaceIds");
    }
    TransitStore s = TransitStore.of(ctx.state());
    synchronized (s) {
      TransitStore.MulticastDomain d = MulticastDomainsService.live(ctx, domainId);
      if (source && register && !"enable".equals(d.options.get("StaticSourcesSupport"))) {
        throw AwsException.invalidParameterValue(
            d.id + " does not take static sources: it has StaticSourcesSupport disable.");
      }
      List<TransitStore.GroupEntry> entries = new ArrayList<>();
      for (String eni : enis) {
        String subnet = TransitGatewayLookups.interfaceSubnet(ctx.state(), eni);
        if (register && d.subnets.stream().noneMatch(x -> x.subnetId().equals(subnet))) {
          throw AwsException.invalidParameterValue(
              "The network interface "
                  + eni
                  + " is in "
                  + subnet
                  + ", which is not associated with "
                  + d.id
                  + ".");
        }
        entries.add(new TransitStore.GroupEntry(address, eni, subnet, source));
      }
      List<String> changed = new ArrayList<>();
      for (TransitStore.GroupEntry e : entries) {
        if (register ? d.groups.add(e) : d.groups.remove(e)) {
          changed.add(e.eni());
        }
      }
      return changed;
    }
  }

  public RegisterTransitGatewayMulticastGroupMembersResponse
      registerTransitGatewayMulticastGroupMembers(
          RequestContext ctx, RegisterTransitGatewayMulticastGroupMembersRequest req) {
    List<String> done =
        change(
            ctx,
            req.transitGatewayMulticastDomainId(),
            req.groupIpAddress(),
            req.networkInterfaceIds(),
            false,
            true);
    return RegisterTransitGatewayMulticastGroupMembersResponse.builder()
        .registeredMulticastGroupMembers(
            m ->
                m.transitGatewayMulticastDomainId(req.transitGatewayMulticastDomainId())
                    .groupIpAddress(req.groupIpAddress())
                    .registeredNetworkInterfaceIds(done))
        .build();
  }

  public DeregisterTransitGatewayMulticastGroupMembersResponse
      deregisterTransitGatewayMulticastGroupMembers(
          RequestContext ctx, DeregisterTransitGatewayMulticastGroupMembersRequest req) {
    List<String> done =
        change(
            ctx,
            req.transitGatewayMulticastDomainId(),
            req.groupIpAddress(),
            req.networkInterfaceIds(),
            false,
            false);
    return DeregisterTransitGatewayMulticastGroupMembersResponse.builder()
        .deregisteredMulticastGroupMembers(
            m ->
                m.transitGatewayMulticastDomainId(req.transitGatewayMulticastDomainId())
                    .groupIpAddress(req.groupIpAddress())
                    .deregisteredNetworkInterfaceIds(done))
        .build();
  }

  public RegisterTransitGatewayMulticastGroupSourcesResponse
      registerTransitGatewayMulticastGroupSources(
          RequestContext ctx, RegisterTransitGatewayMulticastGroupSourcesRequest req) {
    List<String> done =
        change(
            ctx,
            req.transitGatewayMulticastDomainId(),
            req.groupIpAddress(),
            req.networkInterfaceIds(),
            true,
            true);
    return RegisterTransitGatewayMulticastGroupSourcesResponse.builder()
        .registeredMulticastGroupSources(
            m ->
                m.transitGatewayMulticastDomainId(req.transitGatewayMulticastDomainId())
                    .groupIpAddress(req.groupIpAddress())
                    .registeredNetworkInterfaceIds(done))
        .build();
  }

  public DeregisterTransitGatewayMulticastGroupSourcesResponse
      deregisterTransitGatewayMulticastGroupSources(
          RequestContext ctx, DeregisterTransitGatewayMulticastGroupSourcesRequest req) {
    List<String> done =
        change(
            ctx,
            req.transitGatewayMulticastDomainId(),
            req.groupIpAddress(),
            req.networkInterfaceIds(),
            true,
            false);
    return DeregisterTransitGatewayMulticastGroupSourcesResponse.builder()
        .deregisteredMulticastGroupSources(
            m ->
                m.transitGatewayMulticastDomainId(req.transitGatewayMulticastDomainId())
                    .groupIpAddress(req.groupIpAddress())
                    .deregisteredNetworkInterfaceIds(done))
        .build();
  }
}
