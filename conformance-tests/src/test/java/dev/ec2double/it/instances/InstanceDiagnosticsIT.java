package dev.ec2double.it.instances;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.describe;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.Ec2Calls;
import dev.ec2double.it.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * GetPasswordData, the console screenshot, diagnostic interrupts, status reports, UEFI data,
 * NitroTPM, topology and image metadata, on the mock backend.
 */
class InstanceDiagnosticsIT {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("ap-northeast-3", "510000000002");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String run(String image, String type, String key) {
    String id =
        ec2.runInstances(
                r -> r.imageId(image).instanceType(type).keyName(key).minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();
    Ec2Calls.awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(20));
    return id;
  }

  private static String image(String name, String architecture) {
    return ec2.registerImage(r -> r.name(name).imageLocation("my/app:1").architecture(architecture))
        .imageId();
  }

  @Test
  void aWindowsInstanceHasAPasswordThatItsKeyPairDecrypts(TestInfo test, @TempDir Path dir)
      throws Exception {
    String key = "pw-" + test.getTestMethod().get().getName();
    String pem = ec2.createKeyPair(r -> r.keyName(key)).keyMaterial();
    String windows = image("Windows_Server-2022-English-Full-Base-test", "x86_64");
    String id = run(windows, "t3.micro", key);
    assertThat(describe(ec2, id).platformAsString()).isEqualTo("windows");
    assertThat(describe(ec2, id).platformDetails()).isEqualTo("Windows");
    var data = ec2.getPasswordData(r -> r.instanceId(id));
    assertThat(data.instanceId()).isEqualTo(id);
    assertThat(data.timestamp()).isNotNull();
    Files.writeString(dir.resolve("key.pem"), pem);
    Files.write(dir.resolve("password.bin"), Base64.getDecoder().decode(data.passwordData()));
    Process p =
        new ProcessBuilder(
                "openssl",
                "pkeyutl",
                "-decrypt",
                "-inkey",
                "key.pem",
                "-pkeyopt",
                "rsa_padding_mode:pkcs1",
                "-in",
                "password.bin")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String password = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(password).isZero();
    assertThat(password).hasSize(32).matches("[\\x21-\\x7e]+");
    // the same password every time it is asked for
    assertThat(ec2.getPasswordData(r -> r.instanceId(id)).passwordData())
        .isEqualTo(data.passwordData());

    String linux = run(AMI, "t3.micro", key);
    assertThat(ec2.getPasswordData(r -> r.instanceId(linux)).passwordData()).isEmpty();
    assertThat(describe(ec2, linux).platform()).isNull();
    String noKey = run(windows, "t3.micro", null);
    assertThat(ec2.getPasswordData(r -> r.instanceId(noKey)).passwordData()).isEmpty();
    assertError(
        () -> ec2.getPasswordData(r -> r.instanceId("i-0123456789abcdef0")),
        "InvalidInstanceID.NotFound");
  }

