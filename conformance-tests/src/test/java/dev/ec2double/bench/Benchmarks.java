package dev.ec2double.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one benchmark command: prints figures and ratios and writes docs/benchmarks.md. Needs the
 * server jar ({@code mvn -q -DskipTests package}), wrk, moto_server and, for the instance figures,
 * a Docker engine with the local busybox image. Run it with {@code bash .ci/bench}.
 */
public final class Benchmarks {
  private static final int SECONDS = Integer.getInteger("bench.seconds", 8);
  private static final String BUSYBOX = "ec2-double/busybox:latest";
  private static final String BUSYBOX_AMI = "ami-0b0b0b0b0b0b0b0b0";

  private final List<String> report = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    Benchmarks b = new Benchmarks();
    List<String> only = Arrays.asList(args);
    if (only.isEmpty() || only.contains("start")) {
      b.startToReady();
    }
    if (only.isEmpty() || only.contains("api")) {
      b.apiThroughput();
    }
    if (only.isEmpty() || only.contains("instances")) {
      b.describeInstances();
    }
    if (only.isEmpty() || only.contains("memory")) {
      b.memory();
    }
    if (only.isEmpty() || only.contains("reset")) {
      b.reset();
    }
    if (only.isEmpty() || only.contains("docker")) {
      b.runToRunning();
    }
    if (only.isEmpty() || only.contains("alb")) {
      AlbBench.run(SECONDS, b::line);
    }
    if (only.isEmpty() || only.contains("https")) {
      HttpsBench.run(SECONDS, b::line);
    }
    if (only.isEmpty() || only.contains("nlb")) {
      NlbBench.run(SECONDS, b::line);
    }
    if (only.isEmpty() || only.contains("asg")) {
      AsgBench.run(BUSYBOX_AMI, b::line);
    }
    b.write(!only.isEmpty());
  }

  private void line(String s) {
    System.out.println(s);
    report.add(s);
  }

  private void startToReady() throws Exception {
    line("\n## Start to ready\n");
    line("| backend | median of 5 | min | max |");
    line("| --- | --- | --- | --- |");
    for (String backend : List.of("mock", "docker")) {
      long[] ms = new long[5];
      for (int i = 0; i < ms.length; i++) {
        try (Servers.Running s = Servers.ec2double(backend)) {
          ms[i] = s.readyNanos() / 1_000_000;
        }
      }
      Arrays.sort(ms);
      line(Forked.row(backend, ms));
    }
    startOnJava25();
    startOfTheImage();
    InJvmStart.run(this::line, "java", "");
    JUnitStart.run(this::line, "java", "");
    if (Files.isExecutable(JAVA25)) {
      InJvmStart.run(this::line, JAVA25.toString(), " on Java 25");
    }
  }

  private static final Path JAVA25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  private Path java25Cache;

  /** An ahead-of-time cache for the jar on Java 25, trained by one start (made once a run). */
  private Path java25Cache() throws Exception {
    if (java25Cache == null) {
      Path cache = Files.createTempDirectory("ec2d-aot").resolve("ec2-double.aot");
      Servers.trainAotCache(JAVA25.toString(), cache);
      java25Cache = cache;
    }
    return java25Cache;
  }

  /** The jar on Java 25 with an ahead-of-time cache trained by one start, as the README says. */
  private void startOnJava25() throws Exception {
    if (!Files.isExecutable(JAVA25)) {
      line("| mock, Java 25 + AOT cache | (no Java 25 at " + JAVA25 + ") | | |");
      return;
    }
    Path cache = java25Cache();
    long[] ms = new long[5];
    for (int i = 0; i < ms.length; i++) {
      try (Servers.Running s =
          Servers.ec2double(JAVA25.toString(), List.of("-XX:AOTCache=" + cache), "mock")) {
        ms[i] = s.readyNanos() / 1_000_000;
      }
    }
    Arrays.sort(ms);
    line(Forked.row("mock, Java 25 + AOT cache", ms));
  }

  /** {@code docker run} of the image (its staged runtime and trained cache) to its ready line. */
  private void startOfTheImage() throws Exception {
    long[] ms = new long[5];
    long[] inside = new long[5];
    for (int i = 0; i < ms.length; i++) {
      String name = "ec2d-bench-start-" + ProcessHandle.current().pid() + "-" + i;
      long t0 = System.nanoTime();
      Process p =
          new ProcessBuilder(
                  "docker",
                  "run",
                  "--rm",
                  "--name",
                  name,
                  "-e",
                  "EC2DOUBLE_BACKEND=mock",
                  "ec2-double:latest")
              .redirectErrorStream(true)
              .start();
      try (var out =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String l;
        StringBuilder log = new StringBuilder();
        while ((l = out.readLine()) != null && !l.contains("ready on")) {
          log.append(l).append('\n'); // the server's log before its ready line
        }
        if (l == null) {
          throw new IllegalStateException(
              "the image ec2-double:latest printed no ready line (is it built? `mvn -pl docker"
                  + " -am package -DskipTests`):\n"
                  + log);
        }
        ms[i] = (System.nanoTime() - t0) / 1_000_000;
        inside[i] = ReadyLine.processMillis(l);
      } finally {
        Docker.cli("rm", "-f", name);
        p.destroy();
      }
    }
    Arrays.sort(ms);
    Arrays.sort(inside);
    line(Forked.row("image (mock), `docker run` to ready", ms));
    line(
        Forked.row(
            "image (mock), its JVM's process start to ready (the ready line's own figure)",
            inside));
  }

  private void apiThroughput() throws Exception {
    line("\n## API calls: ec2-double (mock backend) vs moto_server, same requests, wrk\n");
    line("| call | connections | ec2-double req/s | p50 | p99 | moto req/s | p50 | p99 | ratio |");
    line("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    try (Servers.Running ours = Servers.ec2double("mock");
        Servers.Running moto = Servers.moto()) {
      for (int i = 0; i < 10; i++) {
        String body = "Action=CreateKeyPair&Version=2016-11-15&KeyName=bench-" + i;
        Post.call(ours.url(), body);
        Post.call(moto.url(), body);
      }
      String[][] calls = {
        {"DescribeRegions", "Action=DescribeRegions&Version=2016-11-15"},
        {"DescribeKeyPairs (10)", "Action=DescribeKeyPairs&Version=2016-11-15"},
        {
          "DescribeInstanceTypes (2)",
          "Action=DescribeInstanceTypes&Version=2016-11-15&InstanceType.1=t3.micro&InstanceType.2=m5.large"
        },
      };
      for (String[] call : calls) {
        Wrk.run(ours.url(), call[1], 16, 5); // warm the JIT
        for (int c : new int[] {1, 16}) {
          compare(call[0], c, ours, moto, call[1]);
        }
      }
    }
  }

  private void compare(
      String name, int connections, Servers.Running ours, Servers.Running moto, String body)
      throws Exception {
    Wrk.Result a = Wrk.run(ours.url(), body, connections, SECONDS);
    Wrk.Result b = Wrk.run(moto.url(), body, connections, SECONDS);
    line(
        String.format(
            "| %s | %d | %.0f | %.2f ms | %.2f ms | %.0f | %.2f ms | %.2f ms | %s |",
            name,
            connections,
            a.rps(),
            a.p50Ms(),
            a.p99Ms(),
            b.rps(),
            b.p50Ms(),
            b.p99Ms(),
            ratio(a, b)));
  }

  private void describeInstances() throws Exception {
    line("\n## DescribeInstances (mock backend), 16 connections\n");
    line("| instances | ec2-double req/s | p50 | p99 | moto req/s | p50 | p99 | ratio |");
    line("| --- | --- | --- | --- | --- | --- | --- | --- |");
    String run =
        "Action=RunInstances&Version=2016-11-15&ImageId=%s&MinCount=%d&MaxCount=%d&InstanceType=t3.micro";
    String describe = "Action=DescribeInstances&Version=2016-11-15";
    for (int n : new int[] {10, 50, 100, 1000}) {
      try (Servers.Running ours =
              Servers.ec2double("mock", "--quota", "vcpus=100000,instances=100000");
          Servers.Running moto = Servers.moto()) {
        for (int left = n; left > 0; left -= 100) {
          int k = Math.min(100, left);
          Post.call(ours.url(), String.format(run, "ami-0ec2d00000000de12", k, k));
          Post.call(moto.url(), String.format(run, motoAmi(moto), k, k));
        }
        Wrk.run(ours.url(), describe, 16, 5);
        Wrk.Result a = Wrk.run(ours.url(), describe, 16, SECONDS);
        Wrk.Result b = Wrk.run(moto.url(), describe, 16, SECONDS);
        line(
            String.format(
                "| %d | %.0f | %.2f ms | %.2f ms | %.0f | %.2f ms | %.2f ms | %s |",
                n, a.rps(), a.p50Ms(), a.p99Ms(), b.rps(), b.p50Ms(), b.p99Ms(), ratio(a, b)));
      }
    }
  }

  /**
   * ours / theirs, or n/a when the peer completed no request in the run (moto_server with 1000
   * instances takes longer per DescribeInstances than wrk runs): a rate of 0 gives no ratio, and
   * dividing by it printed "Infinityx".
   */
  static String ratio(Wrk.Result ours, Wrk.Result theirs) {
    if (theirs.rps() <= 0 || Double.isNaN(theirs.rps()) || Double.isNaN(ours.rps())) {
      return "n/a (peer completed no request)";
    }
    return String.format("%.0fx", ours.rps() / theirs.rps());
  }

  private static String motoAmi(Servers.Running moto) throws IOException {
    String images =
        Post.call(moto.url(), "Action=DescribeImages&Version=2016-11-15&Owner.1=amazon");
    Matcher m = Pattern.compile("<imageId>(ami-[0-9a-f]+)</imageId>").matcher(images);
    if (!m.find()) {
      throw new IllegalStateException("moto_server lists no AMI");
    }
    return m.group(1);
  }

  private void memory() throws Exception {
    line("\n## Resident memory (VmRSS)\n");
    line("| state | ec2-double | moto_server |");
    line("| --- | --- | --- |");
    try (Servers.Running ours =
            Servers.ec2double("mock", "--quota", "vcpus=100000,instances=100000");
        Servers.Running moto = Servers.moto()) {
      Post.call(ours.url(), "Action=DescribeRegions&Version=2016-11-15");
      Post.call(moto.url(), "Action=DescribeRegions&Version=2016-11-15");
      Thread.sleep(2000);
      line(
          String.format(
              "| idle, after one call | %d MB | %d MB |",
              ours.rssKib() / 1024, moto.rssKib() / 1024));
      Post.call(
          ours.url(),
          "Action=RunInstances&Version=2016-11-15&ImageId=ami-0ec2d00000000de12&MinCount=100&MaxCount=100");
      Post.call(
          moto.url(),
          "Action=RunInstances&Version=2016-11-15&ImageId="
              + motoAmi(moto)
              + "&MinCount=100&MaxCount=100");
      for (int i = 0; i < 50; i++) {
        Post.call(ours.url(), "Action=DescribeInstances&Version=2016-11-15");
        Post.call(moto.url(), "Action=DescribeInstances&Version=2016-11-15");
      }
      Thread.sleep(2000);
      line(
          String.format(
              "| 100 instances | %d MB | %d MB |", ours.rssKib() / 1024, moto.rssKib() / 1024));
    }
    if (Files.isExecutable(JAVA25)) {
      try (Servers.Running ours =
          Servers.ec2double(JAVA25.toString(), List.of("-XX:AOTCache=" + java25Cache()), "mock")) {
        Post.call(ours.url(), "Action=DescribeRegions&Version=2016-11-15");
        Thread.sleep(2000);
        line(
            String.format(
                "| idle, after one call, on Java 25 + AOT cache | %d MB | |",
                ours.rssKib() / 1024));
      }
    }
    line(
        String.format(
            "| idle, after one call, the image (its Java 25, cache and flags) | %d MB | |",
            ImageMemory.idleAfterOneCall() / 1024));
  }

  /**
   * The control API's reset (issue 18: under 100 ms on the mock backend) against moto's, each after
   * the same 100 instances, 10 VPCs and 50 key pairs.
   */
  private void reset() throws Exception {
    line(
        "\n## Reset to a fresh server (mock backend), after 100 instances, 10 VPCs, 50 key pairs\n");
    line("| server | median of 5 | min | max |");
    line("| --- | --- | --- | --- |");
    try (Servers.Running ours = Servers.ec2double("mock");
        Servers.Running moto = Servers.moto()) {
      line(resetRow("ec2-double `POST /_ec2double/reset`", ours, "/_ec2double/reset", OUR_AMI));
      line(resetRow("moto_server `POST /moto-api/reset`", moto, "/moto-api/reset", null));
    }
  }

  private static final String OUR_AMI = "ami-0ec2d00000000de12";

  private static String resetRow(String name, Servers.Running s, String path, String ami)
      throws Exception {
    long[] ms = new long[5];
    for (int i = 0; i < ms.length; i++) {
      String image = ami != null ? ami : motoAmi(s);
      Post.call(
          s.url(),
          "Action=RunInstances&Version=2016-11-15&ImageId=" + image + "&MinCount=100&MaxCount=100");
      for (int k = 0; k < 50; k++) {
        Post.call(s.url(), "Action=CreateKeyPair&Version=2016-11-15&KeyName=reset-" + k);
      }
      for (int v = 0; v < 10; v++) {
        Post.call(s.url(), "Action=CreateVpc&Version=2016-11-15&CidrBlock=10." + v + ".0.0/16");
      }
      long t0 = System.nanoTime();
      Post.call(s.url() + path.substring(1), "");
      ms[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    Arrays.sort(ms);
    return Forked.row(name, ms);
  }

  private void runToRunning() throws Exception {
    line("\n## RunInstances to running (docker backend) vs `docker run -d` of the same image\n");
    line("| instances at once | ec2-double | docker run | ratio |");
    line("| --- | --- | --- | --- |");
    try (Servers.Running ours = Servers.ec2double("docker", "--ami", BUSYBOX_AMI + "=" + BUSYBOX)) {
      Docker.onBenchNetwork(
          () -> {
            launch(ours, 1); // warm both paths once
            Docker.run(1, 0);
            for (int n : new int[] {1, 20}) {
              long oursMs = median(3, () -> launch(ours, n));
              long rawMs = median(3, () -> Docker.run(n, n));
              line(
                  String.format(
                      "| %d | %d ms | %d ms | %.2fx |", n, oursMs, rawMs, (double) oursMs / rawMs));
            }
          });
    }
  }

  /** A step of a benchmark that may throw. */
  interface Step {
    void run() throws Exception;
  }

  interface Timed {
    long ms() throws Exception;
  }

  private static long median(int runs, Timed t) throws Exception {
    long[] ms = new long[runs];
    for (int i = 0; i < runs; i++) {
      ms[i] = t.ms();
    }
    Arrays.sort(ms);
    return ms[runs / 2];
  }

  /**
   * n concurrent RunInstances, then one poller (DescribeInstances of them all every 10 ms, as a
   * waiter would) until every one is running; then cleaned up.
   */
  private static long launch(Servers.Running s, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    long t0 = System.nanoTime();
    List<Future<String>> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(
          pool.submit(
              () -> {
                String out =
                    Post.call(
                        s.url(),
                        "Action=RunInstances&Version=2016-11-15&ImageId="
                            + BUSYBOX_AMI
                            + "&MinCount=1&MaxCount=1&InstanceType=t3.micro");
                Matcher m = Pattern.compile("<instanceId>(i-[0-9a-f]+)</instanceId>").matcher(out);
                m.find();
                return m.group(1);
              }));
    }
    StringBuilder describe = new StringBuilder("Action=DescribeInstances&Version=2016-11-15");
    StringBuilder terminate = new StringBuilder("Action=TerminateInstances&Version=2016-11-15");
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i).get();
      describe.append("&InstanceId.").append(i + 1).append('=').append(id);
      terminate.append("&InstanceId.").append(i + 1).append('=').append(id);
    }
    Pattern running = Pattern.compile("<name>running</name>");
    while (running.matcher(Post.call(s.url(), describe.toString())).results().count() < n) {
      Thread.sleep(10);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    pool.shutdown();
    Post.call(s.url(), terminate.toString());
    Thread.sleep(1000L + 100L * n);
    return ms;
  }

  /**
   * Writes docs/benchmarks.md: the header and the sections measured. When only some sections ran
   * ({@code partly}), the file's other sections stay as they are: a section measured replaces the
   * one of the same {@code ## } heading in place, a new one goes at the end.
   */
  private void write(boolean partly) throws IOException {
    Path out = Path.of("docs", "benchmarks.md");
    if (!Files.isDirectory(out.getParent())) {
      out = Path.of("..", "docs", "benchmarks.md");
    }
    String header =
        "# Benchmarks\n\n"
            + "Written by `bash .ci/bench` on "
            + LocalDate.now()
            + " ("
            + Runtime.getRuntime().availableProcessors()
            + " cores). Each figure is one run on\n"
            + "the same machine; wrk runs "
            + SECONDS
            + " s per row after a 5 s warm-up of ec2-double; both servers get the same requests.\n"
            + "Targets (issues 2, 3, 8, 16, 17): ready in under 1 s; DescribeRegions at 16 connections\n"
            + "at least 50x moto_server with p99 under 10 ms; DescribeInstances with 50 instances at\n"
            + "least 300x; RunInstances to running at most 1.3x `docker run`; under 150 MB resident\n"
            + "idle, 200 MB with 100 instances; the ALB at least 0.8x nginx's throughput, p99 within\n"
            + "1.5x; an HTTPS listener at least 0.5x nginx terminating TLS; an NLB at least 0.9x\n"
            + "straight-to-target throughput; an Auto Scaling group from 0 to 10 InService at most 1.5x\n"
            + "10 concurrent `docker run`. Issue 19: process start to ready under 0.5 s (jar and\n"
            + "image on Java 25), in-JVM extension start to first answer under 0.3 s, under 100 MB\n"
            + "resident idle. Sections run alone (`bash .ci/bench https nlb asg`) replace\n"
            + "their own section and keep the others.\n"
            + "\n"
            + "The server runs as users run it: `java "
            + String.join(" ", Servers.JVM_FLAGS)
            + " -jar`, the README's command and the\n"
            + "image's `JDK_JAVA_OPTIONS`. Of the default JVM's 250 MB or more at idle, most was heap\n"
            + "that G1 commits up front (its initial heap is 1/64 of the machine's memory) and G1's own\n"
            + "structures (~40 MB); the serial collector with a 16 MB starting heap grows the heap only\n"
            + "as far as the live data needs (a test double's pauses are short at this size), and the\n"
            + "512 MB cap bounds it. The rest is class metadata (~25 MB: only the AWS SDK classes of the\n"
            + "operations called are loaded), JIT code (~11 MB) and thread stacks (~6 MB); `jcmd PID\n"
            + "VM.native_memory summary` with `-XX:NativeMemoryTracking=summary` shows the parts.\n"
            + "DescribeInstances reuses an instance's view while nothing at all has changed since it\n"
            + "was built (the state's change count, bumped by every mutating call, background step and\n"
            + "engine event), builds the others from one pass over the region's interfaces and\n"
            + "volumes, and reuses the UTF-8 XML of an instance that was written before. A ratio is\n"
            + "n/a when moto_server completed no request within the run.\n";
    String measured = String.join("\n", report) + "\n";
    String body =
        partly && Files.exists(out)
            ? Sections.merge(Sections.body(Files.readString(out)), measured)
            : measured;
    Files.writeString(out, header + body, StandardCharsets.UTF_8);
    System.out.println("\nwrote " + out.toAbsolutePath().normalize());
  }
}
