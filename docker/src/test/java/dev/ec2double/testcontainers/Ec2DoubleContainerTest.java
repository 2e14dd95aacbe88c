package dev.ec2double.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.server.Option;
import org.junit.jupiter.api.Test;

class Ec2DoubleContainerTest {
  @Test
  void setsTheBackendThroughTheServersOwnVariable() {
    Ec2DoubleContainer container = new Ec2DoubleContainer("ec2-double:test").withBackend("mock");

    assertThat(container.getEnvMap()).containsEntry(Option.BACKEND.env(), "mock");
  }

  @Test
  void rejectsAnUnknownBackend() {
    assertThatThrownBy(() -> new Ec2DoubleContainer("ec2-double:test").withBackend("kvm"))
        .hasMessageContaining("docker, mock or auto");
  }

  @Test
  void namesTheVariablesTheServerReads() {
    assertThat(Option.AMI.env()).isEqualTo("EC2DOUBLE_AMI");
    assertThat(Option.BACKEND.env()).isEqualTo("EC2DOUBLE_BACKEND");
    assertThat(Integer.parseInt(Option.PORT.defaultValue())).isEqualTo(Ec2DoubleContainer.PORT);
  }

  @Test
  void looksForTheReaperImageTestcontainersStarts() throws Exception {
    try (var in =
        org.testcontainers.DockerClientFactory.class.getResourceAsStream(
            "/org/testcontainers/utility/RyukContainer.class")) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
          .as("RyukContainer's image; on a Testcontainers upgrade, update ReaperCheck.RYUK_IMAGE")
          .contains(ReaperCheck.RYUK_IMAGE);
    }
  }
}
