package dev.ec2double.compute.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs iptables and iptables-restore in the engine host's network namespace, waiting for the
 * xtables lock: here ({@link #LOCAL}), or through a helper container ({@link HostNetHelper}) when
 * this process cannot (the server in a container of the engine).
 */
final class Iptables {
  /** What a run printed and how it ended. */
  record Result(int exit, String output) {
    boolean ok() {
      return exit == 0;
    }
  }

  /** Runs a command with an optional standard input (null: none). */
  interface Shell {
    Result exec(List<String> cmd, String input);
  }

  static final Iptables LOCAL = new Iptables(Iptables::local, "here");

  private final Shell shell;
  private final String where;

  Iptables(Shell shell, String where) {
    this.shell = shell;
    this.where = where;
  }

  /** Where the commands run, for log lines. */
  String where() {
    return where;
  }

  Result run(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("iptables", "--wait"));
    cmd.addAll(List.of(args));
    return shell.exec(cmd, null);
  }

  /** {@code iptables-restore --noflush}: the tables in {@code input} change in one commit. */
  Result restore(String input) {
    return shell.exec(List.of("iptables-restore", "--noflush", "--wait"), input);
  }

  /** Any other command in the same place (writing a {@code /proc/sys} setting). */
  Result shell(List<String> cmd) {
    return shell.exec(cmd, null);
  }

  private static Result local(List<String> cmd, String input) {
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
