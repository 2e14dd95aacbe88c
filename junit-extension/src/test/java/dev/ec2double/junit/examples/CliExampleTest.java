package dev.ec2double.junit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ec2double.junit.Ec2DoubleRuntimeInfo;
import dev.ec2double.junit.Ec2Test;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

@Ec2Test
class CliExampleTest {
  @Test
  void runsTheAwsCliAgainstTheServer(Ec2DoubleRuntimeInfo info) throws Exception {
    assumeTrue("true".equals(System.getenv("CI")) || onPath("aws"), "the AWS CLI is not installed");
    // tag::cli[]
    // --endpoint-url, not only AWS_ENDPOINT_URL: CLIs before v2.13 ignore the variable
    ProcessBuilder aws =
        new ProcessBuilder(
            "aws", "--endpoint-url", info.endpoint().toString(), "ec2", "describe-regions");
    aws.redirectErrorStream(true);
    aws.environment().putAll(info.environment());
    aws.environment().put("AWS_DEFAULT_OUTPUT", "text");
    Process process = aws.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor()).as(output).isZero();
    assertThat(output).contains("us-east-1");
    // end::cli[]
  }

  private static boolean onPath(String command) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
