package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Ids;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.wire.AwsException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default VPC of a region as AWS makes it: 172.31.0.0/16 with one /20 default subnet per
 * availability zone (172.31.0.0/20 in the first, 172.31.16.0/20 in the second...). Instances
 * launched without a subnet land here. Addresses are handed out by ec2-double, skipping the four
 * AWS reserves at the start of each subnet and the last one.
 */
public final class DefaultVpc {
  public static final String CIDR = "172.31.0.0/16";

  /** The engine network every region's default VPC uses (see docs: networking). */
  public static final String NETWORK = "ec2double-default-vpc";

  public static final String GATEWAY = "172.31.0.1";

  /** A subnet: its id, zone, CIDR base (third octet) and the addresses in use. */
  public static final class Subnet {
    private final String id;
    private final String zone;
    private final int thirdOctetBase;
    private final BitSet used = new BitSet(4096);

    Subnet(String id, String zone, int thirdOctetBase) {
      this.id = id;
      this.zone = zone;
      this.thirdOctetBase = thirdOctetBase;
    }

    public String id() {
      return id;
    }

    public String zone() {
      return zone;
    }

    public String cidr() {
      return "172.31." + thirdOctetBase + ".0/20";
    }

    /** The next free address; AWS reserves .0-.3 of the subnet and its last address. */
    public synchronized String allocate() {
      int i = used.nextClearBit(4);
      if (i >= 4095) {
        throw new AwsException(
            "InsufficientFreeAddressesInSubnet",
            "There are not enough free addresses in subnet '" + id + "' to satisfy the request.");
      }
      used.set(i);
      return address(i);
    }

    public synchronized void release(String ip) {
      String[] p = ip.split("\\.");
      int index = (Integer.parseInt(p[2]) - thirdOctetBase) * 256 + Integer.parseInt(p[3]);
      if (index >= 0 && index < 4096) {
        used.clear(index);
      }
    }

    private String address(int index) {
      return "172.31." + (thirdOctetBase + index / 256) + "." + (index % 256);
    }
  }

  private final String vpcId = Ids.next("vpc");
  private final String defaultSecurityGroupId = Ids.next("sg");
  private final Map<String, Subnet> byZone = new LinkedHashMap<>();

  public DefaultVpc(String region) {
    List<RegionCatalog.Zone> zones = RegionCatalog.zones(region);
    for (int i = 0; i < zones.size(); i++) {
      byZone.put(zones.get(i).name(), new Subnet(Ids.next("subnet"), zones.get(i).name(), i * 16));
    }
  }

  public String vpcId() {
    return vpcId;
  }

  public String defaultSecurityGroupId() {
    return defaultSecurityGroupId;
  }

  public Subnet subnetInZone(String zone) {
    Subnet s = byZone.get(zone);
    if (s == null) {
      throw AwsException.invalidParameterValue("Invalid availability zone: [" + zone + "]");
    }
    return s;
  }

  public Subnet subnet(String subnetId) {
    return byZone.values().stream()
        .filter(s -> s.id().equals(subnetId))
        .findFirst()
        .orElseThrow(
            () ->
                new AwsException(
                    "InvalidSubnetID.NotFound", "The subnet ID '" + subnetId + "' does not exist"));
  }

  public Subnet firstSubnet() {
    return byZone.values().iterator().next();
  }
}
