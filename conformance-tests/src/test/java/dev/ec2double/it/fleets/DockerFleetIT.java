package dev.ec2double.it.fleets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ActiveInstance;

/**
 * A maintain fleet on the docker backend: its instances are containers, and when one is removed on
 * the engine behind the server's back, the fleet launches a running replacement.
 */
class DockerFleetIT {
  @Test
  void aMaintainFleetBringsBackAnInstanceWhoseContainerWasRemoved(TestInfo test) {
    Ec2Client ec2 = DockerTestServer.ec2();
    var docker = DockerTestServer.docker();
    String lt =
        ec2.createLaunchTemplate(
                r ->
                    r.launchTemplateName(
                            "docker-fleet-" + test.getTestMethod().orElseThrow().getName())
                        .launchTemplateData(
                            d -> d.imageId(DockerTestServer.BUSYBOX_AMI).instanceType("t3.nano")))
            .launchTemplate()
            .launchTemplateId();
    String fleet =
        ec2.createFleet(
                r ->
                    r.type("maintain")
                        .launchTemplateConfigs(
                            c ->
                                c.launchTemplateSpecification(
                                    s -> s.launchTemplateId(lt).version("$Default")))
                        .targetCapacitySpecification(
                            t -> t.totalTargetCapacity(2).defaultTargetCapacityType("spot")))
            .fleetId();
    try {
      List<String> first = running(ec2, fleet, 2);
      String gone = first.get(0);

      docker.removeContainerCmd("ec2double-" + gone).withForce(true).exec();

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () ->
                  assertThat(active(ec2, fleet))
                      .hasSize(2)
                      .doesNotContain(gone)
                      .contains(first.get(1)));
      List<String> now = running(ec2, fleet, 2);
      String replacement = now.stream().filter(i -> !first.contains(i)).findFirst().orElseThrow();
      assertThat(
              docker.inspectContainerCmd("ec2double-" + replacement).exec().getState().getRunning())
          .isTrue();
      assertThat(
              ec2.describeInstances(r -> r.instanceIds(replacement))
                  .reservations()
                  .get(0)
                  .instances()
                  .get(0)
                  .instanceLifecycleAsString())
          .isEqualTo("spot");
    } finally {
      ec2.deleteFleets(r -> r.fleetIds(fleet).terminateInstances(true));
    }
  }

  private static List<String> active(Ec2Client ec2, String fleet) {
    return ec2.describeFleetInstances(r -> r.fleetId(fleet)).activeInstances().stream()
        .map(ActiveInstance::instanceId)
        .toList();
  }

  /** The fleet's instances once {@code n} of them run. */
  private static List<String> running(Ec2Client ec2, String fleet, int n) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              List<String> ids = active(ec2, fleet);
              long up =
                  ec2
                      .describeInstances(
                          r ->
                              r.instanceIds(ids)
                                  .filters(f -> f.name("instance-state-name").values("running")))
                      .reservations()
                      .stream()
                      .mapToLong(res -> res.instances().size())
                      .sum();
              return up == n ? ids : null;
            },
            ids -> ids != null);
  }
}
