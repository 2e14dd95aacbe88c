package dev.ec2double.compute.docker;

import java.util.HashMap;
import java.util.Map;

/**
 * Labels on every object ec2-double creates on the engine, so that the server that made it, or a
 * later one, can find, adopt or reap it.
 */
public final class Labels {
  public static final String SERVER = "dev.ec2double.server";
  public static final String OWNER_PID = "dev.ec2double.owner-pid";
  public static final String OWNER_HOST = "dev.ec2double.owner-host";
  public static final String ACCOUNT = "dev.ec2double.account";
  public static final String REGION = "dev.ec2double.region";
  public static final String RESOURCE = "dev.ec2double.resource";
  public static final String KIND = "dev.ec2double.kind";

  /**
   * The state directory of a server that saves its state ({@code --state-dir}): while that
   * directory names the server, its objects are kept for it, whatever became of its process.
   */
  public static final String STATE_DIR = "dev.ec2double.state-dir";

  private static final Map<String, String> STATE_DIRS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Labels() {}

  /** The machine (or container) the server runs on, as its owner processes are named there. */
  public static String host() {
    String h = System.getenv("HOSTNAME");
    if (h == null || h.isBlank()) {
      try {
        h = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        h = "unknown";
      }
    }
    return h;
  }

  /** From now on, the objects of this server carry its state directory. */
  public static void persistentAt(String serverId, String stateDir) {
    STATE_DIRS.put(serverId, stateDir);
  }

  public static Map<String, String> of(
      String serverId, String account, String region, String resourceId, String kind) {
    Map<String, String> labels = new HashMap<>();
    labels.put(SERVER, serverId);
    String stateDir = STATE_DIRS.get(serverId);
    if (stateDir != null) {
      // no owner process: the objects outlive it, kept for whoever starts with the directory
      labels.put(STATE_DIR, stateDir);
    } else {
      labels.put(OWNER_PID, Long.toString(ProcessHandle.current().pid()));
    }
    labels.put(OWNER_HOST, host());
    labels.put(ACCOUNT, account);
    labels.put(REGION, region);
    labels.put(RESOURCE, resourceId);
    labels.put(KIND, kind);
    return labels;
  }

  /** The engine's volumes that carry a label ({@code key} or {@code key=value}); never null. */
  static java.util.List<com.github.dockerjava.api.command.InspectVolumeResponse> volumes(
      com.github.dockerjava.api.DockerClient docker, String label) {
    var volumes =
        docker.listVolumesCmd().withFilter("label", java.util.List.of(label)).exec().getVolumes();
    return volumes == null ? java.util.List.of() : volumes;
  }
}
