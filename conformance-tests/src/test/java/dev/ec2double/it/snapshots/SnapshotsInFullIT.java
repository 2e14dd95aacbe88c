package dev.ec2double.it.snapshots;

import static dev.ec2double.it.Ec2Calls.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.DescribeFastSnapshotRestoreSuccessItem;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/**
 * Snapshots and volume attributes in full through the SDK (mock backend): create-volume permissions
 * seen by another account, CopySnapshot across regions, locks, the archive tier, block public
 * access, fast snapshot restores, the recycle bin, autoEnableIO.
 */
class SnapshotsInFullIT {
  private static final String OWNER = "515151515151";
  private static final String OTHER = "626262626262";

  private static Ec2Client ec2;
  private static Ec2Client other;
  private static Ec2Client europe;

  @BeforeAll
  static void clients() {
    ec2 = TestServer.ec2("us-east-1", OWNER);
    other = TestServer.ec2("us-east-1", OTHER);
    europe = TestServer.ec2("eu-west-1", OWNER);
  }

  @AfterAll
  static void close() {
    ec2.close();
    other.close();
    europe.close();
  }

  private static String volume() {
    String id = ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(2)).volumeId();
    ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(id));
    return id;
  }

  private static String snapshot() {
    String volume = volume();
    String id = ec2.createSnapshot(r -> r.volumeId(volume).description("base")).snapshotId();
    ec2.waiter().waitUntilSnapshotCompleted(r -> r.snapshotIds(id));
    return id;
  }

  private static List<String> ids(List<Snapshot> snapshots) {
    return snapshots.stream().map(Snapshot::snapshotId).toList();
  }

  @Test
  void anotherAccountGivenCreateVolumePermissionSeesTheSnapshotAndMakesAVolumeOfIt() {
    String id = snapshot();
    assertError(() -> other.describeSnapshots(r -> r.snapshotIds(id)), "InvalidSnapshot.NotFound");
    assertError(
        () -> other.createVolume(r -> r.availabilityZone("us-east-1b").snapshotId(id)),
        "InvalidSnapshot.NotFound");

    ec2.modifySnapshotAttribute(
        r ->
            r.snapshotId(id)
                .createVolumePermission(
                    p -> p.add(CreateVolumePermission.builder().userId(OTHER).build())));

    assertThat(ids(other.describeSnapshots(r -> r.restorableByUserIds("self")).snapshots()))
        .contains(id);
    assertThat(ids(other.describeSnapshots(r -> r.ownerIds(OWNER)).snapshots()))
        .containsExactly(id);
    String volume =
        other.createVolume(r -> r.availabilityZone("us-east-1b").snapshotId(id)).volumeId();
    other.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volume));
    assertThat(other.describeVolumes(r -> r.volumeIds(volume)).volumes().get(0).snapshotId())
        .isEqualTo(id);
    assertError(
        () ->
            other.modifySnapshotAttribute(
                r ->
                    r.snapshotId(id)
                        .attribute("createVolumePermission")
                        .operationType("add")
                        .userIds("111122223333")),
        "AuthFailure");
    assertError(() -> other.deleteSnapshot(r -> r.snapshotId(id)), "AuthFailure");

    ec2.resetSnapshotAttribute(r -> r.snapshotId(id).attribute("createVolumePermission"));
    assertThat(
            ec2.describeSnapshotAttribute(r -> r.snapshotId(id).attribute("createVolumePermission"))
                .createVolumePermissions())
        .isEmpty();
    assertError(() -> other.describeSnapshots(r -> r.snapshotIds(id)), "InvalidSnapshot.NotFound");
    assertError(
        () -> ec2.resetSnapshotAttribute(r -> r.snapshotId(id).attribute("productCodes")),
        "InvalidParameterValue");
    other.deleteVolume(r -> r.volumeId(volume));
  }

  @Test
  void copiesASnapshotFromAnotherRegion() {
    String id = snapshot();
    String copy =
        europe
            .copySnapshot(
                // the SDK presigns a copy from the endpoint's region, which 127.0.0.1 has not; a
                // presigned URL given skips that (the server does not read it)
                r ->
                    r.sourceSnapshotId(id)
                        .sourceRegion("us-east-1")
                        .encrypted(true)
                        .kmsKeyId("alias/mine")
                        .presignedUrl("https://ec2.us-east-1.amazonaws.com/"))
            .snapshotId();
    europe.waiter().waitUntilSnapshotCompleted(r -> r.snapshotIds(copy));
    Snapshot s = europe.describeSnapshots(r -> r.snapshotIds(copy)).snapshots().get(0);
    assertThat(s.description()).isEqualTo("[Copied " + id + " from us-east-1]base");
    assertThat(s.encrypted()).isTrue();
    // AWS shows the key as an ARN, however it was given
    assertThat(s.kmsKeyId()).isEqualTo("arn:aws:kms:eu-west-1:" + OWNER + ":alias/mine");
    assertThat(s.volumeSize()).isEqualTo(2);
    assertError(() -> ec2.describeSnapshots(r -> r.snapshotIds(copy)), "InvalidSnapshot.NotFound");
    String volume =
        europe.createVolume(r -> r.availabilityZone("eu-west-1a").snapshotId(copy)).volumeId();
    europe.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volume));

    assertError(
        () ->
            europe.copySnapshot(
                r ->
                    r.sourceSnapshotId(id)
                        .sourceRegion("us-west-2")
                        .presignedUrl("https://ec2.us-west-2.amazonaws.com/")),
        "InvalidSnapshot.NotFound");
    assertError(
        () ->
            europe.copySnapshot(
                r ->
                    r.sourceSnapshotId(id)
                        .sourceRegion("us-east-1")
                        .kmsKeyId("alias/mine")
                        .presignedUrl("https://ec2.us-east-1.amazonaws.com/")),
        "InvalidParameterCombination");
    europe.deleteVolume(r -> r.volumeId(volume));
  }

  @Test
  void aLockedSnapshotIsNotDeletedAndComplianceLocksAreNotLifted() {
    String governed = snapshot();
    var lock = ec2.lockSnapshot(r -> r.snapshotId(governed).lockMode("governance").lockDuration(1));
    assertThat(lock.lockStateAsString()).isEqualTo("governance");
    assertThat(Duration.between(lock.lockCreatedOn(), lock.lockExpiresOn()))
        .isEqualTo(Duration.ofDays(1));
    assertError(() -> ec2.deleteSnapshot(r -> r.snapshotId(governed)), "SnapshotLocked");

    String cooling = snapshot();
    ec2.lockSnapshot(
        r -> r.snapshotId(cooling).lockMode("compliance").coolOffPeriod(1).lockDuration(2));
    String compliant = snapshot();
    ec2.lockSnapshot(
        r ->
            r.snapshotId(compliant)
                .lockMode("compliance")
                .expirationDate(Instant.now().plus(Duration.ofDays(1))));

    var locked =
        ec2.describeLockedSnapshots(r -> r.snapshotIds(governed, cooling, compliant)).snapshots();
    assertThat(locked)
        .extracting(l -> l.snapshotId() + "=" + l.lockStateAsString())
        .containsExactlyInAnyOrder(
            governed + "=governance", cooling + "=compliance-cooloff", compliant + "=compliance");
    assertThat(
            ec2.describeLockedSnapshots(
                    r ->
                        r.filters(Filter.builder().name("lock-state").values("compliance").build()))
                .snapshots())
        .extracting(l -> l.snapshotId())
        .contains(compliant)
        .doesNotContain(governed, cooling);

    assertError(() -> ec2.unlockSnapshot(r -> r.snapshotId(compliant)), "SnapshotLocked");
    assertError(() -> ec2.deleteSnapshot(r -> r.snapshotId(compliant)), "SnapshotLocked");
    ec2.unlockSnapshot(r -> r.snapshotId(cooling));
    ec2.unlockSnapshot(r -> r.snapshotId(governed));
    ec2.deleteSnapshot(r -> r.snapshotId(governed));
    ec2.deleteSnapshot(r -> r.snapshotId(cooling));
    assertError(() -> ec2.unlockSnapshot(r -> r.snapshotId(snapshot())), "SnapshotNotLocked");

    String any = snapshot();
    assertError(
        () ->
            ec2.lockSnapshot(
                r ->
                    r.snapshotId(any)
                        .lockMode("governance")
                        .lockDuration(1)
                        .expirationDate(Instant.now().plus(Duration.ofDays(2)))),
        "InvalidParameterCombination");
    assertError(
        () ->
            ec2.lockSnapshot(
                r -> r.snapshotId(any).lockMode("governance").coolOffPeriod(1).lockDuration(1)),
        "InvalidParameterCombination");
    assertError(
        () -> ec2.lockSnapshot(r -> r.snapshotId(any).lockMode("compliance").lockDuration(0)),
        "InvalidParameterValue");
    assertError(() -> ec2.lockSnapshot(r -> r.snapshotId(any).lockDuration(1)), "MissingParameter");
    assertError(() -> ec2.describeLockedSnapshots(r -> r.maxResults(4)), "InvalidParameterValue");
  }

  @Test
  void anArchivedSnapshotMakesNoVolumeUntilRestored() {
    String id = snapshot();
    assertThat(ec2.modifySnapshotTier(r -> r.snapshotId(id).storageTier("archive")).snapshotId())
        .isEqualTo(id);
    assertThat(
            ec2.describeSnapshots(r -> r.snapshotIds(id)).snapshots().get(0).storageTierAsString())
        .isEqualTo("archive");
    var status =
        ec2.describeSnapshotTierStatus(
                r -> r.filters(Filter.builder().name("snapshot-id").values(id).build()))
            .snapshotTierStatuses();
    assertThat(status).hasSize(1);
    assertThat(status.get(0).lastTieringOperationStatusAsString()).isEqualTo("archival-completed");
    assertThat(status.get(0).storageTierAsString()).isEqualTo("archive");
    assertError(
        () -> ec2.createVolume(r -> r.availabilityZone("us-east-1a").snapshotId(id)),
        "IncorrectState");
    assertError(
        () -> ec2.modifySnapshotTier(r -> r.snapshotId(id).storageTier("archive")),
        "IncorrectState");
    assertError(
        () ->
            ec2.restoreSnapshotTier(
                r -> r.snapshotId(id).permanentRestore(true).temporaryRestoreDays(3)),
        "InvalidParameterCombination");

    var restored = ec2.restoreSnapshotTier(r -> r.snapshotId(id).temporaryRestoreDays(3));
    assertThat(restored.restoreDuration()).isEqualTo(3);
    assertThat(restored.isPermanentRestore()).isFalse();
    var after =
        ec2.describeSnapshotTierStatus(
                r -> r.filters(Filter.builder().name("snapshot-id").values(id).build()))
            .snapshotTierStatuses()
            .get(0);
    assertThat(after.lastTieringOperationStatusAsString()).isEqualTo("temporary-restore-completed");
    assertThat(after.restoreExpiryTime()).isAfter(Instant.now().plus(Duration.ofDays(2)));
    String volume =
        ec2.createVolume(r -> r.availabilityZone("us-east-1a").snapshotId(id)).volumeId();
    assertError(
        () -> ec2.restoreSnapshotTier(r -> r.snapshotId(id).permanentRestore(true)),
        "IncorrectState");
    ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volume));
    ec2.deleteVolume(r -> r.volumeId(volume));
  }

  @Test
  void blockPublicAccessRefusesMakingASnapshotPublic() {
    String id = snapshot();
    assertThat(other.getSnapshotBlockPublicAccessState(r -> {}).stateAsString())
        .isEqualTo("unblocked");
    other.enableSnapshotBlockPublicAccess(r -> r.state("block-all-sharing"));
    assertThat(other.getSnapshotBlockPublicAccessState(r -> {}).stateAsString())
        .isEqualTo("block-all-sharing");
    other.disableSnapshotBlockPublicAccess(r -> {});
    assertError(
        () -> ec2.enableSnapshotBlockPublicAccess(r -> r.state("unblocked")),
        "InvalidParameterValue");
    ec2.enableSnapshotBlockPublicAccess(r -> r.state("block-new-sharing"));
    try {
      assertError(
          () ->
              ec2.modifySnapshotAttribute(
                  r ->
                      r.snapshotId(id)
                          .attribute("createVolumePermission")
                          .operationType("add")
                          .groupNames("all")),
          "OperationNotPermitted");
    } finally {
      assertThat(ec2.disableSnapshotBlockPublicAccess(r -> {}).stateAsString())
          .isEqualTo("unblocked");
    }
    ec2.modifySnapshotAttribute(
        r ->
            r.snapshotId(id)
                .attribute("createVolumePermission")
                .operationType("add")
                .groupNames("all"));
    assertThat(ids(other.describeSnapshots(r -> r.restorableByUserIds("all")).snapshots()))
        .contains(id);
    ec2.resetSnapshotAttribute(r -> r.snapshotId(id).attribute("createVolumePermission"));
  }

  @Test
  void fastSnapshotRestoresGoThroughAwsStates() throws InterruptedException {
    String id = snapshot();
    var enabled =
        ec2.enableFastSnapshotRestores(
                r -> r.sourceSnapshotIds(id).availabilityZones("us-east-1a", "us-east-1b"))
            .successful();
    assertThat(enabled)
        .extracting(e -> e.availabilityZone() + "=" + e.stateAsString())
        .containsExactly("us-east-1a=enabling", "us-east-1b=enabling");
    assertThat(enabled.get(0).availabilityZoneId()).isEqualTo("use1-az1");

    Filter mine = Filter.builder().name("snapshot-id").values(id).build();
    Instant deadline = Instant.now().plusSeconds(30);
    List<DescribeFastSnapshotRestoreSuccessItem> seen;
    do {
      Thread.sleep(200);
      seen = ec2.describeFastSnapshotRestores(r -> r.filters(mine)).fastSnapshotRestores();
    } while (!seen.stream().allMatch(s -> s.stateAsString().equals("enabled"))
        && Instant.now().isBefore(deadline));
    assertThat(seen).extracting(s -> s.stateAsString()).containsExactly("enabled", "enabled");
    assertThat(seen.get(0).optimizingTime()).isAfter(seen.get(0).enablingTime());
    assertThat(seen.get(0).enabledTime()).isAfter(seen.get(0).optimizingTime());

    var disabled =
        ec2.disableFastSnapshotRestores(
                r -> r.sourceSnapshotIds(id).availabilityZones("us-east-1a"))
            .successful();
    assertThat(disabled).extracting(d -> d.stateAsString()).containsExactly("disabling");
    assertThat(
            ec2.describeFastSnapshotRestores(
                    r -> r.filters(mine, Filter.builder().name("state").values("enabled").build()))
                .fastSnapshotRestores())
        .extracting(s -> s.availabilityZone())
        .containsExactly("us-east-1b");

    assertError(
        () ->
            ec2.enableFastSnapshotRestores(
                r -> r.sourceSnapshotIds(id).availabilityZones("us-east-1z")),
        "InvalidParameterValue");
    assertError(
        () -> ec2.enableFastSnapshotRestores(r -> r.sourceSnapshotIds(id)), "MissingParameter");
    assertError(
        () ->
            ec2.enableFastSnapshotRestores(
                r -> r.sourceSnapshotIds("snap-0123456789abcdef0").availabilityZones("us-east-1a")),
        "InvalidSnapshot.NotFound");
    assertError(
        () -> ec2.describeFastSnapshotRestores(r -> r.maxResults(201)), "InvalidParameterValue");
  }

  @Test
  void theRecycleBinIsEmptyAndChecksItsInput() {
    assertThat(ec2.listSnapshotsInRecycleBin(r -> {}).snapshots()).isEmpty();
    assertError(() -> ec2.listSnapshotsInRecycleBin(r -> r.maxResults(4)), "InvalidParameterValue");
    assertError(
        () -> ec2.listSnapshotsInRecycleBin(r -> r.snapshotIds("snapshot-1")),
        "InvalidSnapshot.Malformed");
  }

  @Test
  void volumesRecordAutoEnableIo() {
    String id = volume();
    assertThat(
            ec2.describeVolumeAttribute(r -> r.volumeId(id).attribute("autoEnableIO"))
                .autoEnableIO()
                .value())
        .isFalse();
    ec2.modifyVolumeAttribute(r -> r.volumeId(id).autoEnableIO(a -> a.value(true)));
    assertThat(
            ec2.describeVolumeAttribute(r -> r.volumeId(id).attribute("autoEnableIO"))
                .autoEnableIO()
                .value())
        .isTrue();
    assertThat(
            ec2.describeVolumeAttribute(r -> r.volumeId(id).attribute("productCodes"))
                .productCodes())
        .isEmpty();
    assertError(() -> ec2.modifyVolumeAttribute(r -> r.volumeId(id)), "MissingParameter");
    assertError(
        () -> other.describeVolumeAttribute(r -> r.volumeId(id).attribute("autoEnableIO")),
        "InvalidVolume.NotFound");
    ec2.deleteVolume(r -> r.volumeId(id));
  }
}
