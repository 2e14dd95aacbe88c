package dev.ec2double.compute.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.Labels;
import org.junit.jupiter.api.Test;

/**
 * The owner comment on a server's jump from DOCKER-USER: another server's reaper keeps the chains
 * of a process that still runs, even when it has nothing on the engine at that moment.
 */
class ChainOwnerTest {
  private static String jump(String comment) {
    return "-A DOCKER-USER -m comment --comment " + comment + " -j EC2D-0123456789ab";
  }

  @Test
  void thisProcessOwnsItsJumpWhileItRuns() {
    assertThat(HostPacketFilter.ownerAlive(jump(HostPacketFilter.owner()))).isTrue();
    assertThat(HostPacketFilter.ownerAlive(jump("\"" + HostPacketFilter.owner() + "\"")))
        .as("as iptables -S quotes it")
        .isTrue();
  }

  @Test
  void aProcessThatEndedOwnsNothing() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    String gone = "ec2double-owner=" + Labels.host() + "/" + p.pid();
    assertThat(HostPacketFilter.ownerAlive(jump(gone))).isFalse();
  }

  @Test
  void anotherHostsOrAnOldJumpSaysNothingAboutLife() {
    long self = ProcessHandle.current().pid();
    assertThat(HostPacketFilter.ownerAlive(jump("ec2double-owner=elsewhere/" + self))).isFalse();
    assertThat(HostPacketFilter.ownerAlive("-A DOCKER-USER -j EC2D-0123456789ab")).isFalse();
  }

  @Test
  void theDeletionOfAJumpRepeatsItsMatch() {
    assertThat(HostPacketFilter.jumpArgs(jump("\"ec2double-owner=h/12\"")))
        .containsExactly(
            "-D",
            "DOCKER-USER",
            "-m",
            "comment",
            "--comment",
            "ec2double-owner=h/12",
            "-j",
            "EC2D-0123456789ab");
  }
}
