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
import software.amazon.awssdk.services.ec2.model.ConversionTask;
import software.amazon.awssdk.services.ec2.model.ExportTask;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageDiskContainer;
import software.amazon.awssdk.services.ec2.model.ImportImageResponse;
import software.amazon.awssdk.services.ec2.model.ImportImageTask;
import software.amazon.awssdk.services.ec2.model.ImportSnapshotTask;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UserBucket;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * VM Import/Export through the SDK (mock backend): import tasks move through AWS's statuses on the
 * server's clock and make a real AMI (launchable), snapshot or volume; cancels; the legacy
 * conversion tasks; instance and image exports and their rules; input checks with AWS's codes.
 */
class ImportExportIT {
  private static final String ACCOUNT = "535353535353";
  private static final Duration IMPORT = Duration.ofSeconds(15);

  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-north-1", ACCOUNT);
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static ImageDiskContainer vmdk(String key) {
    return ImageDiskContainer.builder()
        .format("vmdk")
        .userBucket(UserBucket.builder().s3Bucket("vms").s3Key(key).build())
        .build();
  }

  static ImportImageResponse startImport(Ec2Client client, String key) {
    return client.importImage(
        r ->
            r.description("web server " + key)
                .platform("Linux")
                .bootMode("uefi")
                .diskContainers(vmdk(key))
                .tagSpecifications(
                    TagSpecification.builder()
                        .resourceType("import-image-task")
                        .tags(Tag.builder().key("vm").value(key).build())
                        .build()));
  }

  static ImportImageTask imageTask(Ec2Client client, String id) {
    return client.describeImportImageTasks(r -> r.importTaskIds(id)).importImageTasks().get(0);
  }

  /** Imports a VM and waits for its AMI. */
  static ImportImageTask imported(Ec2Client client, String key) {
    String id = startImport(client, key).importTaskId();
    return await()
        .atMost(IMPORT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> imageTask(client, id), t -> t.status().equals("completed"));
  }

  @Test
  void anImportedVmBecomesALaunchableAmiWithItsRootSnapshot() {
    ImportImageResponse started = startImport(ec2, "launch.vmdk");
    assertThat(started.importTaskId()).startsWith("import-ami-");
    assertThat(started.status()).isEqualTo("active");
    assertThat(started.statusMessage()).isEqualTo("pending");
    assertThat(started.progress()).isEqualTo("2");
    assertThat(started.tags())
        .containsExactly(Tag.builder().key("vm").value("launch.vmdk").build());
    assertThat(started.snapshotDetails().get(0).userBucket().s3Key()).isEqualTo("launch.vmdk");
    assertThat(started.snapshotDetails().get(0).format()).isEqualTo("VMDK");
    String id = started.importTaskId();
    assertThat(
            ec2.describeImportImageTasks(r -> r.filters(filter("tag:vm", "launch.vmdk")))
                .importImageTasks())
        .extracting(ImportImageTask::importTaskId)
        .containsExactly(id);

    ImportImageTask done =
        await()
            .atMost(IMPORT)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> imageTask(ec2, id), t -> t.status().equals("completed"));
    assertThat(done.imageId()).startsWith("ami-");
    assertThat(done.platform()).isEqualTo("Linux");
    assertThat(done.architecture()).isEqualTo("x86_64");
    assertThat(done.licenseType()).isEqualTo("BYOL");
    assertThat(done.progress()).isNull();
    String snapshotId = done.snapshotDetails().get(0).snapshotId();
    assertThat(snapshotId).startsWith("snap-");
    assertThat(
            ec2.describeImportImageTasks(r -> r.filters(filter("task-state", "completed")))
                .importImageTasks())
        .extracting(ImportImageTask::importTaskId)
        .contains(id);

