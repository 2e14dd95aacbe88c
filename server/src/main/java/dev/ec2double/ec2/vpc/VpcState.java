package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.Ids;
import dev.ec2double.core.RegionState;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The networking resources of one account in one region. Every read and change holds this object's
 * lock, so a check and the change it guards (a delete and its dependency check) are one step. The
 * default VPC is made with the state, so it exists the first time a region is used.
 */
public final class VpcState implements java.io.Serializable {
  public static final String DEFAULT_CIDR = "172.31.0.0/16";

  /** The DHCP options id of a VPC associated with no options (AssociateDhcpOptions default). */
  static final String NO_DHCP_OPTIONS = "default";

  final String account;
  final String region;
  final Map<String, VpcRecord> vpcs = new LinkedHashMap<>();
  final Map<String, SubnetRecord> subnets = new LinkedHashMap<>();
  final Map<String, InternetGatewayRecord> gateways = new LinkedHashMap<>();
  final Map<String, RouteTableRecord> routeTables = new LinkedHashMap<>();
  final Map<String, SecurityGroupRecord> groups = new LinkedHashMap<>();
  final Map<String, NetworkInterfaceRecord> interfaces = new LinkedHashMap<>();
  final Map<String, ElasticIpRecord> addresses = new LinkedHashMap<>();
  final Map<String, DhcpOptionsRecord> dhcpOptions = new LinkedHashMap<>();
  final Map<String, CustomerGatewayRecord> customerGateways = new LinkedHashMap<>();
  final Map<String, EgressOnlyInternetGatewayRecord> egressOnlyGateways = new LinkedHashMap<>();
  final Map<String, NetworkAclRecord> networkAcls = new LinkedHashMap<>();
  final Map<String, VpcPeeringRecord> peerings = new LinkedHashMap<>();
  final Map<String, NatGatewayRecord> natGateways = new LinkedHashMap<>();
  final Map<String, PrefixListRecord> prefixLists = new LinkedHashMap<>();
  final Map<String, VpcEndpointRecord> endpoints = new LinkedHashMap<>();
  final Map<String, CarrierGatewayRecord> carrierGateways = new LinkedHashMap<>();
  final Map<String, FlowLogRecord> flowLogs = new LinkedHashMap<>();
  final Map<String, SubnetCidrReservationRecord> subnetCidrReservations = new LinkedHashMap<>();
  final Map<String, VpnGatewayRecord> vpnGateways = new LinkedHashMap<>();
  final Map<String, VpnConnectionRecord> vpnConnections = new LinkedHashMap<>();
  final Map<String, VpnConcentratorsService.Concentrator> vpnConcentrators = new LinkedHashMap<>();
  final Map<String, TransitGatewayRecords.Gateway> transitGateways = new LinkedHashMap<>();
  final Map<String, TransitGatewayRecords.Attachment> transitGatewayAttachments =
      new LinkedHashMap<>();
  final Map<String, TransitGatewayRecords.RouteTable> transitGatewayRouteTables =
      new LinkedHashMap<>();
  final Map<String, InterfacePermissions.Permission> interfacePermissions = new LinkedHashMap<>();
  final Map<String, TrunkInterfaces.Association> trunkAssociations = new LinkedHashMap<>();
  final Map<String, AddressTransfers.Transfer> addressTransfers = new LinkedHashMap<>();

  /** The region's default DHCP options set, which new VPCs get while it exists. */
  private final String defaultDhcpOptionsId;

  private final AtomicLong publicIps = new AtomicLong();

  private VpcState(String account, String region) {
    this.account = account;
    this.region = region;
    this.defaultDhcpOptionsId = createDefaultDhcpOptions();
    createDefaultVpc();
  }

  public static VpcState of(RegionState state) {
    return state.part(VpcState.class, () -> new VpcState(state.account(), state.region()));
  }

  /**
   * The default DHCP options set AWS gives each region: Amazon's DNS and the region's internal
   * domain ({@code ec2.internal} in us-east-1, {@code REGION.compute.internal} elsewhere).
   */
  private String createDefaultDhcpOptions() {
    String domain = region.equals("us-east-1") ? "ec2.internal" : region + ".compute.internal";
    Map<String, List<String>> options = new LinkedHashMap<>();
    options.put("domain-name", List.of(domain));
    options.put("domain-name-servers", List.of(DhcpValues.AMAZON_DNS));
    DhcpOptionsRecord d = new DhcpOptionsRecord(Ids.next("dopt"), options);
    dhcpOptions.put(d.id(), d);
    return d.id();
  }

