package dev.ec2double.ec2.fleets;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * The fleets of one account in one region (EC2 Fleets and Spot Fleets), by id. Every read and
 * change holds the store's lock.
 */
final class FleetStore implements java.io.Serializable {
  /**
   * Where a fleet launches: a launch template version with its overrides (or, for Spot Fleets, a
   * launch specification), one instance, no market options. Kept as model shapes, which are
   * serializable (requests are not).
   *
   * @param template the launch template, or null for a launch specification
   * @param spec the Spot Fleet launch specification, or null for a template
   * @param maxPrice the highest Spot price of this pool, or null for the fleet's
   * @param lifecycle {@code on-demand} or {@code spot} for a pool of attribute-based selection that
   *     only one purchase option's price protection lets through, null for both
   * @param capacity the capacity an instance counts for when the target is in vCPUs or MiB (the
   *     type's), null to count WeightedCapacity
   */
  record Pool(
      software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateSpecification template,
      software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverrides overrides,
      software.amazon.awssdk.services.ec2.model.SpotFleetLaunchSpecification spec,
      List<software.amazon.awssdk.services.ec2.model.TagSpecification> instanceTags,
      Double priority,
      String maxPrice,
      String lifecycle,
      Double capacity)
      implements java.io.Serializable {

    /** A pool for both purchase options, its instances worth their WeightedCapacity. */
    Pool(
        software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateSpecification template,
        software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverrides overrides,
        software.amazon.awssdk.services.ec2.model.SpotFleetLaunchSpecification spec,
        List<software.amazon.awssdk.services.ec2.model.TagSpecification> instanceTags,
        Double priority,
        String maxPrice) {
      this(template, overrides, spec, instanceTags, priority, maxPrice, null, null);
    }

    /** Whether the fleet launches this purchase option from the pool. */
    boolean serves(String purchase) {
      return lifecycle == null || lifecycle.equals(purchase);
    }

    /** One instance of this pool, as RunInstances takes it. */
    RunInstancesRequest launch() {
      return FleetPools.launch(this);
    }
  }

  /** An instance the fleet launched. */
  record Member(String instanceId, String lifecycle, int pool, String instanceType)
      implements java.io.Serializable {}

  /** One entry of the fleet's history. */
  record Event(Instant at, String type, String subType, String description, String instanceId)
      implements java.io.Serializable {
    software.amazon.awssdk.services.ec2.model.EventInformation information() {
      return software.amazon.awssdk.services.ec2.model.EventInformation.builder()
          .eventSubType(subType)
          .eventDescription(description)
          .instanceId(instanceId)
          .build();
    }
  }

  /** One fleet; its mutable fields change under the store's lock. */
  static final class Fleet implements java.io.Serializable {
    final String id;

    /** {@code ec2} (CreateFleet) or {@code spot} (RequestSpotFleet). */
    final String kind;

    /** instant, request or maintain. */
    final String type;

    final Instant created;
    final List<Pool> pools;

    /**
     * The request as it was made, in the Describe call's shape ({@code FleetData}, {@code
     * SpotFleetRequestConfigData}); the views fill in what changes.
     */
    final java.io.Serializable config;

    final String clientToken;
    int target;
    int onDemandTarget;
    String excessPolicy;
    String state = "submitted";
    String activity = "pending_fulfillment";
    final List<Member> members = new ArrayList<>();
    final List<Event> history = new ArrayList<>();

    /** Errors of an instant fleet's launch: code and message by pool. */
    final List<String[]> errors = new ArrayList<>();

    /** Launches are under way for it (not saved). */
    transient boolean busy;

    /** After a launch that failed, the reconciler waits until then (epoch ms; not saved). */
    transient long retryAfter;

    Fleet(
        String id,
        String kind,
        String type,
        Instant created,
        List<Pool> pools,
        java.io.Serializable config,
        String clientToken,
        int target,
        int onDemandTarget,
        String excessPolicy) {
      this.id = id;
      this.kind = kind;
      this.type = type;
      this.created = created;
      this.pools = List.copyOf(pools);
      this.config = config;
      this.clientToken = clientToken;
      this.target = target;
      this.onDemandTarget = onDemandTarget;
      this.excessPolicy = excessPolicy;
    }

    void event(String type, String subType, String description, String instanceId) {
      history.add(new Event(Instant.now(), type, subType, description, instanceId));
    }

    boolean deleted() {
      return state.startsWith("deleted") || state.startsWith("cancelled");
    }
  }

  /** EC2 Fleets (CreateFleet) and Spot Fleets (RequestSpotFleet), each by id. */
  final Map<String, Fleet> ec2 = new LinkedHashMap<>();

  final Map<String, Fleet> spot = new LinkedHashMap<>();

  List<Fleet> all() {
    List<Fleet> out = new ArrayList<>(ec2.values());
    out.addAll(spot.values());
    return out;
  }

  static FleetStore of(RegionState state) {
    return state.part(FleetStore.class, FleetStore::new);
  }
}
