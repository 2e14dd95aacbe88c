package dev.ec2double.ec2.fleets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.FleetData;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateConfigRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverridesRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Fleets are saved with --state-dir: everything a fleet keeps must survive Java serialization. */
class FleetStoreSerializationTest {
  @Test
  void aFleetWithItsPoolsAndHistoryIsSavedAndRestored() throws Exception {
    CreateFleetRequest req =
        CreateFleetRequest.builder()
            .launchTemplateConfigs(
                FleetLaunchTemplateConfigRequest.builder()
                    .launchTemplateSpecification(
                        s -> s.launchTemplateId("lt-0123456789abcdef0").version("1"))
                    .overrides(
                        FleetLaunchTemplateOverridesRequest.builder()
                            .instanceType("m5.large")
                            .build())
                    .build())
            .targetCapacitySpecification(t -> t.totalTargetCapacity(2))
            .build();
    FleetStore store = new FleetStore();
    FleetStore.Fleet f =
        new FleetStore.Fleet(
            "fleet-1",
            "ec2",
            "maintain",
            Instant.now(),
            List.of(
                new FleetStore.Pool(
                    Ec2Fleets.spec(
                        req.launchTemplateConfigs().get(0).launchTemplateSpecification()),
                    Ec2Fleets.overrides(req.launchTemplateConfigs().get(0).overrides().get(0)),
                    null,
                    List.of(
                        TagSpecification.builder()
                            .resourceType(ResourceType.INSTANCE)
                            .tags(t -> t.key("a").value("b"))
                            .build()),
                    1.0,
                    "0.05")),
            Ec2Fleets.snapshot(req),
            null,
            2,
            0,
            "termination");
    f.members.add(new FleetStore.Member("i-0123456789abcdef0", "spot", 0, "m5.large"));
    f.event("instanceChange", "launched", "spot instance launched", "i-0123456789abcdef0");
    store.ec2.put(f.id, f);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(store);
    }
    FleetStore back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (FleetStore) in.readObject();
    }

    FleetStore.Fleet restored = back.ec2.get("fleet-1");
    assertThat(restored.pools.get(0).launch().instanceTypeAsString()).isEqualTo("m5.large");
    assertThat(restored.pools.get(0).launch().launchTemplate().launchTemplateId())
        .isEqualTo("lt-0123456789abcdef0");
    assertThat(restored.members).hasSize(1);
    assertThat(restored.history.get(0).information().instanceId()).isEqualTo("i-0123456789abcdef0");
    assertThat(
            ((FleetData) restored.config)
                .targetCapacitySpecification()
                .defaultTargetCapacityTypeAsString())
        .isEqualTo("on-demand");
  }
}
