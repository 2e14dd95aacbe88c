package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A machine's disk replaced (EC2's root volume replacement): the engine cannot swap a container's
 * root filesystem, so a new container is made from the image the new disk comes from, with the old
 * one's name, address, MAC, names on its network, limits, environment (its boot files) and volumes
 * directory; the old container goes. Attached volumes stay mounted: they live in the volumes
 * directory on the engine's host, which the new container binds as the old one did.
 */
final class DiskReplacement {
  private static final Logger LOG = LoggerFactory.getLogger(DiskReplacement.class);

  /** The entrypoint's first elements: the shell that unpacks the boot files, then the marker. */
  private static final int BOOT_PREFIX = 4;

  private final DockerClient docker;
  private final Function<String, List<String>> bootCommand;

  DiskReplacement(DockerClient docker, Function<String, List<String>> bootCommand) {
    this.docker = docker;
    this.bootCommand = bootCommand;
  }

  /** Returns the new machine's id once it runs; the old machine is stopped and removed. */
  String replace(String machineId, String imageRef, int graceSeconds) {
    InspectContainerResponse old = docker.inspectContainerCmd(machineId).exec();
    String name = old.getName().replaceFirst("^/", "");
    String parked = name + "-replaced";
    CreateContainerCmd create = recreate(old, name, imageRef);
    try {
      docker.stopContainerCmd(machineId).withTimeout(graceSeconds).exec();
    } catch (NotModifiedException e) {
      LOG.debug("{} was already stopped", name);
    }
    docker.renameContainerCmd(machineId).withName(parked).exec();
    String id = null;
    try {
      id = create.exec().getId();
      docker.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      // the old disk stays: the machine runs again as it was
      if (id != null) {
        docker.removeContainerCmd(id).withForce(true).exec();
      }
      docker.renameContainerCmd(machineId).withName(name).exec();
      docker.startContainerCmd(machineId).exec();
      throw e;
    }
    try {
      docker.removeContainerCmd(machineId).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      LOG.debug("{} was already gone", parked);
    }
    return id;
  }

  private CreateContainerCmd recreate(InspectContainerResponse old, String name, String image) {
    ContainerConfig config = old.getConfig();
    List<String> entrypoint = new ArrayList<>();
    String[] was = config.getEntrypoint();
    for (int i = 0; i < Math.min(BOOT_PREFIX, was == null ? 0 : was.length); i++) {
      entrypoint.add(was[i]);
    }
    entrypoint.addAll(bootCommand.apply(image));
    CreateContainerCmd create =
        docker
            .createContainerCmd(image)
            .withName(name)
            .withHostName(config.getHostName())
            .withLabels(config.getLabels())
            .withEntrypoint(entrypoint)
            .withCmd(List.of())
            .withEnv(config.getEnv())
            .withHostConfig(old.getHostConfig());
    if (config.getDomainName() != null && !config.getDomainName().isEmpty()) {
      create.withDomainName(config.getDomainName());
    }
    Map<String, ContainerNetwork> networks = old.getNetworkSettings().getNetworks();
    ContainerNetwork net = networks.get(old.getHostConfig().getNetworkMode());
    if (net != null) {
      String shortId = old.getId().substring(0, 12);
      List<String> aliases = new ArrayList<>();
      if (net.getAliases() != null) {
        net.getAliases().stream().filter(a -> !a.equals(shortId)).forEach(aliases::add);
      }
      create.withAliases(aliases);
      String ip =
          net.getIpamConfig() != null && net.getIpamConfig().getIpv4Address() != null
              ? net.getIpamConfig().getIpv4Address()
              : net.getIpAddress();
      if (ip != null && !ip.isEmpty()) {
        create.withIpv4Address(ip);
      }
      if (net.getMacAddress() != null && !net.getMacAddress().isEmpty()) {
        create.withMacAddress(net.getMacAddress());
      }
    }
    return create;
  }
}
