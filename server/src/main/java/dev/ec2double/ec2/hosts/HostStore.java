package dev.ec2double.ec2.hosts;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Dedicated Hosts of one account in one region, by id. Every read and change holds the store's
 * lock; a launch takes it while it holds the instance store's lock (never the other way).
 */
final class HostStore implements java.io.Serializable {
  /** One Dedicated Host; the instances on it are the instances that name it. */
  static final class Host implements java.io.Serializable {
    final String id;
    final String zone;
    final String zoneId;
    final String clientToken;
    final Instant allocationTime;

    /** The one type it runs, or null when it runs every size of its family. */
    String instanceType;

    String family;
    int totalVcpus;
    int cores;
    int sockets;
    String autoPlacement;
    String hostRecovery;
    String hostMaintenance;
    String state = "available";
    Instant releaseTime;

    /** The host reservation that pays for it, or null. */
    String reservationId;

    Host(String id, String zone, String zoneId, String clientToken, Instant allocationTime) {
      this.id = id;
      this.zone = zone;
      this.zoneId = zoneId;
      this.clientToken = clientToken;
      this.allocationTime = allocationTime;
    }
  }

  final Map<String, Host> byId = new LinkedHashMap<>();

  /** A bought host reservation: an offering's terms over some hosts of its family. */
  record Reservation(
      String id,
      String offeringId,
      String family,
      int duration,
      String paymentOption,
      java.util.List<String> hostIds,
      Instant start,
      String hourlyPrice,
      String upfrontPrice)
      implements java.io.Serializable {}

  final Map<String, Reservation> reservations = new LinkedHashMap<>();

  static HostStore of(RegionState state) {
    return state.part(HostStore.class, HostStore::new);
  }
}
