package dev.ec2double.ec2.instances;

/**
 * Where an instance is placed beyond its zone: its placement group (and partition), its tenancy and
 * Dedicated Host, and the Capacity Reservation it uses. Replaced whole when ModifyInstancePlacement
 * or ModifyInstanceCapacityReservationAttributes changes it.
 *
 * @param partitionNumber the partition of a partition placement group, else null
 * @param tenancy {@code default}, {@code dedicated} or {@code host}
 * @param affinity {@code default} or {@code host} for an instance on a Dedicated Host, else null
 * @param reservationId the Capacity Reservation the instance runs in, or null
 * @param reservationPreference {@code open}, {@code none} or {@code capacity-reservations-only}
 * @param reservationTarget the Capacity Reservation it targets, or null
 */
public record InstancePlacement(
    String groupName,
    String groupId,
    Integer partitionNumber,
    String tenancy,
    String hostId,
    String affinity,
    String reservationId,
    String reservationPreference,
    String reservationTarget)
    implements java.io.Serializable {
  public static final InstancePlacement DEFAULT =
      new InstancePlacement(null, null, null, "default", null, null, null, "open", null);

  public InstancePlacement inGroup(String name, String id, Integer partition) {
    return new InstancePlacement(
        name,
        id,
        partition,
        tenancy,
        hostId,
        affinity,
        reservationId,
        reservationPreference,
        reservationTarget);
  }

  public InstancePlacement onHost(String tenancy, String hostId, String affinity) {
    return new InstancePlacement(
        groupName,
        groupId,
        partitionNumber,
        tenancy,
        hostId,
        affinity,
        reservationId,
        reservationPreference,
        reservationTarget);
  }

  public InstancePlacement inReservation(String id, String preference, String target) {
    return new InstancePlacement(
        groupName, groupId, partitionNumber, tenancy, hostId, affinity, id, preference, target);
  }
}
