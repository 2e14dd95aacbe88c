package dev.ec2double.it.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI (botocore reads EC2's list item names, which the SDK ignores) drives VM Import, a
 * conversion task and an FPGA image with its load permissions once each (five CLI calls).
 */
class ImportsCliIT {
  private static final String REGION = "ca-central-1";
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode aws(String... args) throws Exception {
    AwsCli.Run run = AwsCli.run(REGION, args);
    assertThat(run.exit()).as(String.join(" ", args) + ": " + run.stderr()).isZero();
    return run.stdout().isBlank() ? json.createObjectNode() : json.readTree(run.stdout());
  }

  @Test
  void theCliDrivesImportsConversionsAndFpgaImages() throws Exception {
    AwsCli.requireInstalled("ImportsCliIT");
    JsonNode image =
        aws(
            "ec2",
            "import-image",
            "--description",
            "cli vm",
            "--disk-containers",
            "Format=VMDK,UserBucket={S3Bucket=vms,S3Key=cli.vmdk}",
            "--tag-specifications",
            "ResourceType=import-image-task,Tags=[{Key=via,Value=cli}]");
    String imageTask = image.get("ImportTaskId").asText();
    assertThat(image.get("SnapshotDetails").get(0).get("UserBucket").get("S3Key").asText())
        .isEqualTo("cli.vmdk");
    JsonNode tasks = aws("ec2", "describe-import-image-tasks", "--import-task-ids", imageTask);
    JsonNode task = tasks.get("ImportImageTasks").get(0);
    assertThat(task.get("Tags").get(0).get("Value").asText()).isEqualTo("cli");
    assertThat(task.get("SnapshotDetails")).hasSize(1);
    // the CLI has no import-volume (AWS's reference: not supported by the CLI): the SDK starts it
    // (and the AFI and its load permission are made with the SDK, to keep this test short)
    String volumeTask;
    String afiId;
    try (var sdk = TestServer.ec2(REGION, "AKIDEXAMPLE")) {
      volumeTask =
          sdk.importVolume(
                  r ->
                      r.availabilityZone(REGION + "a")
                          .image(
                              i ->
                                  i.format("VMDK")
                                      .bytes(1L << 30)
                                      .importManifestUrl("https://vms.s3.amazonaws.com/m.xml"))
                          .volume(v -> v.size(2L)))
              .conversionTask()
              .conversionTaskId();
      afiId =
          sdk.createFpgaImage(
                  r -> r.name("cli-afi").inputStorageLocation(l -> l.bucket("dcp").key("cli.tar")))
              .fpgaImageId();
      sdk.modifyFpgaImageAttribute(
          r -> r.fpgaImageId(afiId).loadPermission(p -> p.add(x -> x.userId("123412341234"))));
    }
    JsonNode conversions = aws("ec2", "describe-conversion-tasks");
    JsonNode conversion = conversions.get("ConversionTasks").get(0);
    assertThat(conversion.get("ConversionTaskId").asText()).isEqualTo(volumeTask);
    assertThat(conversion.get("ImportVolume").get("Image").get("Format").asText())
        .isEqualTo("VMDK");

    JsonNode described = aws("ec2", "describe-fpga-images", "--fpga-image-ids", afiId);
    assertThat(described.get("FpgaImages").get(0).get("Name").asText()).isEqualTo("cli-afi");
    assertThat(described.get("FpgaImages").get(0).get("InstanceTypes")).hasSize(3);
    JsonNode perms =
        aws(
            "ec2",
            "describe-fpga-image-attribute",
            "--fpga-image-id",
            afiId,
            "--attribute",
            "loadPermission");
    assertThat(perms.get("FpgaImageAttribute").get("LoadPermissions").get(0).get("UserId").asText())
        .isEqualTo("123412341234");
  }
}
