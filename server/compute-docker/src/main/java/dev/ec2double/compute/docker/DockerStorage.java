package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.PropagationMode;
import com.github.dockerjava.api.model.SELContext;
import com.github.dockerjava.api.model.Volume;
import dev.ec2double.compute.Labels;
import dev.ec2double.compute.VolumePaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Volumes and snapshots as Docker named volumes (labelled, so {@code docker volume ls} shows them
 * and {@link DockerBackend#removeAll()} removes them), attached to running containers without a
 * restart by mount propagation:
 *
 * <ul>
 *   <li>on the engine's host, {@code /var/lib/ec2-double/<server>} is made a shared mount;
 *   <li>every instance container gets its directory {@code <base>/<container name>} bind-mounted at
 *       {@link VolumePaths#ROOT} with {@code rslave} propagation;
 *   <li>attaching bind-mounts the named volume's data directory on {@code <base>/<name>/<dev>} on
 *       the host: the mount propagates into the running container; unmounting takes it away.
 * </ul>
 *
 * The host-side mounts are made in the engine's own mount namespace by a small helper container
 * ({@code --pid=host}, CAP_SYS_ADMIN, {@code nsenter} into dockerd), so this works the same whether
 * the server runs on the engine's host, in a container, or talks to a remote {@code DOCKER_HOST}.
 * The helper runs the image of the first instance launched (every Linux image has {@code sh} and
 * {@code nsenter}); the commands it runs are the host's own.
 */
final class DockerStorage {
  private static final Logger LOG = LoggerFactory.getLogger(DockerStorage.class);
  static final String BASE_ROOT = "/var/lib/ec2-double";
  static final String HELPER_KIND = "storage-helper";

  private final DockerClient docker;
  private final String serverId;
  private final String base;
  private final String helperName;

  private volatile String helperImage;
  private String helperId;
  private String enginePid;

  /** Attachments asked for before the machine existed, applied when it is prepared. */
  private final Map<String, List<String[]>> pending = new ConcurrentHashMap<>();

  /** Machines whose directory exists on the host. */
  private final Set<String> prepared = ConcurrentHashMap.newKeySet();

  /** Stores that may hold files: only those were ever attached or copied from one that was. */
  private final Set<String> written = ConcurrentHashMap.newKeySet();

  private final Map<String, String> mountpoints = new ConcurrentHashMap<>();

  DockerStorage(DockerClient docker, String serverId) {
    this.docker = docker;
    this.serverId = serverId;
    this.base = BASE_ROOT + "/" + serverId;
    this.helperName = "ec2double-storage-" + serverId;
  }

  /**
   * Before a machine is created: its directory on the host, with the volumes attached at launch
   * already mounted in it, as the bind mount to give the container; null when the engine does not
   * allow the helper (the machine then runs without hot-attachable storage).
   */
  Bind prepareMachine(String machineName, String image) {
    try {
      synchronized (this) {
        if (helperImage == null) {
          helperImage = image;
        }
        ensureHelper(); // once: the base directory is a shared mount from then on
      }
      String dir = machineDir(machineName);
      List<String[]> volumes = pending.getOrDefault(machineName, List.of());
      if (!volumes.isEmpty()) {
        StringBuilder script = new StringBuilder("mkdir -p " + dir);
        for (String[] a : volumes) {
          script.append(" && ").append(mountScript(a[0], dir + "/" + VolumePaths.leaf(a[1])));
        }
        host(script.toString());
      }
      // Without volumes at boot nothing needs the host: the engine makes the directory, and as it
      // lies in the shared base, mounts made there later still reach the running container.
      pending.remove(machineName);
      prepared.add(machineName);
      return new Bind(
          dir,
          new Volume(VolumePaths.ROOT),
          AccessMode.rw,
          SELContext.none,
          null,
          PropagationMode.RSLAVE);
    } catch (RuntimeException e) {
      LOG.warn(
          "instance {} runs without attachable volumes: the storage helper failed ({})",
          machineName,
          e.getMessage());
      return null;
    }
  }

  /** After a machine is removed: unmounts what is left in its directory and removes it. */
  void forgetMachine(String machineName) {
    pending.remove(machineName);
    if (prepared.remove(machineName)) {
      String dir = machineDir(machineName);
      host(release(dir) + "true");
    }
  }

  /**
   * A machine a server with the same identity made before a restart: its directory is on the host
   * with the volumes mounted in it (host mounts outlive the server), so attach and detach work on
   * it again. Its image runs the helper if none ran yet.
   */
  void adoptMachine(String machineName, String image) {
    synchronized (this) {
      if (helperImage == null) {
        helperImage = image;
      }
    }
    prepared.add(machineName);
  }

  /** A store made before a restart: it may hold files. */
  void adoptStorage(String name) {
    written.add(name);
  }

  void create(String name, String copyOf, Map<String, String> labels) {
    docker.createVolumeCmd().withName(name).withDriver("local").withLabels(labels).exec();
    if (copyOf != null && written.contains(copyOf)) {
      host("cp -a " + mountpoint(copyOf) + "/. " + mountpoint(name) + "/");
      written.add(name);
    }
  }

  void delete(String name) {
    written.remove(name);
    mountpoints.remove(name);
    try {
      docker.removeVolumeCmd(name).exec();
    } catch (NotFoundException e) {
      LOG.debug("storage {} was already gone", name);
    }
  }

  void attach(String machineName, String name, String device) {
    written.add(name);
    if (!prepared.contains(machineName)) {
      pending.computeIfAbsent(machineName, k -> new ArrayList<>()).add(new String[] {name, device});
      return;
    }
    host(mountScript(name, machineDir(machineName) + "/" + VolumePaths.leaf(device)));
  }

  void detach(String machineName, String name, String device, boolean force) {
    List<String[]> waiting = pending.get(machineName);
    if (waiting != null && waiting.removeIf(a -> a[0].equals(name))) {
      return;
    }
    if (!prepared.contains(machineName)) {
      return;
    }
    String at = machineDir(machineName) + "/" + VolumePaths.leaf(device);
    // A plain unmount fails while a process inside has the volume open; then, as a forced
    // detach, the volume is detached lazily: gone from the path at once, released when unused.
    String umount = force ? "umount -l " + at : "{ umount " + at + " || umount -l " + at + "; }";
    host(
        "if grep -q ' "
            + at
            + " ' /proc/self/mountinfo; then "
            + umount
            + "; fi; rmdir "
            + at
            + " 2>/dev/null; true");
  }

  /** Unmounts and removes everything under the server's directory, the helper, the volumes. */
  void removeAll() {
    pending.clear();
    prepared.clear();
    written.clear();
    mountpoints.clear();
    boolean helperUp;
    synchronized (this) {
      helperUp = helperId != null;
    }
    if (helperUp) {
      try {
        host(release(base) + "rmdir " + BASE_ROOT + " 2>/dev/null; true");
      } catch (RuntimeException e) {
        LOG.warn("could not unmount the volumes under {}: {}", base, e.getMessage());
      }
    }
    synchronized (this) {
      if (helperId != null) {
        try {
          docker.removeContainerCmd(helperId).withForce(true).exec();
        } catch (NotFoundException e) {
          LOG.debug("storage helper was already gone");
        }
        helperId = null;
        enginePid = null;
      }
    }
    EngineVolumes.labelled(docker, Labels.SERVER + "=" + serverId)
        .forEach(v -> delete(v.getName()));
  }

  private String machineDir(String machineName) {
    return base + "/" + machineName;
  }

  private String mountScript(String name, String at) {
    return "mkdir -p " + at + " && mount --bind " + mountpoint(name) + " " + at;
  }

  /**
   * A script that unmounts a directory and every mount below it, deepest first (lazily: nothing may
   * keep them), then removes the directories left empty (never a recursive delete, so a mount still
   * in place loses nothing).
   *
   * @param dir a path, or a shell expression for one such as {@code $d}
   */
  private static String release(String dir) {
    return "for m in $(cut -d' ' -f5 /proc/self/mountinfo | grep \"^"
        + dir
        + "\\(/\\|$\\)\" | sort -r); do umount -l \"$m\"; done; [ -d \""
        + dir
        + "\" ] && find \""
        + dir
        + "\" -depth -type d -exec rmdir {} + 2>/dev/null; ";
  }

  /**
   * For the watchdog, which runs on the server's host when the server is killed: unmounts the
   * server's directory and what is mounted in it, directly (no helper), and removes the empty
   * directories. Does nothing where that directory is not a mount of this host (a remote engine, a
   * server in a container) or the process may not unmount.
   */
  static void unmountOnThisHost(String serverId) {
    String base = BASE_ROOT + "/" + serverId;
    try {
      Process p =
          new ProcessBuilder("sh", "-c", release(base) + "true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.io.IOException e) {
      LOG.debug("could not unmount {}: {}", base, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Unmounts and removes the directories under {@link #BASE_ROOT} of servers that have nothing left
   * on the engine (killed before they could unmount theirs: the reaper removed their containers).
   */
  private static String unmountGone(java.util.Set<String> liveServers) {
    return "for d in "
        + BASE_ROOT
        + "/srv-*; do [ -d \"$d\" ] || continue; case ' "
        + String.join(" ", liveServers)
        + " ' in *\" ${d##*/} \"*) continue;; esac; "
        + release("$d")
        + "done; true";
  }

  private String mountpoint(String name) {
    return mountpoints.computeIfAbsent(
        name, n -> docker.inspectVolumeCmd(n).exec().getMountpoint());
  }

  /** Runs a shell script in the engine host's mount namespace. */
  private void host(String script) {
    String helper;
    String pid;
    synchronized (this) {
      ensureHelper();
      helper = helperId;
      pid = enginePid;
    }
    ContainerExec.Result r =
        exec(helper, "sh", "-c", "exec nsenter -t \"$0\" -m -- /bin/sh -c \"$1\"", pid, script);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(
          "storage command failed (" + r.exitCode() + "): " + script + ": " + r.output().trim());
    }
  }

  private void ensureHelper() {
    if (helperId != null) {
      return;
    }
    if (helperImage == null) {
      throw new IllegalStateException("no instance has been launched yet to run the helper");
    }
    String id;
    try {
      id =
          HostHelpers.start(
              docker,
              serverId,
              helperName,
              HELPER_KIND,
              helperImage,
              Capability.SYS_ADMIN,
              Capability.SYS_PTRACE,
              Capability.SYS_CHROOT);
    } catch (ConflictException e) {
      throw new IllegalStateException("storage helper name taken: " + helperName, e);
    }
    String pid = HostHelpers.enginePid(docker, id);
    helperId = id;
    enginePid = pid;
    try {
      host(
          "mkdir -p "
              + base
              + " && { grep -q ' "
              + base
              + " ' /proc/self/mountinfo || mount --bind "
              + base
              + " "
              + base
              + "; } && mount --make-rshared "
              + base
              + " && { "
              + unmountGone(Reaper.liveServers(docker, serverId))
              + "; }");
    } catch (RuntimeException e) {
      docker.removeContainerCmd(id).withForce(true).exec();
      helperId = null;
      throw e;
    }
    LOG.info("storage helper {} up (image {}, engine pid {})", helperName, helperImage, enginePid);
  }

  private ContainerExec.Result exec(String container, String... cmd) {
    return ContainerExec.run(docker, Duration.ofMinutes(10), container, cmd);
  }
}
