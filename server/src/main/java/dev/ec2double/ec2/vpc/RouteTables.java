package dev.ec2double.ec2.vpc;

/** Which route table serves a subnet. */
final class RouteTables {
  private RouteTables() {}

  /** The table associated with the subnet, else the VPC's main table (null if gone). */
  static RouteTableRecord of(VpcState st, String subnetId, VpcRecord vpc) {
    for (RouteTableRecord t : st.routeTables.values()) {
      for (RouteTableRecord.Association a : t.associations) {
        if (subnetId.equals(a.subnetId())) {
          return t;
        }
      }
    }
    return st.routeTables.get(vpc.mainRouteTableId);
  }
}
