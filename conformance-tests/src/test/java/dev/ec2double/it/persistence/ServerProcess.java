package dev.ec2double.it.persistence;

import dev.ec2double.it.Clients;
import dev.ec2double.it.DockerTestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** A server in a JVM of its own, on the docker backend, so that a kill -9 is a real one. */
final class ServerProcess {
  final Process process;
  final int port;
  private final StringBuffer log = new StringBuffer();

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a server; with a state directory when {@code stateDir} is not null. */
  static ServerProcess start(Path stateDir) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.ec2double.server.Main",
                "--port",
                "0",
                "--backend",
                "docker",
                "--ami",
                DockerTestServer.BUSYBOX_AMI + "=ec2-double/busybox:latest",
                "--ami",
                DockerTestServer.DEBIAN_AMI + "=ec2-double/debian:12"));
    if (stateDir != null) {
      cmd.addAll(List.of("--state-dir", stateDir.toString()));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder early = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      early.append(line).append('\n');
      int at = line.indexOf("ready on http://127.0.0.1:");
      if (at >= 0) {
        ServerProcess s =
            new ServerProcess(p, Integer.parseInt(line.substring(at + 26).split("\\D")[0]));
        s.log.append(early);
        Thread drain =
            new Thread(
                () -> {
                  try {
                    String l;
                    while ((l = out.readLine()) != null) {
                      s.log.append(l).append('\n');
                    }
                  } catch (IOException ended) {
                    // the process is gone
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return s;
      }
    }
    throw new IllegalStateException("the server exited before it was ready:\n" + early);
  }

  Ec2Client ec2() {
    return Clients.ec2(URI.create("http://127.0.0.1:" + port), "AKIDKILL");
  }

  ElasticLoadBalancingV2Client elb() {
    return Clients.elb(URI.create("http://127.0.0.1:" + port), "AKIDKILL");
  }

  /** SIGKILL: no shutdown hook, no cleanup. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGKILL to the server and to the processes it started (its watchdog). */
  void killWithWatchdog() throws InterruptedException {
    process.toHandle().children().forEach(ProcessHandle::destroyForcibly);
    kill();
  }

  /** SIGTERM: the server shuts down as it would at the end of a session. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the server did not stop within 60 s:\n" + log);
    }
  }

  String log() {
    return log.toString();
  }
}