  @Test
  void theScreenshotIsAPngOfTheScreenAndTheInstanceMustRun() throws Exception {
    String id = run(AMI, "t3.micro", null);
    var shot = ec2.getConsoleScreenshot(r -> r.instanceId(id));
    assertThat(shot.instanceId()).isEqualTo(id);
    BufferedImage image =
        ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(shot.imageData())));
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(image.getHeight()).isEqualTo(560);
    ec2.stopInstances(r -> r.instanceIds(id));
    Ec2Calls.awaitState(ec2, id, InstanceStateName.STOPPED, Duration.ofSeconds(20));
    assertError(() -> ec2.getConsoleScreenshot(r -> r.instanceId(id)), "IncorrectInstanceState");
    assertError(() -> ec2.sendDiagnosticInterrupt(r -> r.instanceId(id)), "IncorrectInstanceState");
  }

  @Test
  void statusReportsAreCheckedAndTaken() {
    String id = run(AMI, "t3.micro", null);
    ec2.sendDiagnosticInterrupt(r -> r.instanceId(id));
    ec2.reportInstanceStatus(
        r -> r.instances(id).status("impaired").reasonCodesWithStrings("unresponsive", "other"));
    assertError(
        () ->
            ec2.reportInstanceStatus(
                r -> r.instances(id).status("broken").reasonCodesWithStrings("other")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.reportInstanceStatus(
                r -> r.instances(id).status("ok").reasonCodesWithStrings("bored")),
        "InvalidParameterValue");
    assertError(
        () -> ec2.reportInstanceStatus(r -> r.instances(id).status("ok")), "MissingParameter");
  }

  @Test
  void uefiDataForInstancesThatBootUefiAndNoNitroTpm() throws Exception {
    String arm = run(image("arm-uefi", "arm64"), "t4g.micro", null);
    String data = ec2.getInstanceUefiData(r -> r.instanceId(arm)).uefiData();
    byte[] blob = Base64.getDecoder().decode(data);
    assertThat(new String(blob, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("AMZNUEFI");
    Inflater inflater = new Inflater();
    inflater.setInput(blob, 16, blob.length - 16);
    byte[] vars = new byte[64];
    assertThat(inflater.inflate(vars)).isEqualTo(8);
    String x86 = run(AMI, "t3.micro", null);
    assertError(() -> ec2.getInstanceUefiData(r -> r.instanceId(x86)), "UnsupportedOperation");
    assertError(
        () -> ec2.getInstanceTpmEkPub(r -> r.instanceId(arm).keyType("rsa-2048").keyFormat("der")),
        "UnsupportedOperation");
    assertError(
        () -> ec2.getInstanceTpmEkPub(r -> r.instanceId(arm).keyType("rsa-4096").keyFormat("der")),
        "InvalidParameterValue");
  }

  @Test
  void topologyShowsRunningInstancesWithTheirZonesNodes() {
    String a = run(AMI, "m5.large", null);
    String b = run(AMI, "c5.large", null);
    var all = ec2.describeInstanceTopology(r -> r.instanceIds(a, b)).instances();
    assertThat(all).extracting(t -> t.instanceId()).containsExactly(a, b);
    var ta = all.get(0);
    assertThat(ta.instanceType()).isEqualTo("m5.large");
    assertThat(ta.availabilityZone()).startsWith("ap-northeast-3");
    assertThat(ta.zoneId()).startsWith("apne3-az");
    assertThat(ta.networkNodes()).hasSize(3).allMatch(n -> n.matches("nn-[0-9a-f]{17}"));
    if (ta.availabilityZone().equals(all.get(1).availabilityZone())) {
      assertThat(ta.networkNodes().get(0)).isEqualTo(all.get(1).networkNodes().get(0));
    }
    assertThat(
            ec2.describeInstanceTopology(
                    r -> r.instanceIds(a, b).filters(filter("instance-type", "c5*")))
                .instances())
        .extracting(t -> t.instanceId())
        .containsExactly(b);
    var page = ec2.describeInstanceTopology(r -> r.instanceIds(a, b).maxResults(1));
    assertThat(page.instances()).hasSize(1);
    assertThat(page.nextToken()).isNotNull();
    assertError(
        () -> ec2.describeInstanceTopology(r -> r.filters(filter("vpc-id", "vpc-1"))),
        "InvalidParameterValue");
    assertError(
        () -> ec2.describeInstanceTopology(r -> r.maxResults(101)), "InvalidParameterValue");
  }

  @Test
  void imageMetadataShowsEachInstancesAmi() {
    String id = run(AMI, "t3.micro", null);
    ec2.createTags(r -> r.resources(id).tags(t -> t.key("team").value("meta")));
    var m =
        ec2.describeInstanceImageMetadata(r -> r.instanceIds(id)).instanceImageMetadata().get(0);
    assertThat(m.instanceId()).isEqualTo(id);
    assertThat(m.instanceTypeAsString()).isEqualTo("t3.micro");
    assertThat(m.state().nameAsString()).isEqualTo("running");
    assertThat(m.ownerId()).isEqualTo("510000000002");
    assertThat(m.imageMetadata().imageId()).isEqualTo(AMI);
    assertThat(m.imageMetadata().imageOwnerAlias()).isEqualTo("amazon");
    assertThat(m.tags()).extracting(t -> t.value()).containsExactly("meta");
    assertThat(
            ec2.describeInstanceImageMetadata(r -> r.filters(filter("tag:team", "meta")))
                .instanceImageMetadata())
        .extracting(i -> i.instanceId())
        .containsExactly(id);
    assertError(
        () -> ec2.describeInstanceImageMetadata(r -> r.filters(filter("color", "red"))),
        "InvalidParameterValue");
  }
}