  /**
   * The default VPC as AWS makes it: a /20 per zone, an attached gateway, a route out. At start,
   * and by CreateDefaultVpc after the user deleted it.
   */
  VpcRecord createDefaultVpc() {
    VpcRecord vpc = createVpc(Cidr.parseOrNull(DEFAULT_CIDR), true, "default");
    for (RegionCatalog.Zone z : RegionCatalog.zones(region)) {
      createDefaultSubnet(vpc, z);
    }
    InternetGatewayRecord igw = new InternetGatewayRecord(Ids.next("igw"));
    igw.vpcId = vpc.id;
    gateways.put(igw.id, igw);
    routeTables
        .get(vpc.mainRouteTableId)
        .routes
        .add(new RouteTableRecord.Route("0.0.0.0/0", igw.id, null, null, null, "CreateRoute"));
    return vpc;
  }

  /**
   * A default subnet of the default VPC in a zone: the first /20 of 172.31.0.0/16 that no subnet of
   * the VPC uses (172.31.0.0/20 in the first zone, 172.31.16.0/20 in the second...), or null when
   * all sixteen are taken.
   */
  SubnetRecord createDefaultSubnet(VpcRecord vpc, RegionCatalog.Zone z) {
    for (int i = 0; i < 16; i++) {
      Cidr cidr = new Cidr(vpc.cidr.base() + (long) i * 16 * 256, 20);
      boolean taken =
          subnets.values().stream().anyMatch(o -> o.vpcId.equals(vpc.id) && o.cidr.overlaps(cidr));
      if (!taken) {
        SubnetRecord s =
            new SubnetRecord(Ids.next("subnet"), vpc.id, cidr, z.name(), z.zoneId(), true);
        subnets.put(s.id, s);
        NetworkAcls.associateDefault(this, s);
        return s;
      }
    }
    return null;
  }

  /**
   * A VPC with its main route table, default security group and default network ACL, as CreateVpc
   * makes it.
   */
  VpcRecord createVpc(Cidr cidr, boolean isDefault, String tenancy) {
    return createVpc(Ids.next("vpc"), cidr, isDefault, tenancy);
  }

  /** A VPC with an id chosen before (CreateVpc from an IPAM pool allocates for it first). */
  VpcRecord createVpc(String id, Cidr cidr, boolean isDefault, String tenancy) {
    String dhcp =
        dhcpOptions.containsKey(defaultDhcpOptionsId) ? defaultDhcpOptionsId : NO_DHCP_OPTIONS;
    VpcRecord vpc = new VpcRecord(id, cidr, isDefault, tenancy, dhcp);
    RouteTableRecord main = new RouteTableRecord(Ids.next("rtb"), vpc.id);
    main.routes.add(
        new RouteTableRecord.Route(cidr.toString(), "local", null, null, null, "CreateRouteTable"));
    main.associations.add(new RouteTableRecord.Association(Ids.next("rtbassoc"), null, true));
    routeTables.put(main.id, main);
    vpc.mainRouteTableId = main.id;
    SecurityGroupRecord sg =
        new SecurityGroupRecord(Ids.next("sg"), "default", "default VPC security group", vpc.id);
    sg.rules.add(new SgRule(Ids.next("sgr"), false, "-1", -1, -1, null, null, null, sg.id, null));
    sg.rules.add(
        new SgRule(Ids.next("sgr"), true, "-1", -1, -1, "0.0.0.0/0", null, null, null, null));
    groups.put(sg.id, sg);
    vpc.defaultSecurityGroupId = sg.id;
    vpcs.put(vpc.id, vpc);
    NetworkAcls.createDefault(this, vpc);
    return vpc;
  }

  public synchronized VpcRecord defaultVpc() {
    return vpcs.values().stream().filter(v -> v.isDefault).findFirst().orElse(null);
  }

  synchronized String nextPublicIp() {
    long n = publicIps.incrementAndGet();
    // 198.18.0.0/15: region-local counter; skip .0 and .255 so addresses look ordinary
    long base = Cidr.ip("198.18.0.0");
    return Cidr.ip(base + (n / 254) * 256 + (n % 254) + 1);
  }

