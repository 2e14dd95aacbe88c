package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import java.util.List;

/** Questions about the engine's volumes. */
final class EngineVolumes {
  private EngineVolumes() {}

  /** The engine's volumes that carry a label ({@code key} or {@code key=value}); never null. */
  static List<InspectVolumeResponse> labelled(DockerClient docker, String label) {
    var volumes = docker.listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes();
    return volumes == null ? List.of() : volumes;
  }
}
