package dev.ec2double.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts the peers under measurement as separate processes: ec2-double's jar and moto_server. */
final class Servers {
  record Running(Process process, int port, long readyNanos) implements AutoCloseable {
    String url() {
      return "http://127.0.0.1:" + port + "/";
    }

    long rssKib() throws IOException {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
      return -1;
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /**
   * The JVM flags users run the server with: the README's run command and the image's
   * JDK_JAVA_OPTIONS have the same (JvmFlagsTest checks), so the figures are theirs.
   */
  static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx512m");

  private Servers() {}

  static Path jar() {
    Path jar = Path.of("server", "target", "ec2-double.jar");
    if (!Files.exists(jar)) {
      jar = Path.of("..", "server", "target", "ec2-double.jar");
    }
    if (!Files.exists(jar)) {
      throw new IllegalStateException("build the server first: mvn -q -DskipTests package");
    }
    return jar;
  }

  /** Starts the server jar and returns once it printed its ready line. */
  static Running ec2double(String backend, String... extra) throws IOException {
    return ec2double("java", List.of(), backend, extra);
  }

  /** The same on another {@code java} with more JVM flags (Java 25 and its AOT cache). */
  static Running ec2double(String java, List<String> jvm, String backend, String... extra)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(JVM_FLAGS);
    cmd.addAll(jvm);
    cmd.addAll(List.of("-jar", jar().toString(), "--port", "0"));
    cmd.addAll(List.of("--backend", backend));
    cmd.addAll(List.of(extra));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      int at = line.indexOf("ready on http://127.0.0.1:");
      if (at >= 0) {
        long ready = System.nanoTime() - t0;
        int port = Integer.parseInt(line.substring(at + 26).split("\\D")[0]);
        drain(out);
        return new Running(p, port, ready);
      }
    }
    throw new IllegalStateException("the server exited before it was ready");
  }

  /**
   * A training start of the jar for an ahead-of-time cache, as a user makes one: one call, then
   * SIGTERM, and the JVM writes {@code cache} as it exits. Its output goes to a file: with a pipe
   * (as {@link #ec2double} reads), the JVM recorded its configuration but never assembled the
   * cache, so every "cached" start measured ran without one.
   */
  static void trainAotCache(String java, Path cache) throws IOException, InterruptedException {
    Path log = Files.createTempFile("ec2d-aot-training", ".log");
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(JVM_FLAGS);
    cmd.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-jar", jar().toString()));
    cmd.addAll(List.of("--port", "0", "--backend", "mock"));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      int port = -1;
      for (int i = 0; i < 600 && port < 0 && p.isAlive(); i++) {
        String out = Files.readString(log);
        int at = out.indexOf("ready on http://127.0.0.1:");
        if (at >= 0) {
          port = Integer.parseInt(out.substring(at + 26).split("\\D")[0]);
        } else {
          Thread.sleep(50);
        }
      }
      if (port < 0) {
        throw new IllegalStateException("the training start did not get ready: " + log);
      }
      Post.call("http://127.0.0.1:" + port + "/", "Action=DescribeRegions&Version=2016-11-15");
    } finally {
      p.destroy();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (!Files.exists(cache)) {
      throw new IllegalStateException("the training start wrote no AOT cache; its output: " + log);
    }
    Files.delete(log);
  }

  static Running moto() throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder("moto_server", "-p", Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    for (int i = 0; i < 300; i++) {
      try {
        HttpURLConnection c =
            (HttpURLConnection)
                URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
        c.getResponseCode();
        return new Running(p, port, System.nanoTime() - t0);
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("moto_server did not start");
  }

  private static void drain(BufferedReader out) {
    Thread t =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // discard the server's log so that its pipe never fills
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    t.setDaemon(true);
    t.start();
  }
}
