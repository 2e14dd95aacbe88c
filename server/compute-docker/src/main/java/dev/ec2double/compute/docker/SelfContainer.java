package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.ec2double.compute.Labels;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this server runs in a container of the engine it drives, and which: a container whose id
 * starts with this machine's hostname (Docker's default hostname) and whose hostname is ours.
 * Machines that only look like containers (a {@code /.dockerenv} on a VM) are not matched.
 */
final class SelfContainer {
  private static volatile String id;
  private static volatile boolean known;

  private SelfContainer() {}

  static String id(DockerClient docker) {
    if (!known) {
      id = find(docker);
      known = true;
    }
    return id;
  }

  private static String find(DockerClient docker) {
    String hostname = Labels.host();
    if (!Files.exists(Path.of("/.dockerenv")) || !hostname.matches("[0-9a-f]{12,64}")) {
      return null;
    }
    try {
      InspectContainerResponse c = docker.inspectContainerCmd(hostname).exec();
      return hostname.equals(c.getConfig().getHostName()) ? c.getId() : null;
    } catch (RuntimeException notOurs) {
      return null;
    }
  }
}
