package dev.ec2double.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's nginx as a keep-alive HTTP target and as a reverse proxy, for the ALB comparison. */
final class Nginx implements AutoCloseable {
  private final Process process;
  private final Path dir;
  final int port;

  private Nginx(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** A target answering every request with a small body, on one worker. */
  static Nginx target() throws Exception {
    return start(1, "location / { return 200 \"hello from the target\\n\"; }", "");
  }

  /** A reverse proxy to the target with a keep-alive upstream, one worker per core. */
  static Nginx proxyTo(int targetPort) throws Exception {
    return start(
        0,
        "location / { proxy_pass http://target; proxy_http_version 1.1;"
            + " proxy_set_header Connection \"\";"
            + " proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; }",
        "upstream target { server 127.0.0.1:" + targetPort + "; keepalive 64; }");
  }

  private static Nginx start(int workers, String location, String upstream) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("ec2double-nginx");
    String conf =
        "worker_processes "
            + (workers == 0 ? "auto" : Integer.toString(workers))
            + ";\ndaemon off;\npid "
            + dir.resolve("nginx.pid")
            + ";\nerror_log "
            + dir.resolve("error.log")
            + ";\nevents { worker_connections 1024; }\nhttp {\n access_log off;\n"
            + " client_body_temp_path "
            + dir
            + ";\n proxy_temp_path "
            + dir
            + ";\n "
            + upstream
            + "\n server { listen 127.0.0.1:"
            + port
            + "; keepalive_requests 100000; "
            + location
            + " }\n}\n";
    Files.writeString(dir.resolve("nginx.conf"), conf);
    Process p =
        new ProcessBuilder(
                "nginx", "-c", dir.resolve("nginx.conf").toString(), "-p", dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.log").toFile())
            .start();
    for (int i = 0; i < 100; i++) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return new Nginx(p, dir, port);
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException(
        "nginx did not start: " + Files.readString(dir.resolve("out.log")));
  }

  String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
