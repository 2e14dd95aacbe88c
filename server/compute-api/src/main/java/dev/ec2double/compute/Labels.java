package dev.ec2double.compute;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Labels on every object ec2-double creates on the engine, so that the server that made it, or a
 * later one, can find, adopt or reap it. The EC2 services name the owner of what they ask for with
 * {@link #of}; a backend puts the labels on its objects (the Docker backend as they are, a cluster
 * backend may have to rewrite the keys to its own syntax).
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

  /** The file of a state directory that names its server, the id its objects' labels carry. */
  public static final String STATE_DIR_IDENTITY = "identity";

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

  /**
   * Whether a state directory is seen to have given a server up: its identity file is gone (the
   * directory was deleted) or names another server. When that cannot be told (no permission to
   * look), the directory still claims the server, and a reaper leaves its objects alone.
   */
  public static boolean stateDirAbandons(String stateDir, String serverId) {
    try {
      Path file = Path.of(stateDir).resolve(STATE_DIR_IDENTITY);
      if (Files.notExists(file)) {
        return true;
      }
      return !Files.readString(file, StandardCharsets.US_ASCII).trim().equals(serverId);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
