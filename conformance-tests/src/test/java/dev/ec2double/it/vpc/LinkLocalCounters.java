package dev.ec2double.it.vpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Counts, on the engine's host, the packets an address sends to link-local addresses
 * (169.254.0.0/16) as they arrive from its bridge ({@code raw PREROUTING}, before any DNAT) and as
 * they leave the host ({@code mangle POSTROUTING}, where a packet that is still addressed to
 * 169.254.0.0/16 goes out through the engine's NAT). Rules without a target: they count and change
 * nothing. Needs root on the engine's host.
 */
final class LinkLocalCounters implements AutoCloseable {
  private final String tag = "ec2d-test-" + UUID.randomUUID().toString().substring(0, 8);
  private final String source;

  LinkLocalCounters(String source) {
    this.source = source;
    iptables("-t", "raw", "-I", "PREROUTING", "1", rule());
    iptables("-t", "mangle", "-I", "POSTROUTING", "1", rule());
  }

  private String rule() {
    return "-s " + source + "/32 -d 169.254.0.0/16 -m comment --comment " + tag;
  }

  /** Packets from the address to 169.254.0.0/16 that reached the host. */
  long sent() {
    return count("raw", "PREROUTING");
  }

  /** Of those, the packets that left the host still addressed to 169.254.0.0/16. */
  long leftTheHost() {
    return count("mangle", "POSTROUTING");
  }

  private long count(String table, String chain) {
    String out = iptables("-t", table, "-L", chain, "-v", "-n", "-x");
    for (String line : out.split("\n")) {
      if (line.contains("/* " + tag + " */")) {
        return Long.parseLong(line.trim().split("\\s+")[0]);
      }
    }
    throw new IllegalStateException("counting rule " + tag + " is gone from " + table);
  }

  @Override
  public void close() {
    iptables("-t", "raw", "-D", "PREROUTING", rule());
    iptables("-t", "mangle", "-D", "POSTROUTING", rule());
  }

  private static String iptables(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("iptables", "--wait"));
    for (String a : args) {
      cmd.addAll(List.of(a.split(" ")));
    }
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("this test needs iptables on the engine's host", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
