package dev.ec2double.ec2.verifiedaccess;

import dev.ec2double.core.RegionState;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointCidrOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointEniOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointLoadBalancerOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointRdsOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogs;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessSseSpecificationResponse;

/**
 * The Verified Access trust providers, instances, groups and endpoints of one account in one
 * region. Every read and change holds the store's lock; what is asked of the VPC and ELBv2 stores
 * (subnets, interfaces, load balancers) is asked before taking it.
 */
final class AccessStore implements java.io.Serializable {
  final Map<String, TrustProvider> providers = new LinkedHashMap<>();
  final Map<String, Instance> instances = new LinkedHashMap<>();
  final Map<String, Group> groups = new LinkedHashMap<>();
  final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

  static AccessStore of(RegionState state) {
    return state.part(AccessStore.class, AccessStore::new);
  }

  /** Verified Access shows its times as text, to the second and without a zone: UTC. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  static String now() {
    return TIME.format(java.time.Instant.now());
  }

  /** What every record has: a description and its times. */
  abstract static class Base implements java.io.Serializable {
    final String id;
    final String created = now();
    String updated = created;
    String description;

    Base(String id, String description) {
      this.id = id;
      this.description = description;
    }

    void touch() {
      updated = now();
    }
  }

  /** A policy in Cedar, as given, and whether it is enforced. */
  record Policy(boolean enabled, String document) implements java.io.Serializable {
    static final Policy NONE = new Policy(false, null);
  }

  static final class TrustProvider extends Base {
    final String type;
    final String userType;
    final String deviceType;
    final String policyReferenceName;

    /** OIDC options by member name (Issuer, ClientId, ClientSecret, ...). */
    final Map<String, String> oidc = new LinkedHashMap<>();

    final Map<String, String> nativeOidc = new LinkedHashMap<>();
    String tenantId;
    String publicSigningKeyUrl;
    VerifiedAccessSseSpecificationResponse sse;

    TrustProvider(
        String id,
        String description,
        String type,
        String userType,
        String deviceType,
        String policyReferenceName) {
      super(id, description);
      this.type = type;
      this.userType = userType;
      this.deviceType = deviceType;
      this.policyReferenceName = policyReferenceName;
    }

    boolean user() {
      return type.equals("user");
    }
  }

  static final class Instance extends Base {
    final boolean fips;
    String customSubDomain;

    /** Attached trust providers, in the order they were attached. */
    final List<String> providers = new ArrayList<>();

    /** Null until ModifyVerifiedAccessInstanceLoggingConfiguration: the defaults show then. */
    VerifiedAccessLogs logs;

    Instance(String id, String description, boolean fips) {
      super(id, description);
      this.fips = fips;
    }
  }

  static final class Group extends Base {
    String instanceId;
    Policy policy = Policy.NONE;
    VerifiedAccessSseSpecificationResponse sse;

    Group(String id, String description, String instanceId) {
      super(id, description);
      this.instanceId = instanceId;
    }
  }

  static final class Endpoint extends Base {
    String groupId;
    String instanceId;
    final String type;
    final String applicationDomain;
    final String certificateArn;
    final String endpointDomain;
    final List<String> securityGroups = new ArrayList<>();
    VerifiedAccessEndpointLoadBalancerOptions loadBalancer;
    VerifiedAccessEndpointEniOptions networkInterface;
    VerifiedAccessEndpointRdsOptions rds;
    VerifiedAccessEndpointCidrOptions cidr;
    Policy policy = Policy.NONE;
    VerifiedAccessSseSpecificationResponse sse;

    /** pending and updating are what Create and Modify answer; then active, or deleted. */
    String status = "active";

    String deletionTime;

    Endpoint(
        String id,
        String description,
        String type,
        String applicationDomain,
        String certificateArn,
        String endpointDomain) {
      super(id, description);
      this.type = type;
      this.applicationDomain = applicationDomain;
      this.certificateArn = certificateArn;
      this.endpointDomain = endpointDomain;
    }

    boolean live() {
      return !status.equals("deleted");
    }
  }
}
