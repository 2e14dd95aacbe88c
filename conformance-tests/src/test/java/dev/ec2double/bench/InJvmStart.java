package dev.ec2double.bench;

import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
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
    long[][] f = Forked.figures(java, List.of(), InJvmStart.class, "in-jvm", 5);
    line.accept(Forked.row("in-JVM (JUnit extension)" + jvm + ", start to first answer", f[0]));
    line.accept(Forked.row("in-JVM" + jvm + ", a second server in the same JVM", f[1]));
  }
}
