package dev.ec2double.ec2.capacity;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Capacity Blocks of one account in one region, the offerings it was shown, its extensions. */
final class CapacityBlockStore implements java.io.Serializable {
  /** An offering as DescribeCapacityBlockOfferings showed it, kept so that it can be bought. */
  record Offer(
      String id,
      String instanceType,
      int instanceCount,
      String zone,
      String zoneId,
      Instant start,
      Instant end,
      int hours,
      String upfrontFee)
      implements java.io.Serializable {}

  /** An extension offering: more hours for one Capacity Block reservation. */
  record ExtensionOffer(
      String id, String reservationId, Instant start, Instant end, int hours, String upfrontFee)
      implements java.io.Serializable {}

  /** A bought extension, as DescribeCapacityBlockExtensionHistory lists it. */
  record Extension(ExtensionOffer offer, Instant purchased) implements java.io.Serializable {}

  static final class Block implements java.io.Serializable {
    final String id;
    final String zone;
    final String zoneId;
    final Instant start;
    Instant end;
    final Instant created;
    final List<String> reservationIds = new ArrayList<>();

    Block(String id, String zone, String zoneId, Instant start, Instant end, Instant created) {
      this.id = id;
      this.zone = zone;
      this.zoneId = zoneId;
      this.start = start;
      this.end = end;
      this.created = created;
    }

    String stateAt(Instant now) {
      return start.isAfter(now) ? "scheduled" : end.isAfter(now) ? "active" : "expired";
    }
  }

  final Map<String, Block> blocks = new LinkedHashMap<>();
  final Map<String, Offer> offers = new LinkedHashMap<>();
  final Map<String, ExtensionOffer> extensionOffers = new LinkedHashMap<>();
  final List<Extension> extensions = new ArrayList<>();

  static CapacityBlockStore of(RegionState state) {
    return state.part(CapacityBlockStore.class, CapacityBlockStore::new);
  }
}
