package dev.ec2double.it.autoscaling;

import static dev.ec2double.it.autoscaling.Groups.awaitInService;
import static dev.ec2double.it.autoscaling.Groups.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.ec2double.it.Clients;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.instances.Exec;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefresh;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * An instance refresh with the ReplaceRootVolume strategy on the Docker backend: the group's
 * instance keeps its id while its root volume (the container's filesystem) is replaced from the
 * image of the desired configuration's override: a busybox instance comes back running Debian.
 * Fails, never skips, without an engine.
 */
class DockerRootVolumeRefreshIT {
  private static final String ACCOUNT = "210000000178";
  private static final String GROUP = "root-swap";
  private static Ec2Client ec2;
  private static AutoScalingClient as;

  @AfterAll
  static void close() {
    if (as != null) {
      as.deleteAutoScalingGroup(r -> r.autoScalingGroupName(GROUP).forceDelete(true));
      as.close();
      ec2.close();
    }
  }

  @Test
  void theInstanceKeepsItsIdAndComesBackOnTheNewImage() {
    URI endpoint = DockerTestServer.get().endpoint();
    DockerClient docker = DockerTestServer.docker();
    ec2 = Clients.ec2(endpoint, ACCOUNT);
    as = Clients.autoScaling(endpoint, ACCOUNT);
    String template =
        ec2.createLaunchTemplate(
                r ->
                    r.launchTemplateName(GROUP)
                        .launchTemplateData(
                            d -> d.imageId(DockerTestServer.BUSYBOX_AMI).instanceType("t3.nano")))
            .launchTemplate()
            .launchTemplateId();
    as.createAutoScalingGroup(
        r ->
            r.autoScalingGroupName(GROUP)
                .launchTemplate(t -> t.launchTemplateId(template).version("1"))
                .minSize(0)
                .maxSize(2)
                .desiredCapacity(1)
                .vpcZoneIdentifier(
                    String.join(",", Elbv2Clients.twoSubnets(DockerTestServer.get(), ACCOUNT))));
    String id = awaitInService(as, GROUP, 1, 60).get(0).instanceId();
    assertThat(Exec.run(docker, running(docker, id), "cat", "/etc/os-release"))
        .doesNotContain("Debian");

    // AWS's requirement: a mixed instances policy whose overrides name an image
    assertThat(
            error(
                () ->
                    as.startInstanceRefresh(
                        r ->
                            r.autoScalingGroupName(GROUP)
                                .strategy("ReplaceRootVolume")
                                .desiredConfiguration(
                                    d ->
                                        d.launchTemplate(
                                            t -> t.launchTemplateId(template).version("1"))))))
        .startsWith("ValidationError: The ReplaceRootVolume strategy requires");

    MixedInstancesPolicy debian =
        MixedInstancesPolicy.builder()
            .launchTemplate(
                lt ->
                    lt.launchTemplateSpecification(t -> t.launchTemplateId(template).version("1"))
                        .overrides(
                            o -> o.instanceType("t3.nano").imageId(DockerTestServer.DEBIAN_AMI)))
            .build();
    as.startInstanceRefresh(
        r ->
            r.autoScalingGroupName(GROUP)
                .strategy("ReplaceRootVolume")
                .desiredConfiguration(d -> d.mixedInstancesPolicy(debian))
                .preferences(p -> p.minHealthyPercentage(0).instanceWarmup(0)));
    InstanceRefresh done =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(250))
            .until(
                () ->
                    as.describeInstanceRefreshes(r -> r.autoScalingGroupName(GROUP))
                        .instanceRefreshes()
                        .get(0),
                r -> !r.statusAsString().matches("Pending|InProgress"));
    assertThat(done.statusAsString()).as(done.statusReason()).isEqualTo("Successful");
    assertThat(awaitInService(as, GROUP, 1, 30))
        .singleElement()
        .satisfies(i -> assertThat(i.instanceId()).isEqualTo(id));
    assertThat(Exec.run(docker, running(docker, id), "cat", "/etc/os-release")).contains("Debian");
    assertThat(
            ec2.describeReplaceRootVolumeTasks(
                    r -> r.filters(f -> f.name("instance-id").values(id)))
                .replaceRootVolumeTasks())
        .singleElement()
        .satisfies(t -> assertThat(t.taskStateAsString()).isEqualTo("succeeded"));
  }

  private static String running(DockerClient docker, String instanceId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                DockerTestServer.containersOf(docker, instanceId).stream()
                    .filter(c -> "running".equals(c.getState()))
                    .map(c -> c.getId())
                    .findFirst()
                    .orElse(null),
            java.util.Objects::nonNull);
  }
}
