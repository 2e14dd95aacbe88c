package dev.ec2double.it.instances;

import com.github.dockerjava.api.DockerClient;
import dev.ec2double.compute.docker.ContainerExec;
import java.time.Duration;

/** Runs a command in a container, as a test looking inside an instance. */
public final class Exec {
  private Exec() {}

  public static String run(DockerClient docker, String container, String... cmd) {
    return ContainerExec.run(docker, Duration.ofSeconds(30), container, cmd).output();
  }
}
