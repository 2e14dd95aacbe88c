package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command in a running container and collects its output (stdout and stderr) and exit code.
 */
public final class ContainerExec {
  /** What the command printed and how it ended; the exit code is -1 when it did not end in time. */
  public record Result(long exitCode, String output) {}

  private ContainerExec() {}

  public static Result run(DockerClient docker, Duration timeout, String container, String... cmd) {
    return run(docker, timeout, container, java.util.List.of(), cmd);
  }

  /** The same with environment variables ({@code NAME=value}) for the command. */
  public static Result run(
      DockerClient docker,
      Duration timeout,
      String container,
      java.util.List<String> env,
      String... cmd) {
    String execId =
        docker
            .execCreateCmd(container)
            .withCmd(cmd)
            .withEnv(env)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec()
            .getId();
    StringBuilder out = new StringBuilder();
    try {
      docker
          .execStartCmd(execId)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
              })
          .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", cmd), e);
    }
    Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
    return new Result(code == null ? -1 : code, out.toString());
  }
}
