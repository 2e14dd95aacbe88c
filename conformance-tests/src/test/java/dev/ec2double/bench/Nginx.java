package dev.ec2double.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as a keep-alive HTTP target, as a reverse proxy (plain or terminating TLS) and as
 * a layer-4 {@code stream} proxy: the peers the load balancers are measured against.
 */
final class Nginx implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final Path keys;
  final int port;
  private final boolean tls;

  private Nginx(Process process, Path dir, int port, boolean tls) {
    this(process, dir, null, port, tls);
  }

  private Nginx(Process process, Path dir, Path keys, int port, boolean tls) {
    this.process = process;
    this.dir = dir;
    this.keys = keys;
    this.port = port;
    this.tls = tls;
  }

  /** The same nginx, with the directory of its certificate and key to remove with it. */
  private Nginx(Nginx started, Path keys, boolean tls) {
    this(started.process, started.dir, keys, started.port, tls);
  }

  /** A target answering every request with a small body, on one worker. */
  static Nginx target() throws Exception {
    return http(1, "", "location / { return 200 \"hello from the target\\n\"; }", "");
  }

  /** A reverse proxy to the target with a keep-alive upstream, one worker per core. */
  static Nginx proxyTo(int targetPort) throws Exception {
    return http(0, "", PROXY, upstream(targetPort));
  }

  /**
   * The same reverse proxy terminating TLS with the given certificate and key (PEM), under the
   * protocols of {@code ELBSecurityPolicy-TLS13-1-2-2021-06} and its TLS 1.3 suites in its order
   * (the server's choice, as the ALB's JSSE makes it).
   */
  static Nginx tlsProxyTo(int targetPort, String certificatePem, String keyPem) throws Exception {
    Path keys = Files.createTempDirectory("ec2double-nginx-tls");
    Files.writeString(keys.resolve("cert.pem"), certificatePem);
    Files.writeString(keys.resolve("key.pem"), keyPem);
    String tls =
        " ssl_certificate "
            + keys.resolve("cert.pem")
            + "; ssl_certificate_key "
            + keys.resolve("key.pem")
            + "; ssl_protocols TLSv1.2 TLSv1.3; ssl_prefer_server_ciphers on;"
            + " ssl_conf_command Ciphersuites "
            + "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256;"
            + " ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384;";
    return new Nginx(http(0, " ssl", tls + " " + PROXY, upstream(targetPort)), keys, true);
  }

  /** nginx's layer-4 proxy ({@code stream}, Debian's libnginx-mod-stream) to the target. */
  static Nginx streamProxyTo(int targetPort) throws Exception {
    return start(
        0,
        "load_module " + STREAM_MODULE + ";\n",
        port ->
            "stream {\n upstream target { server 127.0.0.1:"
                + targetPort
                + "; }\n server { listen 127.0.0.1:"
                + port
                + "; proxy_pass target; }\n}\n");
  }

  private static final String STREAM_MODULE = "/usr/lib/nginx/modules/ngx_stream_module.so";

  private static final String PROXY =
      "location / { proxy_pass http://target; proxy_http_version 1.1;"
          + " proxy_set_header Connection \"\";"
          + " proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; }";

  private static String upstream(int targetPort) {
    return "upstream target { server 127.0.0.1:" + targetPort + "; keepalive 64; }";
  }

  private static Nginx http(int workers, String listenFlags, String server, String upstream)
      throws Exception {
    return start(
        workers,
        "",
        port ->
            "http {\n access_log off;\n client_body_temp_path TMP;\n proxy_temp_path TMP;\n "
                + upstream
                + "\n server { listen 127.0.0.1:"
                + port
                + listenFlags
                + "; keepalive_requests 100000; "
                + server
                + " }\n}\n");
  }

  private static Nginx start(
      int workers, String preamble, java.util.function.IntFunction<String> body) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("ec2double-nginx");
    String conf =
        preamble
            + "worker_processes "
            + (workers == 0 ? "auto" : Integer.toString(workers))
            + ";\ndaemon off;\npid "
            + dir.resolve("nginx.pid")
            + ";\nerror_log "
            + dir.resolve("error.log")
            + ";\nevents { worker_connections 1024; }\n"
            + body.apply(port).replace("TMP", dir.toString());
    Files.writeString(dir.resolve("nginx.conf"), conf);
    Process p =
        new ProcessBuilder(
                "nginx", "-c", dir.resolve("nginx.conf").toString(), "-p", dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.log").toFile())
            .start();
    for (int i = 0; i < 100; i++) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return new Nginx(p, dir, port, false);
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException(
        "nginx did not start: " + Files.readString(dir.resolve("out.log")));
  }

  String url() {
    return (tls ? "https" : "http") + "://127.0.0.1:" + port + "/";
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
    delete(dir);
    if (keys != null) {
      delete(keys);
    }
  }

  private static void delete(Path tree) throws IOException {
    try (var files = Files.walk(tree)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
