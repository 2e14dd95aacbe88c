package dev.ec2double.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The raw engine baseline: {@code docker run -d} of the same image, on a network, fixed IP. */
final class Docker {
  private Docker() {}

  static String cli(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("docker");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + ": " + out);
    }
    return out;
  }

  /** Runs {@code body} while the network the baseline's containers join exists. */
  static void onBenchNetwork(Benchmarks.Step body) throws Exception {
    cli("network", "create", "--subnet", "10.250.0.0/16", "ec2double-bench");
    try {
      body.run();
    } finally {
      cli("network", "rm", "ec2double-bench");
    }
  }

  /** Milliseconds until n containers all ran, and until all were removed again. */
  record Timings(long startMs, long removeMs) {}

  /** Starts n containers at once; returns ms until all run (docker run -d returns once started). */
  static long run(int n, int ipBase) throws Exception {
    return runAndRemove(n, ipBase).startMs();
  }

  /** Starts n containers at once, then removes them all with one {@code docker rm -f}. */
  static Timings runAndRemove(int n, int ipBase) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, n));
    List<Future<String>> ids = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String ip = "10.250.1." + (10 + ipBase + i);
      ids.add(
          pool.submit(
              () ->
                  cli(
                      "run",
                      "-d",
                      "--init",
                      "--network",
                      "ec2double-bench",
                      "--ip",
                      ip,
                      "--label",
                      "dev.ec2double.kind=bench",
                      "ec2-double/busybox:latest",
                      "sh",
                      "-c",
                      "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done")));
    }
    List<String> started = new ArrayList<>();
    for (Future<String> f : ids) {
      started.add(f.get());
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    pool.shutdown();
    List<String> rm = new ArrayList<>(List.of("rm", "-f"));
    rm.addAll(started);
    long t1 = System.nanoTime();
    cli(rm.toArray(String[]::new));
    return new Timings(ms, (System.nanoTime() - t1) / 1_000_000);
  }
}
