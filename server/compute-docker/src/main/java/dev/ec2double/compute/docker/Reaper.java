package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.ec2double.compute.Labels;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, removes what servers that died without cleaning up (kill -9, a killed test JVM) left on
 * the engine: objects whose owner process ran on this host and is gone. Objects of servers that
 * still run, here or elsewhere, are left alone, and so are those a state directory ({@code
 * --state-dir}) still claims: a server started with it adopts them.
 */
final class Reaper {
  private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

  /**
   * The servers of this process that have not closed. A test JVM runs several servers one after
   * another: the process of a closed one is still alive, so its pid alone cannot say it is gone.
   */
  private static final java.util.Set<String> OPEN_HERE =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Reaper() {}

  static void opened(String serverId) {
    OPEN_HERE.add(serverId);
  }

  static void closed(String serverId) {
    OPEN_HERE.remove(serverId);
  }

  static int reap(DockerClient docker) {
    String host = Labels.host();
    int reaped = 0;
    List<Container> containers =
        docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(Labels.SERVER)).exec();
    java.util.Set<String> goneServers = new java.util.HashSet<>();
    for (Container c : containers) {
      if (orphan(docker, c.getLabels(), host)) {
        goneServers.add(c.getLabels().get(Labels.SERVER));
        try {
          docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
          reaped++;
        } catch (NotFoundException gone) {
          // removed meanwhile
        }
      }
    }
    reaped += reapNetworks(docker);
    // what the dead servers had mounted on this host for their volumes (their containers are gone),
    // then their volumes
    goneServers.forEach(DockerStorage::unmountOnThisHost);
    for (var v : EngineVolumes.labelled(docker, Labels.SERVER)) {
      if (orphan(docker, v.getLabels(), host)) {
        try {
          docker.removeVolumeCmd(v.getName()).exec();
          reaped++;
        } catch (RuntimeException inUse) {
          LOG.debug("volume {} still in use", v.getName());
        }
      }
    }
    if (reaped > 0) {
      LOG.info("removed {} containers, networks and volumes left by servers that are gone", reaped);
    }
    return reaped;
  }

  /**
   * Removes the networks of servers that are gone (a dead process, or a closed server of this one)
   * and that nothing uses any more. Also run when a server stops: the shared default VPC network is
   * labelled with the server that made it, and when that server stops while others still have
   * instances on it, the network outlives it; the last server to leave it removes it then, instead
   * of leaving it until the next server starts.
   */
  static int reapNetworks(DockerClient docker) {
    String host = Labels.host();
    int reaped = 0;
    for (Network n : docker.listNetworksCmd().exec()) {
      if (n.getLabels() != null && orphan(docker, n.getLabels(), host)) {
        try {
          docker.removeNetworkCmd(n.getId()).exec();
          reaped++;
        } catch (RuntimeException inUse) {
          LOG.debug("network {} still in use", n.getName());
        }
      }
    }
    return reaped;
  }

  /** Docker names a container's host after its id: such an owner that no longer exists is gone. */
  private static boolean ownerWasAContainerThatIsGone(DockerClient docker, String owner) {
    if (!owner.matches("[0-9a-f]{12,64}")) {
      return false;
    }
    try {
      docker.inspectContainerCmd(owner).exec();
      return false;
    } catch (NotFoundException gone) {
      return true;
    }
  }

  /**
   * The servers that still have containers, networks or volumes on the engine, and this one. A
   * server has a network (with its metadata route and packet filter chains) before its first
   * container: counting only containers would take its chains away in that moment.
   */
  static java.util.Set<String> liveServers(DockerClient docker, String self) {
    java.util.Set<String> live = new java.util.HashSet<>();
    live.add(self);
    for (Container c :
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(List.of(Labels.SERVER))
            .exec()) {
      if (c.getLabels() != null && c.getLabels().get(Labels.SERVER) != null) {
        live.add(c.getLabels().get(Labels.SERVER));
      }
    }
    for (Network n : docker.listNetworksCmd().exec()) {
      if (n.getLabels() != null && n.getLabels().get(Labels.SERVER) != null) {
        live.add(n.getLabels().get(Labels.SERVER));
      }
    }
    for (var v : EngineVolumes.labelled(docker, Labels.SERVER)) {
      if (v.getLabels() != null && v.getLabels().get(Labels.SERVER) != null) {
        live.add(v.getLabels().get(Labels.SERVER));
      }
    }
    return live;
  }

  private static boolean orphan(DockerClient docker, Map<String, String> labels, String host) {
    if (labels == null || !labels.containsKey(Labels.SERVER)) {
      return false;
    }
    String owner = labels.get(Labels.OWNER_HOST);
    if (owner != null && !owner.equals(host) && ownerWasAContainerThatIsGone(docker, owner)) {
      return true; // a server in a container of this engine (the image), killed with it
    }
    String stateDir = labels.get(Labels.STATE_DIR);
    if (stateDir != null) {
      // kept for the next server with that state directory, for as long as it names the server
      return host.equals(owner) && Labels.stateDirAbandons(stateDir, labels.get(Labels.SERVER));
    }
    String pid = labels.get(Labels.OWNER_PID);
    if (pid == null || !host.equals(owner)) {
      return false;
    }
    try {
      long ownerPid = Long.parseLong(pid);
      if (ownerPid == ProcessHandle.current().pid()) {
        return !OPEN_HERE.contains(labels.get(Labels.SERVER));
      }
      return ProcessHandle.of(ownerPid).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
