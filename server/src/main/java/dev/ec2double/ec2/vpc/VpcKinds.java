package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Resources;

/** The taggable networking resources, registered so CreateTags and DescribeTags know them. */
final class VpcKinds {
  private VpcKinds() {}

  static void register(Resources resources) {
    resources.register(
        new Resources.Kind(
            "vpc", "vpc", "InvalidVpcID.NotFound", (s, id) -> has(s, st -> st.vpcs, id)));
    resources.register(
        new Resources.Kind(
            "subnet",
            "subnet",
            "InvalidSubnetID.NotFound",
            (s, id) -> has(s, st -> st.subnets, id)));
    InternetGateways.KIND.registerTaggable(resources);
    DhcpOptionsSets.KIND.registerTaggable(resources);
    CustomerGateways.KIND.registerTaggable(resources);
    EgressOnlyInternetGateways.KIND.registerTaggable(resources);
    NetworkAcls.KIND.registerTaggable(resources);
    VpcPeerings.KIND.registerTaggable(resources);
    NatGateways.KIND.registerTaggable(resources);
    PrefixLists.KIND.registerTaggable(resources);
    VpcEndpoints.KIND.registerTaggable(resources);
    CarrierGateways.KIND.registerTaggable(resources);
    FlowLogs.KIND.registerTaggable(resources);
    SubnetCidrReservations.KIND.registerTaggable(resources);
    VpnGateways.GATEWAYS.registerTaggable(resources);
    VpnGateways.CONNECTIONS.registerTaggable(resources);
    TransitGateways.GATEWAYS.registerTaggable(resources);
    TransitGateways.ATTACHMENTS.registerTaggable(resources);
    TransitGateways.ROUTE_TABLES.registerTaggable(resources);
    VpnConcentratorsService.KIND.registerTaggable(resources);
    resources.register(
        new Resources.Kind(
            "rtb",
            "route-table",
            "InvalidRouteTableID.NotFound",
            (s, id) -> has(s, st -> st.routeTables, id)));
    resources.register(
        new Resources.Kind(
            "sg",
            "security-group",
            "InvalidGroup.NotFound",
            (s, id) -> has(s, st -> st.groups, id)));
    resources.register(
        new Resources.Kind(
            "eni",
            "network-interface",
            "InvalidNetworkInterfaceID.NotFound",
            (s, id) -> has(s, st -> st.interfaces, id)));
    resources.register(
        new Resources.Kind(
            "eipalloc",
            "elastic-ip",
            "InvalidAllocationID.NotFound",
            (s, id) -> has(s, st -> st.addresses, id)));
  }

  private static boolean has(
      dev.ec2double.core.RegionState s,
      java.util.function.Function<VpcState, java.util.Map<String, ?>> map,
      String id) {
    VpcState st = VpcState.of(s);
    synchronized (st) {
      return map.apply(st).containsKey(id);
    }
  }
}