  public synchronized VpcRecord vpc(String id) {
    VpcRecord v = id == null ? null : vpcs.get(id);
    if (v == null) {
      throw new AwsException("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
    }
    return v;
  }

  public synchronized SubnetRecord subnet(String id) {
    SubnetRecord s = id == null ? null : subnets.get(id);
    if (s == null) {
      throw new AwsException(
          "InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
    }
    return s;
  }

  synchronized RouteTableRecord routeTable(String id) {
    RouteTableRecord t = id == null ? null : routeTables.get(id);
    if (t == null) {
      throw new AwsException(
          "InvalidRouteTableID.NotFound", "The routeTable ID '" + id + "' does not exist");
    }
    return t;
  }

  public synchronized SecurityGroupRecord group(String id) {
    SecurityGroupRecord g = id == null ? null : groups.get(id);
    if (g == null) {
      throw new AwsException(
          "InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
    }
    return g;
  }

  /** A group by name: in the given VPC, or in the default VPC when none is given. */
  synchronized SecurityGroupRecord groupByName(String name, String vpcId) {
    String in = vpcId;
    if (in == null) {
      VpcRecord d = defaultVpc();
      if (d == null) {
        throw new AwsException("VPCIdNotSpecified", "No default VPC for this user");
      }
      in = d.id;
    }
    for (SecurityGroupRecord g : groups.values()) {
      if (g.name.equals(name) && g.vpcId.equals(in)) {
        return g;
      }
    }
    throw new AwsException(
        "InvalidGroup.NotFound",
        "The security group '" + name + "' does not exist in default VPC '" + in + "'");
  }

  public synchronized NetworkInterfaceRecord networkInterface(String id) {
    NetworkInterfaceRecord n = id == null ? null : interfaces.get(id);
    if (n == null) {
      throw new AwsException(
          "InvalidNetworkInterfaceID.NotFound",
          "The networkInterface ID '" + id + "' does not exist");
    }
    return n;
  }

  synchronized ElasticIpRecord address(String allocationId) {
    ElasticIpRecord a = allocationId == null ? null : addresses.get(allocationId);
    if (a == null) {
      throw new AwsException(
          "InvalidAllocationID.NotFound",
          "The allocation ID '" + allocationId + "' does not exist");
    }
    return a;
  }

  synchronized <T> List<T> snapshot(Collection<T> values) {
    return new ArrayList<>(values);
  }

  /** The interfaces attached to an instance, primary (device 0) first. */
  public synchronized List<NetworkInterfaceRecord> interfacesOf(String instanceId) {
    List<NetworkInterfaceRecord> out = new ArrayList<>();
    for (NetworkInterfaceRecord n : interfaces.values()) {
      if (instanceId.equals(n.instanceId)) {
        out.add(n);
      }
    }
    out.sort(java.util.Comparator.comparingInt(n -> n.deviceIndex));
    return out;
  }

  /** The interfaces attached to each instance, primary (device 0) first. */
  synchronized Map<String, List<NetworkInterfaceRecord>> interfacesByInstance() {
    Map<String, List<NetworkInterfaceRecord>> out = new java.util.HashMap<>();
    for (NetworkInterfaceRecord n : interfaces.values()) {
      if (n.instanceId != null) {
        out.computeIfAbsent(n.instanceId, id -> new ArrayList<>()).add(n);
      }
    }
    out.values().forEach(l -> l.sort(java.util.Comparator.comparingInt(n -> n.deviceIndex)));
    return out;
  }

  /** The Elastic IP associated with each interface that has one (the first, as addressOfEni). */
  synchronized Map<String, ElasticIpRecord> addressesByEni() {
    Map<String, ElasticIpRecord> out = new java.util.HashMap<>();
    for (ElasticIpRecord a : addresses.values()) {
      if (a.eniId != null) {
        out.putIfAbsent(a.eniId, a);
      }
    }
    return out;
  }

  synchronized ElasticIpRecord addressOfEni(String eniId) {
    for (ElasticIpRecord a : addresses.values()) {
      if (eniId.equals(a.eniId)) {
        return a;
      }
    }
    return null;
  }

  /** Saved under the lock that guards these fields, so the saved copy is consistent. */
  private synchronized void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    out.defaultWriteObject();
  }
}
