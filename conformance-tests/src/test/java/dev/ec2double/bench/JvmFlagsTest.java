package dev.ec2double.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The benchmark measures the server with the JVM flags users get: the README's and the image's. */
class JvmFlagsTest {
  private static final String FLAGS = String.join(" ", Servers.JVM_FLAGS);

  @Test
  void readmeRunCommandHasTheBenchmarkedFlags() throws IOException {
    assertThat(Files.readString(Path.of("..", "README.md")))
        .contains("java " + FLAGS + " -jar server/target/ec2-double.jar");
  }

  @Test
  void imageHasTheBenchmarkedFlagsAndTrainsItsClassArchiveWithThem() throws IOException {
    String dockerfile = Files.readString(Path.of("..", "docker", "Dockerfile"));
    String archive = "/opt/ec2-double/ec2-double.jsa";
    assertThat(dockerfile)
        .contains("ENV JDK_JAVA_OPTIONS=\"" + FLAGS + " -XX:SharedArchiveFile=" + archive + "\"")
        .contains("java -XX:ArchiveClassesAtExit=" + archive + " " + FLAGS + " \\");
  }

  @Test
  void ratioIsNotApplicableWhenThePeerCompletedNothing() {
    assertThat(Benchmarks.ratio(new Wrk.Result(20, 700, 1300), new Wrk.Result(0, 0, 0)))
        .startsWith("n/a");
    assertThat(Benchmarks.ratio(new Wrk.Result(2700, 5, 20), new Wrk.Result(9, 1700, 1900)))
        .isEqualTo("300x");
  }
}
