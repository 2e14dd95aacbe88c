package dev.ec2double.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The AWS CLI v2 (botocore) run against the test server with throwaway credentials and no user
 * configuration. One call costs about a second, so ITs make few.
 */
public final class AwsCli {
  private static final Path AWS = Path.of("/usr/bin/aws");

  public record Run(int exit, String stdout, String stderr) {}

  private AwsCli() {}

  /** Fails under CI without the CLI; skips elsewhere. */
  public static void requireInstalled(String who) {
    if (!Files.isExecutable(AWS)) {
      if ("true".equals(System.getenv("CI"))) {
        fail(
            who
                + " needs the AWS CLI v2 at /usr/bin/aws (Debian package awscli);"
                + " .ci/run installs it: apt-get install awscli");
      }
      Assumptions.abort("AWS CLI not installed at /usr/bin/aws (apt-get install awscli)");
    }
  }

  /** Runs the CLI as {@link #run} does, fails unless it exits 0, and reads its JSON output. */
  public static com.fasterxml.jackson.databind.JsonNode json(String region, String... args)
      throws Exception {
    Run run = run(region, args);
    if (run.exit() != 0) {
      fail("aws " + String.join(" ", args) + " exited " + run.exit() + ": " + run.stderr());
    }
    com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper();
    return run.stdout().isBlank() ? mapper.createObjectNode() : mapper.readTree(run.stdout());
  }

  /** Runs {@code aws ARGS --endpoint-url SERVER --region REGION --output json}. */
  public static Run run(String region, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(AWS.toString()));
    cmd.addAll(List.of(args));
    cmd.addAll(
        List.of(
            "--endpoint-url",
            TestServer.endpoint().toString(),
            "--region",
            region,
            "--output",
            "json"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "secret");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_PAGER", "");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    File out = File.createTempFile("aws-out", ".txt");
    File err = File.createTempFile("aws-err", ".txt");
    try {
      Process p = pb.redirectOutput(out).redirectError(err).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("aws " + String.join(" ", args) + " did not finish in 60 s");
      }
      return new Run(
          p.exitValue(),
          Files.readString(out.toPath(), StandardCharsets.UTF_8),
          Files.readString(err.toPath(), StandardCharsets.UTF_8));
    } finally {
      out.delete();
      err.delete();
    }
  }
}
