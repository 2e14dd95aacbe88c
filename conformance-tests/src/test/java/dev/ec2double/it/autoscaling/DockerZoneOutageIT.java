package dev.ec2double.it.autoscaling;

import static dev.ec2double.it.autoscaling.Groups.awaitInService;
import static dev.ec2double.it.autoscaling.Groups.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.Clients;
import dev.ec2double.it.ControlApi;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Elbv2Clients;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * A zone outage and Auto Scaling on the Docker backend: the instance in the dark zone fails its
 * status checks, the group replaces it, and the replacement goes into the group's other zone, as
 * AWS's rebalancing avoids an impaired zone.
 */
class DockerZoneOutageIT {
  private static final String ACCOUNT = "210000000171";
  private static final String GROUP = "zone-outage-web";

  @Test
  void aGroupReplacesTheInstanceLostToAZoneOutageInItsOtherZone() throws Exception {
    URI endpoint = DockerTestServer.get().endpoint();
    try (Ec2Client ec2 = Clients.ec2(endpoint, ACCOUNT);
        AutoScalingClient as = Clients.autoScaling(endpoint, ACCOUNT)) {
      List<String> subnets = Elbv2Clients.twoSubnets(DockerTestServer.get(), ACCOUNT);
      ec2.createLaunchTemplate(
          r ->
              r.launchTemplateName(GROUP)
                  .launchTemplateData(
                      d -> d.imageId(DockerTestServer.BUSYBOX_AMI).instanceType("t3.nano")));
      as.createAutoScalingGroup(
          r ->
              r.autoScalingGroupName(GROUP)
                  .launchTemplate(t -> t.launchTemplateName(GROUP).version("$Latest"))
                  .minSize(2)
                  .maxSize(2)
                  .desiredCapacity(2)
                  .vpcZoneIdentifier(String.join(",", subnets)));
      try {
        List<Instance> before = awaitInService(as, GROUP, 2, 90);
        Instance lost = before.get(0);
        String darkZone = lost.availabilityZone();
        String otherZone =
            before.stream()
                .map(Instance::availabilityZone)
                .filter(z -> !z.equals(darkZone))
                .findFirst()
                .orElseThrow();

        control(
            "POST",
            "/_ec2double/faults",
            "{\"kind\":\"zone-outage\",\"target\":\"" + darkZone + "\"}");

        // the lost instance is taken out and terminated; its replacement runs in the other zone
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    describe(as, GROUP).instances().stream()
                        .noneMatch(i -> i.instanceId().equals(lost.instanceId())));
        List<Instance> after = awaitInService(as, GROUP, 2, 90);
        assertThat(after).extracting(Instance::availabilityZone).containsOnly(otherZone);
        assertThat(
                ec2.describeInstances(r -> r.instanceIds(lost.instanceId()))
                    .reservations()
                    .get(0)
                    .instances()
                    .get(0)
                    .state()
                    .name())
            .isIn(InstanceStateName.SHUTTING_DOWN, InstanceStateName.TERMINATED);
        List<Activity> activities =
            as.describeScalingActivities(r -> r.autoScalingGroupName(GROUP)).activities();
        assertThat(activities)
            .anySatisfy(
                a ->
                    assertThat(a.cause())
                        .contains(
                            "an instance was taken out of service in response to an EC2 instance"
                                + " status checks failure"));
        for (Instance i : after) {
          assertThat(
                  DockerTestServer.docker()
                      .inspectContainerCmd("ec2double-" + i.instanceId())
                      .exec()
                      .getState()
                      .getRunning())
              .isTrue();
        }
      } finally {
        control("DELETE", "/_ec2double/faults", null);
        as.deleteAutoScalingGroup(r -> r.autoScalingGroupName(GROUP).forceDelete(true));
        await().atMost(Duration.ofSeconds(60)).until(() -> describe(as, GROUP) == null);
        ec2.deleteLaunchTemplate(r -> r.launchTemplateName(GROUP));
      }
    }
  }

  private static String control(String method, String path, String body) throws Exception {
    return ControlApi.send(DockerTestServer.get().endpoint(), method, path, body).body();
  }
}
