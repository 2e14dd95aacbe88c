package dev.ec2double.ec2.vpc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VPC endpoint: a gateway endpoint's route tables (each with a route to the service's prefix
 * list), or an interface endpoint's subnets (one network interface id each) and security groups.
 * Fields are guarded by the region's {@link VpcState}.
 */
final class VpcEndpointRecord implements java.io.Serializable {
  final String id;
  final String vpcId;
  final String serviceName;
  final String type;
  final Instant created = Instant.now();
  String state;
  String policy;
  boolean privateDns;
  final List<String> routeTableIds = new ArrayList<>();

  /** Subnet id to the id of the endpoint's network interface in it. */
  final Map<String, String> subnets = new LinkedHashMap<>();

  final List<String> groupIds = new ArrayList<>();

  VpcEndpointRecord(String id, String vpcId, String serviceName, String type) {
    this.id = id;
    this.vpcId = vpcId;
    this.serviceName = serviceName;
    this.type = type;
  }
}
