package dev.ec2double.ec2.ipam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Associations of an IPAM with an internet registry, and the routing policies registered there. */
final class RegistryRecords {
  private RegistryRecords() {}

  static final class Association implements java.io.Serializable {
    final String id;
    final String ipamId;
    final String rir;
    final String organizationHandle;
    String description;
    String state = "pending-enable";
    String childRequestXml;
    final Map<String, Registration> registrations = new LinkedHashMap<>();
    final List<Delta> deltas = new ArrayList<>();

    Association(String id, String ipamId, String rir, String organizationHandle) {
      this.id = id;
      this.ipamId = ipamId;
      this.rir = rir;
      this.organizationHandle = organizationHandle;
    }
  }

  /** A route origin registered for a CIDR: the ASNs that may announce it. */
  static final class Registration implements java.io.Serializable {
    final String cidr;
    List<String> asns;
    boolean permitMoreSpecific;
    Integer maxLength;
    String description;
    String latestDeltaId;
    String state = "create-complete";

    Registration(String cidr) {
      this.cidr = cidr;
    }
  }

  /** One change sent to the registry, as JSON. */
  record Delta(String id, String json, long at) implements java.io.Serializable {}
}
