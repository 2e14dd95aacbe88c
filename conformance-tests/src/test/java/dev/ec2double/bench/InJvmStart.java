package dev.ec2double.bench;

import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The in-JVM server as the JUnit extension starts it: from {@code new Ec2DoubleServer(...).start()}
 * to the answer of its first call, in a JVM that has not loaded the server before (each round is a
 * new process; the JVM's own start is not counted, a test JVM has already paid it), then a second
 * server in the same JVM (a suite with a server per class).
 */
final class InJvmStart {
  private InJvmStart() {}

  /** One round, in its own process: prints the two figures in milliseconds. */
  public static void main(String[] args) throws Exception {
    System.out.println("in-jvm " + firstAnswerMs() + " " + firstAnswerMs());
    System.exit(0);
  }

  private static long firstAnswerMs() throws Exception {
    long t0 = System.nanoTime();
    try (Ec2DoubleServer server =
        new Ec2DoubleServer(ServerConfig.builder().port(0).backend("mock").build()).start()) {
      Post.call(server.endpoint() + "/", "Action=DescribeRegions&Version=2016-11-15");
      return (System.nanoTime() - t0) / 1_000_000;
    }
  }

  /**
   * Five rounds, each a fresh JVM ({@code java}) with the README's flags; the rows of the start
   * table, their label suffixed with {@code jvm} when it is not the default one.
   */
  static void run(Consumer<String> line, String java, String jvm) throws Exception {
    long[] first = new long[5];
    long[] second = new long[5];
    for (int i = 0; i < first.length; i++) {
      List<String> cmd = new ArrayList<>(List.of(java));
      cmd.addAll(Servers.JVM_FLAGS);
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), InJvmStart.class.getName()));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l = out.readLine(); l != null; l = out.readLine()) {
          if (l.startsWith("in-jvm ")) {
            String[] f = l.split(" ");
            first[i] = Long.parseLong(f[1]);
            second[i] = Long.parseLong(f[2]);
          }
        }
      }
      p.waitFor();
    }
    Arrays.sort(first);
    Arrays.sort(second);
    line.accept(
        String.format(
            "| in-JVM (JUnit extension)%s, start to first answer | %d ms | %d ms | %d ms |",
            jvm, first[2], first[0], first[4]));
    line.accept(
        String.format(
            "| in-JVM%s, a second server in the same JVM | %d ms | %d ms | %d ms |",
            jvm, second[2], second[0], second[4]));
  }
}
