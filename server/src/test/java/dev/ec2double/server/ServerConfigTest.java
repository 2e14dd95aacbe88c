package dev.ec2double.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @Test
  void takesTheFlagOverTheEnvironmentOverTheDefault() {
    ServerConfig fromEnv =
        ServerConfig.builder(Map.of("EC2DOUBLE_PORT", "5001", "EC2DOUBLE_BACKEND", "mock")).build();
    ServerConfig flagWins =
        ServerConfig.builder(Map.of("EC2DOUBLE_PORT", "5001")).port(5002).build();

    assertThat(fromEnv.port()).isEqualTo(5001);
    assertThat(fromEnv.backend()).isEqualTo("mock");
    assertThat(flagWins.port()).isEqualTo(5002);
    assertThat(ServerConfig.builder(Map.of()).build().host()).isEqualTo("127.0.0.1");
  }

  @Test
  void readsRepeatedAmiFlagsAndCommaSeparatedMappings() {
    ServerConfig cli =
        Main.parse(
            new String[] {"--ami", "ami-11111111=a:1", "--ami=ami-22222222=b", "--port", "0"});
    ServerConfig env =
        ServerConfig.builder(Map.of("EC2DOUBLE_AMI", "ami-11111111=a:1, ami-22222222=b")).build();

    assertThat(cli.amis())
        .containsExactly(Map.entry("ami-11111111", "a:1"), Map.entry("ami-22222222", "b"));
    assertThat(env.amis()).isEqualTo(cli.amis());
  }

  @Test
  void readsAmiMappingsFromAFileWithCommentsAndLetsFlagsWin(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("amis.txt");
    Files.writeString(file, "# local images\nami-11111111=from/file:1\n\nami-33333333=c # note\n");

    ServerConfig config =
        Main.parse(new String[] {"--ami-file", file.toString(), "--ami", "ami-11111111=flag"});

    assertThat(config.amis())
        .containsExactly(Map.entry("ami-11111111", "flag"), Map.entry("ami-33333333", "c"));
    assertThatThrownBy(
            () -> Main.parse(new String[] {"--ami-file", dir.resolve("nope").toString()}))
        .hasMessageContaining("cannot read ami-file");
  }

  @Test
  void refusesBadValuesWithAMessageThatSaysWhy() {
    assertThatThrownBy(() -> Main.parse(new String[] {"--port", "http"}))
        .hasMessageContaining("port must be a number");
    assertThatThrownBy(() -> Main.parse(new String[] {"--backend", "kvm"}))
        .hasMessageContaining("backend must be docker, mock or auto");
    assertThatThrownBy(() -> Main.parse(new String[] {"--ami", "ubuntu"}))
        .hasMessageContaining("ami-ID=IMAGE");
    assertThatThrownBy(() -> Main.parse(new String[] {"--colour", "red"}))
        .hasMessageContaining("unknown option --colour");
  }

  @Test
  void returnsNullForHelp() {
    assertThat(Main.parse(new String[] {"--help"})).isNull();
  }
}
