package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Capability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small container that runs the engine host's own {@code iptables} in the engine's network and
 * mount namespaces ({@code --pid=host}, {@code nsenter} into dockerd), for a server that cannot do
 * it itself: the standalone image, whose container has the engine's socket but neither the host's
 * network namespace nor NET_ADMIN. It runs the server's own image (which has {@code sh} and {@code
 * nsenter}), carries the server's labels (the reaper removes it with the rest) and goes when the
 * server closes.
 */
final class HostNetHelper implements Iptables.Shell, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HostNetHelper.class);
  static final String KIND = "net-helper";

  /** Commands run as {@code sh -c SCRIPT sh ARGS...}; the standard input travels in a variable. */
  private static final String SCRIPT =
      "pid=$0; if [ -n \"$EC2D_INPUT\" ]; then printf '%s' \"$EC2D_INPUT\""
          + " | nsenter -t \"$pid\" -m -n -- \"$@\"; else nsenter -t \"$pid\" -m -n -- \"$@\"; fi";

  private final DockerClient docker;
  private final String id;
  private final String enginePid;

  private HostNetHelper(DockerClient docker, String id, String enginePid) {
    this.docker = docker;
    this.id = id;
    this.enginePid = enginePid;
  }

  /** Starts the helper from an image the engine has; throws when the engine refuses it. */
  static HostNetHelper start(DockerClient docker, String serverId, String image) {
    String id =
        HostHelpers.start(
            docker,
            serverId,
            "ec2double-net-" + serverId,
            KIND,
            image,
            Capability.SYS_ADMIN,
            Capability.SYS_PTRACE,
            Capability.NET_ADMIN,
            Capability.NET_RAW);
    try {
      String enginePid = HostHelpers.enginePid(docker, id);
      LOG.info(
          "network helper {} up (image {}, engine pid {})", id.substring(0, 12), image, enginePid);
      return new HostNetHelper(docker, id, enginePid);
    } catch (RuntimeException e) {
      removeQuietly(docker, id);
      throw e;
    }
  }

  @Override
  public Iptables.Result exec(List<String> cmd, String input) {
    List<String> full = new ArrayList<>(List.of("sh", "-c", SCRIPT, enginePid));
    full.addAll(cmd);
    return exec(docker, id, input, full.toArray(String[]::new));
  }

  private static Iptables.Result exec(
      DockerClient docker, String container, String input, String... cmd) {
    try {
      ContainerExec.Result r =
          ContainerExec.run(
              docker,
              Duration.ofSeconds(30),
              container,
              input == null ? List.of() : List.of("EC2D_INPUT=" + input),
              cmd);
      return new Iptables.Result((int) r.exitCode(), r.output().trim());
    } catch (RuntimeException e) {
      return new Iptables.Result(-1, String.valueOf(e.getMessage()));
    }
  }

  private static void removeQuietly(DockerClient docker, String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).exec();
    } catch (RuntimeException e) {
      LOG.debug("network helper {} was already gone", id);
    }
  }

  @Override
  public void close() {
    removeQuietly(docker, id);
  }
}
