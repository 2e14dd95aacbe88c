package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import dev.ec2double.compute.Labels;
import java.time.Duration;
import java.util.List;

/**
 * The helper containers that act on the engine's host for a server (its storage mounts, its packet
 * filter): idle containers in the host's PID namespace, with no network, in which commands run with
 * {@code nsenter} into dockerd's namespaces, so that the host's own tools run there.
 */
final class HostHelpers {
  private HostHelpers() {}

  /**
   * Creates and starts a helper (removing one of that name left from before); returns its id.
   *
   * @throws com.github.dockerjava.api.exception.ConflictException when the name is taken meanwhile
   */
  static String start(
      DockerClient docker,
      String serverId,
      String name,
      String kind,
      String image,
      Capability... capabilities) {
    try {
      docker.removeContainerCmd(name).withForce(true).exec();
    } catch (NotFoundException e) {
      // the usual case: none left from before
    }
    HostConfig host =
        HostConfig.newHostConfig()
            .withPidMode("host")
            .withNetworkMode("none")
            .withInit(true)
            .withCapAdd(capabilities);
    String id =
        docker
            .createContainerCmd(image)
            .withName(name)
            .withLabels(Labels.of(serverId, "-", "-", name, kind))
            .withEntrypoint(
                "sh", "-c", "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done")
            .withCmd(List.of())
            .withHostConfig(host)
            .exec()
            .getId();
    docker.startContainerCmd(id).exec();
    return id;
  }

  /** The process id of dockerd as the helper sees it (the host's init, 1, if none is found). */
  static String enginePid(DockerClient docker, String helperId) {
    ContainerExec.Result pid =
        ContainerExec.run(
            docker,
            Duration.ofMinutes(1),
            helperId,
            "sh",
            "-c",
            "for p in /proc/[0-9]*; do [ \"$(cat $p/comm 2>/dev/null)\" = dockerd ]"
                + " && { echo ${p#/proc/}; exit 0; }; done; echo 1");
    return pid.output().trim().isEmpty() ? "1" : pid.output().trim();
  }
}
