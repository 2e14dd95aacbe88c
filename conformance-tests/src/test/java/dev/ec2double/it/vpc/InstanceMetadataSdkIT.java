package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.SdkProbes;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * The AWS SDK for Java's own metadata client ({@code software.amazon.awssdk.imds}) inside an
 * instance of the local JRE image: it reads the instance id through the endpoint the instance's
 * environment names and through the link-local address alone, with HttpTokens=required.
 */
class InstanceMetadataSdkIT {
  private static final String JRE_IMAGE = "ec2-double/debian-jre:17";

  /** The SDK jars the client needs, not the service models (the EC2 one is 26 MB). */
  private static final Pattern NEEDED =
      Pattern.compile(
          ".*/(software/amazon/awssdk/(?!ec2/|elasticloadbalancingv2/|netty-nio-client/"
              + "|apache5-client/)|org/apache/httpcomponents/(httpclient|httpcore)/"
              + "|commons-logging/|commons-codec/|org/reactivestreams/|org/slf4j/slf4j-api/).*\\.jar");

  private static DockerVpcs vpcs;
  private static String imageId;
  private static Instance instance;
  private static Path probe;

  @BeforeAll
  static void launch() throws Exception {
    DockerVpcs.requirePacketFilter();
    vpcs = new DockerVpcs();
    imageId =
        vpcs.ec2
            .registerImage(r -> r.name("imds-sdk-" + System.nanoTime()).imageLocation(JRE_IMAGE))
            .imageId();
    DockerVpcs.Vpc vpc = vpcs.vpc();
    instance = vpcs.run(imageId, vpc.subnetId(), null);
    probe = probeDirectory();
    vpcs.waitRunning(instance.instanceId());
    DockerTestServer.docker()
        .copyArchiveToContainerCmd("ec2double-" + instance.instanceId())
        .withHostResource(probe.toString())
        .withRemotePath("/opt")
        .exec();
    vpcs.ec2.modifyInstanceMetadataOptions(
        r -> r.instanceId(instance.instanceId()).httpTokens("required"));
  }

  @AfterAll
  static void close() throws IOException {
    if (vpcs != null) {
      vpcs.close();
      if (imageId != null) {
        DockerTestServer.ec2().deregisterImage(r -> r.imageId(imageId));
      }
    }
    SdkProbes.delete(probe);
  }

  /** A directory {@code imds-probe} with the probe's class and the SDK jars it runs on. */
  private static Path probeDirectory() throws IOException, URISyntaxException {
    return SdkProbes.directory("imds-probe", ImdsSdkProbe.class, NEEDED);
  }

  private static String runProbe(String... envPrefix) {
    List<String> cmd =
        new java.util.ArrayList<>(List.of(envPrefix.length == 0 ? new String[0] : envPrefix));
    cmd.addAll(
        List.of(
            "java",
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            "/opt/imds-probe/*:/opt/imds-probe/classes",
            ImdsSdkProbe.class.getName()));
    String out = vpcs.exec(instance.instanceId(), cmd.toArray(String[]::new)).strip();
    // what it prints last (before it, the SLF4J API says that it has no logger)
    return out.substring(out.lastIndexOf('\n') + 1);
  }

  @Test
  void sdkClientReadsTheInstanceIdThroughTheEndpointInTheEnvironment() {
    String endpoint =
        vpcs.exec(
            instance.instanceId(), "sh", "-c", "printf %s \"$AWS_EC2_METADATA_SERVICE_ENDPOINT\"");
    assertThat(endpoint).startsWith("http://");

    assertThat(runProbe()).isEqualTo(instance.instanceId());
    // and it is that variable the client followed: pointed elsewhere, it finds nothing
    assertThat(runProbe("env", "AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9"))
        .doesNotContain(instance.instanceId());
  }

  @Test
  void sdkClientReadsTheInstanceIdAtTheLinkLocalAddressWithoutTheVariable() {
    assertThat(runProbe("env", "-u", "AWS_EC2_METADATA_SERVICE_ENDPOINT"))
        .isEqualTo(instance.instanceId());
  }
}
