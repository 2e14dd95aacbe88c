package dev.ec2double.compute.docker;

import com.github.dockerjava.api.DockerClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands through a {@link HostNetHelper} that starts at the first command, not with the
 * server (the standalone image's start stays as quick as it was). When the helper cannot start,
 * every command fails with why, and the server says once that instances can reach the host's
 * metadata service.
 */
final class HelperShell implements Iptables.Shell, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HelperShell.class);

  private final DockerClient docker;
  private final String serverId;
  private final String image;
  private final Runnable afterStart;
  private HostNetHelper helper;
  private String failed;

  /**
   * @param afterStart runs once the helper is up (through this shell)
   */
  HelperShell(DockerClient docker, String serverId, String image, Runnable afterStart) {
    this.docker = docker;
    this.serverId = serverId;
    this.image = image;
    this.afterStart = afterStart;
  }

  @Override
  public synchronized Iptables.Result exec(List<String> cmd, String input) {
    if (failed == null && helper == null) {
      try {
        helper = HostNetHelper.start(docker, serverId, image);
        Iptables.Result r = helper.exec(List.of("iptables", "--wait", "-S", "DOCKER-USER"), null);
        if (!r.ok()) {
          throw new IllegalStateException("iptables -S DOCKER-USER failed there: " + r.output());
        }
        afterStart.run();
      } catch (RuntimeException e) {
        failed = "the network helper container failed (" + e.getMessage() + ")";
        LOG.warn(
            "instances can reach 169.254.169.254 through the engine's NAT (on an EC2 host: its"
                + " own metadata service): {}; see docs/security.md",
            failed);
        close();
      }
    }
    return failed != null ? new Iptables.Result(-1, failed) : helper.exec(cmd, input);
  }

  /** Whether the helper could not start: nothing is routed or refused. */
  synchronized boolean failed() {
    return failed != null;
  }

  @Override
  public synchronized void close() {
    if (helper != null) {
      helper.close();
      helper = null;
    }
  }
}
