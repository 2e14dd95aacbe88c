package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;

/** The instance metadata service, asked from inside an instance with curl. */
class InstanceMetadataIT {
  private static final String IMDS = "http://169.254.169.254";
  private static DockerVpcs vpcs;
  private static DockerVpcs.Vpc vpc;
  private static Instance instance;

  @BeforeAll
  static void launch() {
    DockerVpcs.requirePacketFilter();
    vpcs = new DockerVpcs();
    vpc = vpcs.vpc();
    String sg = vpcs.group(vpc, "imds");
    instance = vpcs.run(DockerTestServer.DEBIAN_AMI, vpc.subnetId(), "#!/bin/sh\necho hi\n", sg);
    vpcs.waitRunning(instance.instanceId());
  }

  @AfterAll
  static void close() {
    vpcs.close();
  }

  private static String curl(String... args) {
    String[] full = new String[args.length + 4];
    full[0] = "curl";
    full[1] = "-s";
    full[2] = "--max-time";
    full[3] = "5";
    System.arraycopy(args, 0, full, 4, args.length);
    return vpcs.exec(instance.instanceId(), full);
  }

  private static String token(int ttl) {
    return curl(
        "-X",
        "PUT",
        "-H",
        "X-aws-ec2-metadata-token-ttl-seconds: " + ttl,
        IMDS + "/latest/api/token");
  }

  @Test
  void answersImdsV1AtTheLinkLocalAddress() {
    String id = instance.instanceId();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(curl(IMDS + "/latest/meta-data/instance-id")).isEqualTo(id));
    assertThat(curl(IMDS + "/latest/meta-data/local-ipv4")).isEqualTo(instance.privateIpAddress());
    assertThat(curl(IMDS + "/latest/meta-data/ami-id")).isEqualTo(DockerTestServer.DEBIAN_AMI);
    assertThat(curl(IMDS + "/latest/meta-data/instance-type")).isEqualTo("m1.small");
    assertThat(curl(IMDS + "/latest/meta-data/local-hostname"))
        .isEqualTo(instance.privateDnsName());
    assertThat(curl(IMDS + "/latest/meta-data/placement/availability-zone"))
        .isEqualTo("us-east-1a");
    assertThat(curl(IMDS + "/latest/meta-data/placement/region")).isEqualTo("us-east-1");
    assertThat(curl(IMDS + "/latest/meta-data/security-groups")).isEqualTo("imds");
    String mac = curl(IMDS + "/latest/meta-data/mac");
    assertThat(mac).isEqualTo(instance.networkInterfaces().get(0).macAddress());
    // the instance's own interface really has that MAC
    assertThat(vpcs.exec(instance.instanceId(), "cat", "/sys/class/net/eth0/address").trim())
        .isEqualTo(mac);
    assertThat(curl(IMDS + "/latest/meta-data/network/interfaces/macs/" + mac + "/vpc-id"))
        .isEqualTo(vpc.id());
    assertThat(
            curl(
                IMDS
                    + "/latest/meta-data/network/interfaces/macs/"
                    + mac
                    + "/subnet-ipv4-cidr-block"))
        .isEqualTo(vpc.prefix() + ".1.0/24");
    assertThat(curl(IMDS + "/latest/meta-data/")).contains("ami-id", "placement/", "network/");
    assertThat(curl(IMDS + "/latest/user-data")).isEqualTo("#!/bin/sh\necho hi\n");
    assertThat(curl(IMDS + "/latest/dynamic/instance-identity/document"))
        .contains("\"instanceId\" : \"" + id + "\"", "\"region\" : \"us-east-1\"");
    assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", IMDS + "/latest/meta-data/nothing"))
        .isEqualTo("404");
  }

  @Test
  void answersImdsV2WithATokenAndRefusesV1WhenTokensAreRequired() {
    String id = instance.instanceId();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(token(60)).hasSizeGreaterThan(20));
    String token = token(60);
    assertThat(
            curl(
                "-H", "X-aws-ec2-metadata-token: " + token, IMDS + "/latest/meta-data/instance-id"))
        .isEqualTo(id);
    assertThat(
            curl(
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "-H",
                "X-aws-ec2-metadata-token: bogus",
                IMDS + "/latest/meta-data/instance-id"))
        .isEqualTo("401");
    assertThat(
            curl("-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", IMDS + "/latest/api/token"))
        .isEqualTo("400");

    vpcs.ec2.modifyInstanceMetadataOptions(r -> r.instanceId(id).httpTokens("required"));
    try {
      assertThat(
              curl("-o", "/dev/null", "-w", "%{http_code}", IMDS + "/latest/meta-data/instance-id"))
          .isEqualTo("401");
      assertThat(
              curl(
                  "-H",
                  "X-aws-ec2-metadata-token: " + token(21600),
                  IMDS + "/latest/meta-data/instance-id"))
          .isEqualTo(id);
    } finally {
      vpcs.ec2.modifyInstanceMetadataOptions(r -> r.instanceId(id).httpTokens("optional"));
    }
  }

  @Test
  void tellsSdksTheEndpointInTheEnvironment() {
    String endpoint =
        vpcs.exec(
            instance.instanceId(), "sh", "-c", "printf %s \"$AWS_EC2_METADATA_SERVICE_ENDPOINT\"");
    assertThat(endpoint).startsWith("http://" + vpc.prefix() + ".0.1:");
    assertThat(curl(endpoint + "/latest/meta-data/instance-id")).isEqualTo(instance.instanceId());
  }
}
