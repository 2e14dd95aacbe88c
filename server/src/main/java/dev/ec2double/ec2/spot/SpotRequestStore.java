package dev.ec2double.ec2.spot;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.LaunchSpecification;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * The Spot Instance requests of one account in one region, by id. Every read and change holds the
 * store's lock ({@link SpotRequests#KIND} too).
 */
final class SpotRequestStore implements java.io.Serializable {
  /** One request; its mutable fields change only under the store's lock. */
  static final class Request implements java.io.Serializable {
    final String id;
    final String type;
    final String maxPrice;
    final String behavior;
    final Instant created;
    final Instant validFrom;
    final Instant validUntil;
    final String launchGroup;
    final String zoneGroup;

    /** What the request shows as its LaunchSpecification. */
    final LaunchSpecification spec;

    String state = "open";
    String code = "pending-evaluation";
    String message = SpotStatus.message("pending-evaluation", null);
    Instant updated;
    String instanceId;
    String zone;

    /** An interruption notice was given and capacity has not come back since. */
    boolean interrupting;

    /** Its instance is being launched now (not saved: a restarted server launches nothing). */
    transient boolean launching;

    Request(
        String id,
        String type,
        String maxPrice,
        String behavior,
        Instant created,
        Instant validFrom,
        Instant validUntil,
        String launchGroup,
        String zoneGroup,
        LaunchSpecification spec) {
      this.id = id;
      this.type = type;
      this.maxPrice = maxPrice;
      this.behavior = behavior;
      this.created = created;
      this.validFrom = validFrom;
      this.validUntil = validUntil;
      this.launchGroup = launchGroup;
      this.zoneGroup = zoneGroup;
      this.spec = spec;
      this.updated = created;
    }

    void status(String state, String code, String detail) {
      this.state = state;
      this.code = code;
      this.message = SpotStatus.message(code, detail);
      this.updated = Instant.now();
    }

    /** What launches its instance: one instance of its specification, no market options. */
    RunInstancesRequest launch() {
      return SpotOptions.launch(spec);
    }

    boolean persistent() {
      return type.equals("persistent");
    }
  }

  final Map<String, Request> byId = new LinkedHashMap<>();

  static SpotRequestStore of(RegionState state) {
    return state.part(SpotRequestStore.class, SpotRequestStore::new);
  }
}
