package dev.ec2double.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The JUnit extension as a build tool runs it: a fresh JVM opens a launcher, discovers and runs
 * {@link FirstAnswerProbe}. Figures: from the launcher's creation to the first answer (what the
 * server adds to a run, discovery included), and from the extension's start to the first answer;
 * with the extension's warm-up (a throwaway server started while JUnit discovers) and without.
 */
final class JUnitStart {
  private JUnitStart() {}

  /** One round, in its own process: prints the two figures in milliseconds. */
  public static void main(String[] args) {
    long t0 = System.nanoTime();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(FirstAnswerProbe.class))
            .build(),
        summary);
    if (summary.getSummary().getTestsSucceededCount() != 1) {
      summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.out, true), 20);
      System.exit(1);
    }
    System.out.println(
        "junit "
            + (FirstAnswerProbe.firstAnswer - t0) / 1_000_000
            + " "
            + (FirstAnswerProbe.firstAnswer - FirstAnswerProbe.extensionStart) / 1_000_000);
    System.exit(0);
  }

  /** Five rounds each way; the rows of the start table. */
  static void run(Consumer<String> line, String java, String jvm) throws Exception {
    for (boolean warm : new boolean[] {true, false}) {
      long[] run = new long[5];
      long[] ext = new long[5];
      for (int i = 0; i < run.length; i++) {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(Servers.JVM_FLAGS);
        cmd.add("-Dec2double.warmup=" + warm);
        cmd.addAll(
            List.of("-cp", System.getProperty("java.class.path"), JUnitStart.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          for (String l = r.readLine(); l != null; l = r.readLine()) {
            out.append(l).append('\n');
            if (l.startsWith("junit ")) {
              String[] f = l.split(" ");
              run[i] = Long.parseLong(f[1]);
              ext[i] = Long.parseLong(f[2]);
            }
          }
        }
        if (p.waitFor() != 0) {
          throw new IllegalStateException("the JUnit run failed:\n" + out);
        }
      }
      Arrays.sort(run);
      Arrays.sort(ext);
      String how = warm ? "with the warm-up" : "warm-up off";
      line.accept(
          String.format(
              "| JUnit run%s, %s: the extension's start to the first answer | %d ms | %d ms | %d"
                  + " ms |",
              jvm, how, ext[2], ext[0], ext[4]));
      line.accept(
          String.format(
              "| JUnit run%s, %s: launcher created to the first answer (discovery included) | %d"
                  + " ms | %d ms | %d ms |",
              jvm, how, run[2], run[0], run[4]));
    }
  }
}
