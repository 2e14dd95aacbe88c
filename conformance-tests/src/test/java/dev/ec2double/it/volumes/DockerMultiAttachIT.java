package dev.ec2double.it.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Ec2Calls;
import dev.ec2double.it.instances.Exec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;

/**
 * io1/io2 Multi-Attach on the docker backend: one volume attached to several running instances at
 * once, every one of them reading what another writes, at once.
 */
class DockerMultiAttachIT {
  private static Ec2Client ec2;
  private static DockerClient docker;

  @BeforeAll
  static void client() {
    ec2 = DockerTestServer.ec2();
    docker = DockerTestServer.docker();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String sh(String instanceId, String script) {
    return Exec.run(docker, "ec2double-" + instanceId, "sh", "-c", script);
  }

  private static String running() {
    String id = DockerTestServer.runBusybox(ec2);
    Ec2Calls.awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(60));
    return id;
  }

  private static Volume volume(String id) {
    return ec2.describeVolumes(r -> r.volumeIds(id)).volumes().get(0);
  }

  @Test
  void aFileWrittenByOneInstanceIsReadByTheOthersAtOnce() {
    String a = running();
    String b = running();
    String c = running();
    String zone = Ec2Calls.describe(ec2, a).placement().availabilityZone();
    String volumeId =
        ec2.createVolume(
                r ->
                    r.availabilityZone(zone)
                        .size(4)
                        .volumeType("io2")
                        .iops(1000)
                        .multiAttachEnabled(true))
            .volumeId();
    ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));

    ec2.attachVolume(r -> r.volumeId(volumeId).instanceId(a).device("/dev/sdf"));
    ec2.attachVolume(r -> r.volumeId(volumeId).instanceId(b).device("/dev/sdg"));
    ec2.attachVolume(r -> r.volumeId(volumeId).instanceId(c).device("/dev/sdf"));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> volume(volumeId).attachments(),
            l ->
                l.size() == 3
                    && l.stream().allMatch(x -> x.state() == VolumeAttachmentState.ATTACHED));
    Volume v = volume(volumeId);
    assertThat(v.multiAttachEnabled()).isTrue();
    assertThat(v.stateAsString()).isEqualTo("in-use");
    assertThat(v.attachments())
        .extracting(VolumeAttachment::instanceId, VolumeAttachment::device)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(a, "/dev/sdf"),
            org.assertj.core.groups.Tuple.tuple(b, "/dev/sdg"),
            org.assertj.core.groups.Tuple.tuple(c, "/dev/sdf"));

    sh(a, "echo from-a > /mnt/ec2-double/sdf/shared.txt");
    assertThat(sh(b, "cat /mnt/ec2-double/sdg/shared.txt")).isEqualTo("from-a\n");
    sh(b, "echo from-b >> /mnt/ec2-double/sdg/shared.txt");
    assertThat(sh(c, "cat /mnt/ec2-double/sdf/shared.txt")).isEqualTo("from-a\nfrom-b\n");

    // one instance lets go; the others keep the volume and its files
    ec2.detachVolume(r -> r.volumeId(volumeId).instanceId(a));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> volume(volumeId).attachments().size() == 2);
    assertThat(sh(a, "ls /mnt/ec2-double/sdf/shared.txt 2>&1")).contains("No such file");
    assertThat(sh(c, "cat /mnt/ec2-double/sdf/shared.txt")).isEqualTo("from-a\nfrom-b\n");
    assertThat(volume(volumeId).stateAsString()).isEqualTo("in-use");

    ec2.terminateInstances(r -> r.instanceIds(a, b, c));
    ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));
    assertThat(volume(volumeId).attachments()).isEmpty();
    ec2.deleteVolume(r -> r.volumeId(volumeId));
    await().atMost(Duration.ofSeconds(30)).until(() -> volumeGone(volumeId));
  }

  private static boolean volumeGone(String volumeId) {
    return docker
        .listVolumesCmd()
        .withFilter("label", List.of("dev.ec2double.resource=" + volumeId))
        .exec()
        .getVolumes()
        .isEmpty();
  }
}
