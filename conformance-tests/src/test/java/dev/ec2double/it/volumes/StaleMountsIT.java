package dev.ec2double.it.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.Clients;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A server killed with volumes attached (kill -9) cannot unmount its directory under
 * /var/lib/ec2-double; the next server's storage helper does, once the reaper has found the dead
 * server with nothing left on the engine. Needs root on the engine's host, like the packet-filter
 * tests.
 */
class StaleMountsIT {
  private static final String STALE = "/var/lib/ec2-double/srv-00000000000dead00";

  @Test
  void aServerUnmountsWhatAKilledServerLeftMounted() throws Exception {
    // what a killed server leaves: its shared directory and a volume mounted in it
    sh(
        "mkdir -p %1$s/i-0/dev/sdf && mount --bind %1$s %1$s && mount --bind /tmp %1$s/i-0/dev/sdf"
            .formatted(STALE));
    try {
      assertThat(mountsUnder(STALE)).hasSize(2);
      try (Ec2DoubleServer server =
              new Ec2DoubleServer(
                      ServerConfig.builder()
                          .port(0)
                          .backend("docker")
                          .ami(DockerTestServer.BUSYBOX_AMI, "ec2-double/busybox:latest")
                          .build())
                  .start();
          Ec2Client ec2 = client(server)) {
        // the storage helper comes up with the first volume attached to an instance
        String instance =
            ec2.runInstances(r -> r.imageId(DockerTestServer.BUSYBOX_AMI).minCount(1).maxCount(1))
                .instances()
                .get(0)
                .instanceId();
        ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(instance));
        String volume = ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(1)).volumeId();
        ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volume));
        ec2.attachVolume(r -> r.volumeId(volume).instanceId(instance).device("/dev/sdf"));
        ec2.waiter().waitUntilVolumeInUse(r -> r.volumeIds(volume));

        assertThat(mountsUnder(STALE)).isEmpty();
        assertThat(Path.of(STALE)).doesNotExist();
        assertThat(mountsUnder("/var/lib/ec2-double/" + server.serverId())).isNotEmpty();
        ec2.terminateInstances(r -> r.instanceIds(instance));
      }
    } finally {
      sh(
          "for m in $(grep -o ' %1$s[^ ]*' /proc/self/mountinfo | sort -r); do umount -l $m; done;"
                  .formatted(STALE)
              + " rm -rf "
              + STALE);
    }
  }

  private static List<String> mountsUnder(String dir) throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .map(line -> line.split(" ")[4])
        .filter(m -> m.equals(dir) || m.startsWith(dir + "/"))
        .toList();
  }

  private static void sh(String script) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", script).inheritIO().start();
    assertThat(p.waitFor()).as(script).isZero();
  }

  private static Ec2Client client(Ec2DoubleServer server) {
    return Clients.ec2(server.endpoint(), "AKIDSTALE");
  }
}
