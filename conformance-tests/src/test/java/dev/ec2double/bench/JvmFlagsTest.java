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
  void imageHasTheBenchmarkedFlagsAndTrainsItsClassCacheWithThem() throws IOException {
    String dockerfile = Files.readString(Path.of("..", "docker", "Dockerfile"));
    String flags = "ENV JDK_JAVA_OPTIONS=\"" + FLAGS + "\"";
    String training = "RUN bash /opt/ec2-double/start.sh --train";
    assertThat(dockerfile).contains(flags).contains(training);
    // the training start runs with the flags of every later start: set before it
    assertThat(dockerfile.indexOf(flags)).isLessThan(dockerfile.indexOf(training));
    assertThat(Files.readString(Path.of("..", "docker", "start.sh")))
        .contains("-XX:AOTCacheOutput=$dir/ec2-double.aot")
        .contains("-XX:AOTCache=$dir/ec2-double.aot")
        .contains("-XX:ArchiveClassesAtExit=$dir/ec2-double.jsa")
        .contains("-XX:SharedArchiveFile=$dir/ec2-double.jsa");
  }

  @Test
  void ratioIsNotApplicableWhenThePeerCompletedNothing() {
    assertThat(Benchmarks.ratio(new Wrk.Result(20, 700, 1300), new Wrk.Result(0, 0, 0)))
        .startsWith("n/a");
    assertThat(Benchmarks.ratio(new Wrk.Result(2700, 5, 20), new Wrk.Result(9, 1700, 1900)))
        .isEqualTo("300x");
  }
}
