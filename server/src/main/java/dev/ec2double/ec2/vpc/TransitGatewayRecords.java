package dev.ec2double.ec2.vpc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records of the transit gateway family: gateways, their attachments (to VPCs and VPN
 * connections) and their route tables. Fields are guarded by the region's {@link VpcState}. A
 * deleted record shows {@code deleted} for a while, as on AWS.
 */
final class TransitGatewayRecords {
  private TransitGatewayRecords() {}

  /** What every record of the family has: a state, a time it was made and deleted. */
  abstract static class Base implements java.io.Serializable {
    final String id;
    final Instant created = Instant.now();
    String state = "available";
    long deletedAt;

    Base(String id) {
      this.id = id;
    }

    boolean live() {
      return deletedAt == 0;
    }

    void delete() {
      state = "deleted";
      deletedAt = System.currentTimeMillis();
    }
  }

  static final class Gateway extends Base {
    String description;
    final long amazonSideAsn;
    final List<String> cidrBlocks = new ArrayList<>();

    /** Options as "enable"/"disable" by their API names (DnsSupport, VpnEcmpSupport...). */
    final Map<String, String> options = new LinkedHashMap<>();

    String associationDefaultTable;
    String propagationDefaultTable;

    Gateway(String id, long amazonSideAsn) {
      super(id);
      this.amazonSideAsn = amazonSideAsn;
    }

    boolean enabled(String option) {
      return "enable".equals(options.get(option));
    }
  }

  static final class Attachment extends Base {
    final String transitGatewayId;
    final String resourceType;
    final String resourceId;
    final List<String> subnetIds = new ArrayList<>();
    final Map<String, String> options = new LinkedHashMap<>();

    /** The route table it is associated with, or null. */
    String routeTableId;

    Attachment(String id, String transitGatewayId, String resourceType, String resourceId) {
      super(id);
      this.transitGatewayId = transitGatewayId;
      this.resourceType = resourceType;
      this.resourceId = resourceId;
    }
  }

  static final class RouteTable extends Base {
    final String transitGatewayId;
    boolean defaultAssociation;
    boolean defaultPropagation;

    /** The attachments whose routes propagate into the table. */
    final Set<String> propagations = new LinkedHashSet<>();

    /** Static routes: destination CIDR to attachment id, or null for a blackhole route. */
    final Map<String, String> staticRoutes = new LinkedHashMap<>();

    RouteTable(String id, String transitGatewayId) {
      super(id);
      this.transitGatewayId = transitGatewayId;
    }
  }
}
