package dev.ec2double.it.vpc;

import dev.ec2double.it.DockerTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace on the engine's host routed through an instance, one hop behind it: what a
 * container on a bridge inside an EC2 instance is. Its packets leave through the instance, which
 * forwards them (and masquerades them as its own), so the instance's kernel decrements the TTL of
 * every answer on the way back. Needs root on the engine's host ({@code ip}, {@code nsenter}).
 */
final class NestedNamespace implements AutoCloseable {
  private final String name;

  private NestedNamespace(String name) {
    this.name = name;
  }

  static NestedNamespace behind(String instanceId) {
    long pid =
        DockerTestServer.docker()
            .inspectContainerCmd("ec2double-" + instanceId)
            .exec()
            .getState()
            .getPidLong();
    String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    NestedNamespace ns = new NestedNamespace("ec2dnest" + tag);
    String outer = "ec2dno" + tag;
    String inner = "ec2dni" + tag;
    try {
      host("ip", "netns", "add", ns.name);
      host("ip", "link", "add", outer, "type", "veth", "peer", "name", inner);
      host("ip", "link", "set", inner, "netns", ns.name);
      host("ip", "link", "set", outer, "netns", Long.toString(pid));
      host(
          "nsenter",
          "-t",
          Long.toString(pid),
          "-n",
          "sh",
          "-c",
          "ip addr add 192.168.231.1/24 dev "
              + outer
              + " && ip link set "
              + outer
              + " up && sysctl -qw net.ipv4.ip_forward=1"
              + " && iptables -t nat -A POSTROUTING -s 192.168.231.0/24 -j MASQUERADE");
      ns.run(
          "sh",
          "-c",
          "ip addr add 192.168.231.2/24 dev "
              + inner
              + " && ip link set "
              + inner
              + " up && ip link set lo up && ip route add default via 192.168.231.1");
      return ns;
    } catch (RuntimeException | Error e) {
      ns.close();
      throw e;
    }
  }

  /** Runs a host command inside the namespace; its standard output, whatever the exit. */
  String run(String... cmd) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(List.of(cmd));
    return exec(full, false);
  }

  private static void host(String... cmd) {
    exec(List.of(cmd), true);
  }

  private static String exec(List<String> cmd, boolean mustSucceed) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(!mustSucceed);
      // the build's real-AWS guard points proxies at a dead address; in the namespace a request to
      // 169.254.169.254 goes through the instance to its metadata service, never off the machine
      pb.environment()
          .keySet()
          .removeIf(k -> k.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err =
          mustSucceed ? new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8) : "";
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", cmd) + " did not finish");
      }
      if (mustSucceed && p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", cmd) + " failed: " + err);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Deleting the namespace deletes its end of the pair, and so the instance's end. */
  @Override
  public void close() {
    exec(List.of("ip", "netns", "del", name), false);
  }
}
