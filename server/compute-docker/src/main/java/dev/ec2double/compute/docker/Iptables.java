package dev.ec2double.compute.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs iptables and iptables-restore on the host, waiting for the xtables lock. */
final class Iptables {
  /** What a run printed and how it ended. */
  record Result(int exit, String output) {
    boolean ok() {
      return exit == 0;
    }
  }

  private Iptables() {}

  static Result run(String... args) {
    return exec(null, args);
  }

  /** {@code iptables-restore --noflush}: the tables in {@code input} change in one commit. */
  static Result restore(String input) {
    return exec(input, "iptables-restore", "--noflush", "--wait");
  }

  private static Result exec(String input, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of(args));
    if (cmd.get(0).equals("iptables")) {
      cmd.add(1, "--wait");
    } else if (!cmd.get(0).equals("iptables-restore")) {
      cmd.add(0, "iptables");
      cmd.add(1, "--wait");
    }
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      if (input != null) {
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      String out = read(p.getInputStream());
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out: " + String.join(" ", cmd));
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  private static String read(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8).trim();
  }
}
