package dev.ec2double.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * Where Testcontainers' reaper image cannot be had, Ec2DoubleContainer fails at once and names the
 * fix, instead of Testcontainers retrying for minutes. The image names below exist in no registry,
 * so this holds on machines that reach one too.
 */
class ReaperCheckIT {
  private static final String NO_SUCH_IMAGE = "ec2double-test/no-such-reaper:0";

  @Test
  void anImageThatCannotBePulledFailsWithTheFix() {
    DockerClient docker = DockerClientFactory.instance().client();

    assertThatThrownBy(() -> ReaperCheck.available(docker, NO_SUCH_IMAGE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(NO_SUCH_IMAGE)
        .hasMessageContaining("cannot be pulled")
        .hasMessageContaining("TESTCONTAINERS_RYUK_DISABLED=true")
        .hasMessageContaining("docs/testcontainers.md");
  }

  @Test
  void aLocalImageIsEnough() {
    DockerClient docker = DockerClientFactory.instance().client();

    assertThatCode(() -> ReaperCheck.available(docker, "ec2-double/busybox:latest"))
        .doesNotThrowAnyException();
  }

  /**
   * A JVM started as a user's would be, without TESTCONTAINERS_RYUK_DISABLED and with a reaper
   * image that no registry has: the container's start fails with the fix (and does not hang).
   */
  @Test
  void withoutTheVariableTheStartFailsWithTheFix() throws Exception {
    ProcessBuilder probe =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ReaperProbe.class.getName(),
            System.getProperty("ec2double.image", "ec2-double:latest"));
    probe.environment().remove(ReaperCheck.DISABLE);
    probe.environment().put("TESTCONTAINERS_RYUK_CONTAINER_IMAGE", NO_SUCH_IMAGE);
    probe.redirectErrorStream(true);

    long t0 = System.nanoTime();
    Process process = probe.start();
    byte[] out = process.getInputStream().readAllBytes();
    boolean ended = process.waitFor(3, TimeUnit.MINUTES); // a guard, not a measure
    String output = new String(out, StandardCharsets.UTF_8);
    System.out.printf(
        "without %s the start failed after %d ms%n",
        ReaperCheck.DISABLE, (System.nanoTime() - t0) / 1_000_000);

    assertThat(ended).as(output).isTrue();
    assertThat(process.exitValue()).as(output).isEqualTo(3);
    assertThat(List.of(output.split("\n")))
        .as(output)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("failed: ec2-double: Testcontainers needs its reaper image")
                    .contains(NO_SUCH_IMAGE)
                    .contains("TESTCONTAINERS_RYUK_DISABLED=true"));
  }
}
