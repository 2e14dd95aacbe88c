package dev.ec2double.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.docker.ContainerExec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * The standalone image cannot program the host's packet filter itself; its network helper does: an
 * instance's request to 169.254.169.254 gets ec2-double's answer, and no packet to a link-local
 * address leaves the engine's host (counted by rules this test adds there: it needs root on it).
 */
class MetadataInImageIT {
  private static final String IMAGE = System.getProperty("ec2double.image", "ec2-double:latest");
  private static final String AMI = "ami-0de12de12de12de12";

  @Test
  void servesItsMetadataAndNothingLinkLocalLeavesTheHost() throws Exception {
    try (Ec2DoubleContainer server =
        new Ec2DoubleContainer(IMAGE).withAmi(AMI, "ec2-double/debian:12")) {
      server.start();
      run(server);
    }
  }

  private static void run(Ec2DoubleContainer server) throws Exception {
    try (Ec2Client ec2 = Ec2DoubleContainerIT.client(server)) {
      Instance instance =
          ec2.runInstances(r -> r.imageId(AMI).minCount(1).maxCount(1)).instances().get(0);
      String id = instance.instanceId();
      String state = "";
      for (int i = 0; i < 200 && !state.equals("running"); i++) {
        Thread.sleep(200);
        state =
            ec2.describeInstances(r -> r.instanceIds(id))
                .reservations()
                .get(0)
                .instances()
                .get(0)
                .state()
                .nameAsString();
      }
      String rule =
          "-s " + instance.privateIpAddress() + "/32 -d 169.254.0.0/16 -m comment --comment " + id;
      iptables("-t raw -I PREROUTING 1 " + rule);
      iptables("-t mangle -I POSTROUTING 1 " + rule);
      try {
        String answer = "";
        for (int i = 0; i < 50 && !answer.equals(id); i++) {
          answer =
              exec(
                  "ec2double-" + id,
                  "curl",
                  "-s",
                  "--max-time",
                  "3",
                  "http://169.254.169.254/latest/meta-data/instance-id");
          Thread.sleep(200);
        }
        assertThat(answer).as("ec2-double's metadata service answers").isEqualTo(id);
        assertThat(
                exec(
                    "ec2double-" + id,
                    "sh",
                    "-c",
                    "curl -s --max-time 3 http://169.254.170.2/ ; echo \" exit=$?\""))
            .as("another link-local address: refused (7), not timed out (28)")
            .isEqualTo(" exit=7\n");
        assertThat(count("raw", "PREROUTING", id)).as("sent to 169.254.0.0/16").isPositive();
        assertThat(count("mangle", "POSTROUTING", id)).as("left the host").isZero();
      } finally {
        iptables("-t raw -D PREROUTING " + rule);
        iptables("-t mangle -D POSTROUTING " + rule);
        ec2.terminateInstances(r -> r.instanceIds(id));
      }
    }
  }

  private static long count(String table, String chain, String tag) throws Exception {
    for (String line : iptables("-t " + table + " -L " + chain + " -v -n -x").split("\n")) {
      if (line.contains("/* " + tag + " */")) {
        return Long.parseLong(line.trim().split("\\s+")[0]);
      }
    }
    throw new IllegalStateException("counting rule " + tag + " is gone from " + table);
  }

  private static String iptables(String args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("iptables", "--wait"));
    cmd.addAll(List.of(args.split(" ")));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(args + " failed: " + out);
    }
    return out;
  }

  private static String exec(String container, String... cmd) {
    return ContainerExec.run(
            DockerClientFactory.instance().client(), Duration.ofSeconds(30), container, cmd)
        .output();
  }
}
