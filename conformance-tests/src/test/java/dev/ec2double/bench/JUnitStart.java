package dev.ec2double.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

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
      long[][] f =
          Forked.figures(java, List.of("-Dec2double.warmup=" + warm), JUnitStart.class, "junit", 5);
      String how = warm ? "with the warm-up" : "warm-up off";
      line.accept(
          Forked.row(
              "JUnit run" + jvm + ", " + how + ": the extension's start to the first answer",
              f[1]));
      line.accept(
          Forked.row(
              "JUnit run"
                  + jvm
                  + ", "
                  + how
                  + ": launcher created to the first answer (discovery included)",
              f[0]));
    }
  }
}