    Image ami = ec2.describeImages(r -> r.imageIds(done.imageId())).images().get(0);
    assertThat(ami.ownerId()).isEqualTo(ACCOUNT);
    assertThat(ami.name()).isEqualTo(id);
    assertThat(ami.stateAsString()).isEqualTo("available");
    assertThat(ami.description()).isEqualTo("web server launch.vmdk");
    assertThat(ami.blockDeviceMappings().get(0).ebs().snapshotId()).isEqualTo(snapshotId);
    Snapshot root = ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0);
    assertThat(root.description()).contains(id);
    assertThat(root.volumeSize()).isEqualTo(8);
    assertThat(root.stateAsString()).isEqualTo("completed");

    String instance =
        ec2.runInstances(
                r -> r.imageId(done.imageId()).instanceType("t3.micro").minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();
    assertThat(instance).startsWith("i-");
    assertError(() -> ec2.cancelImportTask(r -> r.importTaskId(id)), "IncorrectState");

    // the instance of an imported AMI exports; one of a built-in AMI does not
    await()
        .atMost(IMPORT)
        .until(
            () ->
                ec2.describeInstances(r -> r.instanceIds(instance))
                    .reservations()
                    .get(0)
                    .instances()
                    .get(0)
                    .state()
                    .nameAsString(),
            "running"::equals);
    ExportTask export =
        ec2.createInstanceExportTask(
                r ->
                    r.instanceId(instance)
                        .targetEnvironment("vmware")
                        .description("back home")
                        .exportToS3Task(
                            s ->
                                s.containerFormat("ova")
                                    .diskImageFormat("VMDK")
                                    .s3Bucket("out")
                                    .s3Prefix("vms/")))
            .exportTask();
    assertThat(export.exportTaskId()).startsWith("export-i-");
    assertThat(export.stateAsString()).isEqualTo("active");
    assertThat(export.exportToS3Task().s3Key()).isEqualTo("vms/" + export.exportTaskId() + ".ova");
    assertThat(export.instanceExportDetails().instanceId()).isEqualTo(instance);
    ExportTask exported =
        await()
            .atMost(IMPORT)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    ec2.describeExportTasks(r -> r.exportTaskIds(export.exportTaskId()))
                        .exportTasks()
                        .get(0),
                t -> t.stateAsString().equals("completed"));
    assertThat(exported.description()).isEqualTo("back home");
    assertError(
        () -> ec2.cancelExportTask(r -> r.exportTaskId(export.exportTaskId())), "IncorrectState");

    String plain =
        ec2.runInstances(
                r ->
                    r.imageId("ami-0ec2d00000000de12")
                        .instanceType("t3.micro")
                        .minCount(1)
                        .maxCount(1))
            .instances()
            .get(0)
            .instanceId();
    assertError(
        () ->
            ec2.createInstanceExportTask(
                r ->
                    r.instanceId(plain)
                        .targetEnvironment("vmware")
                        .exportToS3Task(s -> s.diskImageFormat("VMDK").s3Bucket("out"))),
        "NotExportable");
    ec2.terminateInstances(r -> r.instanceIds(instance, plain));
  }

  @Test
  void aCancelledImportMakesNothing() {
    String id = startImport(ec2, "cancel.vmdk").importTaskId();
    var cancelled = ec2.cancelImportTask(r -> r.importTaskId(id).cancelReason("wrong disk"));
    assertThat(cancelled.previousState()).isEqualTo("active");
    assertThat(cancelled.state()).isEqualTo("deleting");
    ImportImageTask gone =
        await()
            .atMost(IMPORT)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> imageTask(ec2, id), t -> t.status().equals("deleted"));
    assertThat(gone.statusMessage()).isEqualTo("wrong disk");
    assertThat(gone.imageId()).isNull();
    assertError(() -> ec2.cancelImportTask(r -> r.importTaskId(id)), "IncorrectState");
    // well after the import would have ended, no AMI was made for it
    await().pollDelay(Duration.ofMillis(3600)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(ec2.describeImages(r -> r.owners("self").filters(filter("name", id))).images())
        .isEmpty();
  }

  @Test
  void importInputIsCheckedWithAwsCodes() {
    assertError(() -> ec2.importImage(r -> r.description("none")), "MissingParameter");
    assertError(
        () ->
            ec2.importImage(r -> r.diskContainers(c -> c.format("qcow2").url("s3://vms/a.qcow2"))),
        "InvalidParameterValue");
    assertError(
        () -> ec2.importImage(r -> r.diskContainers(c -> c.format("VMDK").url("ftp://vms/a.vmdk"))),
        "InvalidParameterValue");
    assertError(
        () -> ec2.importImage(r -> r.platform("Solaris").diskContainers(vmdk("a.vmdk"))),
        "InvalidParameterValue");
    assertError(
        () -> ec2.importImage(r -> r.licenseType("FREE").diskContainers(vmdk("a.vmdk"))),
        "InvalidParameterValue");
    assertError(
        () -> ec2.importImage(r -> r.roleName("bad role!").diskContainers(vmdk("a.vmdk"))),
        "InvalidParameterValue");
    assertError(
        () -> ec2.importImage(r -> r.kmsKeyId("alias/mine").diskContainers(vmdk("a.vmdk"))),
        "InvalidParameterDependency");
    assertError(
        () ->
            ec2.importImage(
                r ->
                    r.diskContainers(
                        c -> c.format("OVA").url("s3://vms/a.ova"),
                        c -> c.format("VMDK").url("s3://vms/b.vmdk"))),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.importImage(
                r ->
                    r.diskContainers(vmdk("a.vmdk"))
                        .tagSpecifications(
                            t ->
                                t.resourceType("image")
                                    .tags(Tag.builder().key("k").value("v").build()))),
        "InvalidParameterValue");
    assertError(
        () -> ec2.describeImportImageTasks(r -> r.importTaskIds("import-ami-0123456789abcdef0")),
        "InvalidConversionTaskId");
    assertError(
        () -> ec2.describeImportImageTasks(r -> r.importTaskIds("ami-0123")),
        "InvalidConversionTaskId.Malformed");
    assertError(
        () -> ec2.describeImportImageTasks(r -> r.filters(filter("bogus", "x"))),
        "InvalidParameterValue");
    assertError(
        () -> ec2.importSnapshot(r -> r.diskContainer(c -> c.format("OVA").url("s3://vms/a.ova"))),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.importSnapshot(
                r -> r.diskContainer(c -> c.format("VMDK").userBucket(b -> b.s3Bucket("vms")))),
        "MissingParameter");
  }

  @Test
  void importSnapshotMakesASnapshotOfTheDisksSize() {
    var started =
        ec2.importSnapshot(
            r ->
                r.description("data disk")
                    .clientData(c -> c.uploadSize(3.0))
                    .diskContainer(c -> c.format("RAW").url("s3://vms/data.raw")));
    assertThat(started.importTaskId()).startsWith("import-snap-");
    assertThat(started.snapshotTaskDetail().status()).isEqualTo("active");
    ImportSnapshotTask done =
        await()
            .atMost(IMPORT)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    ec2.describeImportSnapshotTasks(r -> r.importTaskIds(started.importTaskId()))
                        .importSnapshotTasks()
                        .get(0),
                t -> t.snapshotTaskDetail().status().equals("completed"));
    String snapshotId = done.snapshotTaskDetail().snapshotId();
    assertThat(done.snapshotTaskDetail().diskImageSize()).isEqualTo(3.0 * (1L << 30));
    Snapshot s = ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0);
    assertThat(s.volumeSize()).isEqualTo(3);
    assertThat(s.ownerId()).isEqualTo(ACCOUNT);
    // a real snapshot: a volume is made from it
    var v = ec2.createVolume(r -> r.snapshotId(snapshotId).availabilityZone("eu-north-1a"));
    assertThat(v.size()).isEqualTo(3);
  }

  @Test
  void importVolumeMakesAVolumeAndImportInstanceTakesWindowsOnly() {
    ConversionTask task =
        ec2.importVolume(
                r ->
                    r.availabilityZone("eu-north-1b")
                        .description("legacy disk")
                        .image(
                            i ->
                                i.format("VMDK")
                                    .bytes(2L << 30)
                                    .importManifestUrl("https://vms.s3.amazonaws.com/m.xml"))
                        .volume(v -> v.size(4L)))
            .conversionTask();
    assertThat(task.conversionTaskId()).startsWith("import-vol-");
    assertThat(task.stateAsString()).isEqualTo("active");
    assertThat(task.importVolume().availabilityZone()).isEqualTo("eu-north-1b");
    ConversionTask done =
        await()
            .atMost(IMPORT)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    ec2.describeConversionTasks(r -> r.conversionTaskIds(task.conversionTaskId()))
                        .conversionTasks()
                        .get(0),
                t -> t.stateAsString().equals("completed"));
    String volumeId = done.importVolume().volume().id();
    assertThat(done.importVolume().bytesConverted()).isEqualTo(2L << 30);
    Volume v = ec2.describeVolumes(r -> r.volumeIds(volumeId)).volumes().get(0);
    assertThat(v.size()).isEqualTo(4);
    assertThat(v.availabilityZone()).isEqualTo("eu-north-1b");

    ConversionTask other =
        ec2.importVolume(
                r ->
                    r.availabilityZone("eu-north-1a")
                        .image(
                            i ->
                                i.format("RAW")
                                    .bytes(1L << 30)
                                    .importManifestUrl("https://vms.s3.amazonaws.com/n.xml"))
                        .volume(x -> x.size(1L)))
            .conversionTask();
    ec2.cancelConversionTask(r -> r.conversionTaskId(other.conversionTaskId()).reasonMessage("no"));
    assertError(
        () -> ec2.cancelConversionTask(r -> r.conversionTaskId(other.conversionTaskId())),
        "IncorrectState");
    assertError(
        () -> ec2.cancelConversionTask(r -> r.conversionTaskId(task.conversionTaskId())),
        "IncorrectState");
    assertError(
        () -> ec2.describeConversionTasks(r -> r.conversionTaskIds("import-vol-0123456789abcdef0")),
        "InvalidConversionTaskId");
    assertError(
        () ->
            ec2.importVolume(
                r ->
                    r.availabilityZone("eu-north-1a")
                        .image(
                            i ->
                                i.format("VMDK")
                                    .bytes(5L << 30)
                                    .importManifestUrl("https://x/m.xml"))
                        .volume(x -> x.size(1L))),
        "InvalidParameterValue");

    assertError(
        () ->
            ec2.importInstance(
                r ->
                    r.platform("Linux")
                        .diskImages(
                            d ->
                                d.image(
                                        i ->
                                            i.format("VMDK")
                                                .bytes(1L << 30)
                                                .importManifestUrl("https://x/m.xml"))
                                    .volume(x -> x.size(8L)))),
        "InvalidParameterValue");
    ConversionTask windows =
        ec2.importInstance(
                r ->
                    r.platform("Windows")
                        .description("old server")
                        .launchSpecification(
                            s ->
                                s.instanceType("m5.large")
                                    .placement(p -> p.availabilityZone("eu-north-1c")))
                        .diskImages(
                            d ->
                                d.image(
                                        i ->
                                            i.format("VHD")
                                                .bytes(1L << 30)
                                                .importManifestUrl("https://x/m.xml"))
                                    .volume(x -> x.size(8L))))
            .conversionTask();
    assertThat(windows.conversionTaskId()).startsWith("import-i-");
    assertThat(windows.importInstance().platformAsString()).isEqualTo("Windows");
    assertThat(windows.importInstance().volumes().get(0).availabilityZone())
        .isEqualTo("eu-north-1c");
  }
}
