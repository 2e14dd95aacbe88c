package dev.ec2double.ec2.capacity;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Cancellation and date-change quotes of one account in one region, by id. */
final class QuoteStore implements java.io.Serializable {
  /**
   * A quote for a reservation as it was when asked: its count and state then, and for a date change
   * the new start date asked for.
   */
  record Quote(
      String id,
      String reservationId,
      Instant createTime,
      int instanceCount,
      String reservationState,
      Instant startDate,
      Instant newStartDate)
      implements java.io.Serializable {
    /** AWS keeps a quote for an hour. */
    Instant expirationTime() {
      return createTime.plusSeconds(3600);
    }

    String stateAt(Instant now) {
      return expirationTime().isAfter(now) ? "active" : "expired";
    }
  }

  final Map<String, Quote> cancellations = new LinkedHashMap<>();
  final Map<String, Quote> dateChanges = new LinkedHashMap<>();

  static QuoteStore of(RegionState state) {
    return state.part(QuoteStore.class, QuoteStore::new);
  }
}
