package dev.ec2double.ec2.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import org.junit.jupiter.api.Test;

class VolumeTypesTest {
  private static String refusal(String type, int size, Integer iops, Integer throughput) {
    try {
      VolumeTypes.check(type, size, iops, throughput);
    } catch (AwsException e) {
      return e.code() + ": " + e.getMessage();
    }
    throw new AssertionError("accepted");
  }

  @Test
  void gp3KeepsItsBaselineAtAnySize() {
    // what Ansible's ec2_vol sends: a 1 GiB gp3 volume with Iops=3000
    assertThat(VolumeTypes.check("gp3", 1, 3000, null).iops()).isEqualTo(3000);
    assertThat(VolumeTypes.check("gp3", 1, null, null).iops()).isEqualTo(3000);
    assertThat(VolumeTypes.check("gp3", 6, 3000, 125).throughput()).isEqualTo(125);
  }

  @Test
  void gp3AboveItsBaselineIsLimitedTo500IopsPerGib() {
    assertThat(refusal("gp3", 1, 3001, null))
        .isEqualTo(
            "InvalidParameterValue: Volume iops of 3001 is too high; maximum is 3000 for a 1GiB"
                + " gp3 volume (500 IOPS per GiB).");
    assertThat(VolumeTypes.check("gp3", 8, 4000, null).iops()).isEqualTo(4000);
    assertThat(refusal("gp3", 8, 4001, null)).contains("maximum is 4000");
    assertThat(VolumeTypes.check("gp3", 32, 16000, null).iops()).isEqualTo(16000);
    assertThat(refusal("gp3", 100, 16001, null)).contains("Expected a value from 3000 to 16000");
    assertThat(refusal("gp3", 100, 2999, null)).contains("Expected a value from 3000 to 16000");
  }

  @Test
  void gp3ThroughputIsAtMostAQuarterMibPerIops() {
    assertThat(VolumeTypes.check("gp3", 10, 3000, 750).throughput()).isEqualTo(750);
    assertThat(refusal("gp3", 10, 3000, 751))
        .isEqualTo(
            "InvalidParameterValue: Throughput (MiBps) to iops ratio of 0.250333 is too high;"
                + " maximum is 0.250000 MiBps per iops.");
    assertThat(refusal("gp3", 10, null, 1000)).contains("ratio of 0.333333");
    assertThat(VolumeTypes.check("gp3", 8, 4000, 1000).throughput()).isEqualTo(1000);
    assertThat(refusal("gp3", 100, 16000, 1001)).contains("Expected a value from 125 to 1000");
    assertThat(refusal("gp3", 100, 16000, 124)).contains("Expected a value from 125 to 1000");
  }

  @Test
  void provisionedIopsTypesHaveNoBaseline() {
    assertThat(VolumeTypes.check("io1", 4, 200, null).iops()).isEqualTo(200);
    assertThat(refusal("io1", 4, 201, null)).contains("maximum is 200 for a 4GiB io1 volume");
    assertThat(refusal("io1", 4, 99, null)).contains("Expected a value from 100 to 64000");
    assertThat(refusal("io1", 4, null, null)).startsWith("MissingParameter");
    assertThat(VolumeTypes.check("io2", 4, 4000, null).iops()).isEqualTo(4000);
    assertThat(refusal("io2", 4, 4001, null)).contains("maximum is 4000");
    assertThat(refusal("io1", 10, 500, 125)).startsWith("InvalidParameterCombination");
  }

  @Test
  void otherTypesTakeNoIops() {
    assertThat(VolumeTypes.check("gp2", 1, null, null).iops()).isEqualTo(100);
    assertThat(VolumeTypes.check("gp2", 1000, null, null).iops()).isEqualTo(3000);
    assertThatThrownBy(() -> VolumeTypes.check("gp2", 10, 3000, null))
        .hasMessageContaining("not supported for gp2");
    assertThatThrownBy(() -> VolumeTypes.check("st1", 125, null, 250))
        .hasMessageContaining("throughput is not supported for st1");
  }
}
