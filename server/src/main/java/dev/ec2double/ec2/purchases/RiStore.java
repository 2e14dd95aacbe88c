package dev.ec2double.ec2.purchases;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reserved Instances of one account in one region, their listings and modifications. */
final class RiStore implements java.io.Serializable {
  static final class Ri implements java.io.Serializable {
    final String id;
    final String instanceType;
    final String offeringClass;
    final String offeringType;
    final long duration;
    final String tenancy;
    final String zone;
    final String zoneId;
    final double fixedPrice;
    final double hourly;
    final int count;
    Instant start;
    Instant end;

    /** payment-pending, active, queued, queued-deleted, retired. */
    String state;

    Ri(
        String id,
        RiOfferings.Offering o,
        int count,
        String instanceType,
        String zone,
        String zoneId,
        Instant start,
        Instant end,
        String state) {
      this.id = id;
      this.instanceType = instanceType;
      this.offeringClass = o.offeringClass();
      this.offeringType = o.offeringType();
      this.duration = o.duration();
      this.tenancy = o.tenancy();
      this.zone = zone;
      this.zoneId = zoneId;
      this.fixedPrice = o.fixedPrice();
      this.hourly = o.hourly();
      this.count = count;
      this.start = start;
      this.end = end;
      this.state = state;
    }

    /** A queued purchase becomes active at its time; an active one retires at its end. */
    String stateAt(Instant now) {
      if (state.equals("queued") && !start.isAfter(now)) {
        return end.isAfter(now) ? "active" : "retired";
      }
      if (state.equals("active") && !end.isAfter(now)) {
        return "retired";
      }
      return state;
    }
  }

  record PriceStep(long term, double price, String currency) implements java.io.Serializable {}

  static final class Listing implements java.io.Serializable {
    final String id;
    final String riId;
    final String clientToken;
    final Instant created;
    final int count;
    final List<PriceStep> prices;
    String status = "active";
    Instant updated;

    Listing(
        String id,
        String riId,
        String clientToken,
        Instant created,
        int count,
        List<PriceStep> prices) {
      this.id = id;
      this.riId = riId;
      this.clientToken = clientToken;
      this.created = created;
      this.updated = created;
      this.count = count;
      this.prices = List.copyOf(prices);
    }
  }

  /** A target of a modification: the new Reserved Instances it made, with their configuration. */
  record Result(String riId, String zone, String zoneId, int count, String type, String scope)
      implements java.io.Serializable {}

  record Modification(
      String id, String clientToken, Instant created, List<String> sourceIds, List<Result> results)
      implements java.io.Serializable {}

  final Map<String, Ri> byId = new LinkedHashMap<>();
  final Map<String, Listing> listings = new LinkedHashMap<>();
  final Map<String, Modification> modifications = new LinkedHashMap<>();
  final List<String> exchanges = new ArrayList<>();

  static RiStore of(RegionState state) {
    return state.part(RiStore.class, RiStore::new);
  }
}
