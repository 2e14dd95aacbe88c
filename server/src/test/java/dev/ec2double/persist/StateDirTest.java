package dev.ec2double.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.compute.Labels;
import dev.ec2double.core.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Tag;

class StateDirTest {
  @TempDir Path dir;

  @Test
  void keepsOneServerIdentityAcrossOpens() {
    String first;
    try (StateDir d = StateDir.open(dir.toString())) {
      first = d.serverId();
    }
    try (StateDir d = StateDir.open(dir.toString())) {
      assertThat(d.serverId()).isEqualTo(first).matches("srv-[0-9a-f]{17}");
    }
  }

  @Test
  void givesItsServerUpOnlyWhenSeenGone() throws Exception {
    String id;
    try (StateDir d = StateDir.open(dir.toString())) {
      id = d.serverId();
    }
    assertThat(Labels.stateDirAbandons(dir.toString(), id)).isFalse();
    assertThat(Labels.stateDirAbandons(dir.toString(), "srv-00000000000000000")).isTrue();
    Files.delete(dir.resolve(StateDir.IDENTITY));
    assertThat(Labels.stateDirAbandons(dir.toString(), id)).isTrue();
  }

  @Test
  void refusesADamagedIdentity() throws Exception {
    Files.writeString(dir.resolve(StateDir.IDENTITY), "not an id");
    assertThatThrownBy(() -> StateDir.open(dir.toString()))
        .hasMessageContaining("identity file")
        .hasMessageContaining("damaged");
  }

  @Test
  void writesAndReadsTheStateWithItsTags() throws Exception {
    StateStore store = new StateStore();
    store
        .region("123456789012", "eu-west-1")
        .tags()
        .add(List.of("vpc-1"), List.of(Tag.builder().key("Name").value("kept").build()));
    StateFile.write(dir, StateFile.encode(store));

    StateStore read = StateFile.read(dir);

    assertThat(read.region("123456789012", "eu-west-1").tags().get("vpc-1"))
        .containsEntry("Name", "kept");
    assertThat(dir.resolve(StateFile.NAME + ".tmp")).doesNotExist();
  }

  @Test
  void triesAFailedWriteAgainWithoutAnotherChange() throws Exception {
    Path blocker = Files.createDirectories(dir.resolve(StateFile.NAME + ".tmp").resolve("x"));
    StateStore store = new StateStore();
    store.region("123456789012", "eu-west-1").tags();
    try (StateWriter writer = new StateWriter(dir, store)) {
      writer.changed();
      Thread.sleep(StateWriter.INTERVAL_MS * 3);
      assertThat(writer.stats()[0]).as("writes while the temporary file cannot be made").isZero();
      Files.delete(blocker);
      Files.delete(blocker.getParent());
      long end = System.nanoTime() + StateWriter.RETRY_MS * 5 * 1_000_000;
      while (writer.stats()[0] == 0 && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertThat(writer.stats()[0]).as("writes once it can").isEqualTo(1);
      assertThat(StateFile.read(dir)).isNotNull();
    }
  }

  @Test
  void readsNothingWhenNothingWasSaved() {
    assertThat(StateFile.read(dir)).isNull();
  }

  @Test
  void refusesAFileThatIsNotAState() throws Exception {
    Files.writeString(dir.resolve(StateFile.NAME), "hello");
    assertThatThrownBy(() -> StateFile.read(dir))
        .hasMessageContaining("not an ec2-double state file")
        .hasMessageContaining("move the state directory away");
  }

  @Test
  void refusesObjectsThatAreNotState() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.write("ec2-double state 1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(new com.github.dockerjava.api.model.ExposedPort(80));
    }
    Files.write(dir.resolve(StateFile.NAME), bytes.toByteArray());

    assertThatThrownBy(() -> StateFile.read(dir)).hasMessageContaining("not ec2-double state");
  }
}
