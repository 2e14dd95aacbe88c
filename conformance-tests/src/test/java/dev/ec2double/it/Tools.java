package dev.ec2double.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * Runs the machine's own key tools (ssh-keygen, openssl, puttygen) on what the server returns, so
 * the tests check keys with code that is not ours.
 */
final class Tools {
  private Tools() {}

  /** Runs a shell script in a directory and returns its standard output; fails on any error. */
  static String sh(Path dir, String script) {
    try {
      Process p =
          new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
              .directory(dir.toFile())
              .redirectErrorStream(false)
              .start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError("`" + script + "` failed: " + err);
      }
      return out.strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static boolean has(String tool) {
    return sh(Path.of("."), "command -v " + tool + " >/dev/null && echo yes || echo no")
        .equals("yes");
  }

  /** Writes a private key as a user would save it: with a final newline, readable by owner only. */
  static Path privateKey(Path dir, String name, String material) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, material + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first two fields of an OpenSSH public key line: type and base64 blob, no comment. */
  static String keyOnly(String openSshLine) {
    String[] parts = openSshLine.strip().split("\\s+");
    return parts[0] + " " + parts[1];
  }
}
