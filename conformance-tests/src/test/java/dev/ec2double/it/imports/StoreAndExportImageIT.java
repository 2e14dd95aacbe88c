package dev.ec2double.it.imports;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ExportImageTask;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.StoreImageTaskResult;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * ExportImage and the AMI store and restore tasks through the SDK (mock backend): exports record
 * the object AWS writes and complete (or are cancelled); a stored AMI restores into a new,
 * launchable AMI with its properties and copies of its snapshots.
 */
class StoreAndExportImageIT {
  private static final String ACCOUNT = "646464646464";
  private static final Duration TASK = Duration.ofSeconds(15);

  private static Ec2Client ec2;
  private static String ami;

  @BeforeAll
  static void importOne() {
    ec2 = TestServer.ec2("eu-south-1", ACCOUNT);
    ami = ImportExportIT.imported(ec2, "store.vmdk").imageId();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static ExportImageTask exportTask(String id) {
    return ec2.describeExportImageTasks(r -> r.exportImageTaskIds(id)).exportImageTasks().get(0);
  }

  @Test
  void exportImageRecordsItsObjectAndCompletes() {
    var started =
        ec2.exportImage(
            r ->
                r.imageId(ami)
                    .diskImageFormat("VHD")
                    .description("to the lab")
                    .s3ExportLocation(l -> l.s3Bucket("exports").s3Prefix("amis/"))
                    .tagSpecifications(
                        t ->
                            t.resourceType("export-image-task")
                                .tags(Tag.builder().key("lab").value("1").build())));
    assertThat(started.exportImageTaskId()).startsWith("export-ami-");
    assertThat(started.status()).isEqualTo("active");
    assertThat(started.diskImageFormatAsString()).isEqualTo("VHD");
    assertThat(started.roleName()).isEqualTo("vmimport");
    assertThat(
            ec2.describeExportImageTasks(r -> r.filters(filter("tag:lab", "1"))).exportImageTasks())
        .extracting(ExportImageTask::exportImageTaskId)
        .contains(started.exportImageTaskId());
    ExportImageTask done =
        await()
            .atMost(TASK)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> exportTask(started.exportImageTaskId()), t -> t.status().equals("completed"));
    assertThat(done.s3ExportLocation().s3Prefix()).isEqualTo("amis/");
    assertThat(done.progress()).isNull();
    assertThat(
            ec2.describeExportImageTasks(
                    r -> r.filters(filter("task-state", "completed")).maxResults(1))
                .exportImageTasks())
        .hasSize(1);

    var cancelled =
        ec2.exportImage(
            r ->
                r.imageId(ami).diskImageFormat("RAW").s3ExportLocation(l -> l.s3Bucket("exports")));
    ec2.cancelExportTask(r -> r.exportTaskId(cancelled.exportImageTaskId()));
    assertThat(
            await()
                .atMost(TASK)
                .until(() -> exportTask(cancelled.exportImageTaskId()).status(), "deleted"::equals))
        .isEqualTo("deleted");

    assertError(
        () ->
            ec2.exportImage(
                r ->
                    r.imageId("ami-0ec2d00000000de12")
                        .diskImageFormat("VMDK")
                        .s3ExportLocation(l -> l.s3Bucket("exports"))),
        "NotExportable");
    assertError(
        () -> ec2.exportImage(r -> r.imageId(ami).s3ExportLocation(l -> l.s3Bucket("exports"))),
        "MissingParameter");
    assertError(
        () -> ec2.describeExportImageTasks(r -> r.maxResults(501)), "InvalidParameterValue");
    assertError(
        () -> ec2.cancelExportTask(r -> r.exportTaskId("export-ami-0123456789abcdef0")),
        "InvalidExportTaskID.NotFound");
  }

  @Test
  void aStoredAmiRestoresAsANewLaunchableAmi() {
    String key = ec2.createStoreImageTask(r -> r.imageId(ami).bucket("amis")).objectKey();
    assertThat(key).isEqualTo(ami + ".bin");
    StoreImageTaskResult first =
        ec2.describeStoreImageTasks(r -> r.imageIds(ami)).storeImageTaskResults().get(0);
    assertThat(first.bucket()).isEqualTo("amis");
    assertThat(first.s3objectKey()).isEqualTo(key);
    StoreImageTaskResult stored =
        await()
            .atMost(TASK)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    ec2.describeStoreImageTasks(r -> r.filters(filter("bucket", "amis")))
                        .storeImageTaskResults()
                        .get(0),
                t -> t.storeTaskState().equals("Completed"));
    assertThat(stored.progressPercentage()).isEqualTo(100);
    assertThat(
            ec2.describeStoreImageTasks(r -> r.filters(filter("task-state", "InProgress")))
                .storeImageTaskResults())
        .noneMatch(t -> t.amiId().equals(ami));

    Image original = ec2.describeImages(r -> r.imageIds(ami)).images().get(0);
    // the original keeps its name: restoring without a new one is a duplicate name
    assertError(
        () -> ec2.createRestoreImageTask(r -> r.bucket("amis").objectKey(key)),
        "InvalidAMIName.Duplicate");
    String restored =
        ec2.createRestoreImageTask(
                r ->
                    r.bucket("amis")
                        .objectKey(key)
                        .name("restored-web")
                        .tagSpecifications(
                            t ->
                                t.resourceType("image")
                                    .tags(Tag.builder().key("from").value("s3").build()),
                            t ->
                                t.resourceType("snapshot")
                                    .tags(Tag.builder().key("from").value("s3").build())))
            .imageId();
    Image copy = ec2.describeImages(r -> r.imageIds(restored)).images().get(0);
    assertThat(copy.name()).isEqualTo("restored-web");
    assertThat(copy.description()).isEqualTo(original.description());
    assertThat(copy.architectureAsString()).isEqualTo(original.architectureAsString());
    assertThat(copy.ownerId()).isEqualTo(ACCOUNT);
    assertThat(copy.tags()).containsExactly(Tag.builder().key("from").value("s3").build());
    String snapshot = copy.blockDeviceMappings().get(0).ebs().snapshotId();
    assertThat(snapshot)
        .startsWith("snap-")
        .isNotEqualTo(original.blockDeviceMappings().get(0).ebs().snapshotId());
    assertThat(ec2.describeSnapshots(r -> r.snapshotIds(snapshot)).snapshots().get(0).tags())
        .containsExactly(Tag.builder().key("from").value("s3").build());
    assertThat(
            ec2.runInstances(
                    r -> r.imageId(restored).instanceType("t3.micro").minCount(1).maxCount(1))
                .instances())
        .hasSize(1);

    assertError(
        () ->
            ec2.createRestoreImageTask(
                r -> r.bucket("amis").objectKey("ami-0000000000000000f.bin")),
        "InvalidParameterValue");
    assertError(
        () -> ec2.createStoreImageTask(r -> r.imageId("ami-0ec2d00000000de12").bucket("amis")),
        "AuthFailure");
    assertError(
        () -> ec2.describeStoreImageTasks(r -> r.imageIds(ami).maxResults(5)),
        "InvalidParameterCombination");
  }
}
