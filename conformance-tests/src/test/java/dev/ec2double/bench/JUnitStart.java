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

  /**
   * One round, in its own process: prints the two figures in milliseconds; with {@code
   * -Dbench.baseline=true}, {@link PlainProbe} instead and one figure (to its test; run with the
   * warm-up off, as a project without ec2-double has none).
   */
  public static void main(String[] args) {
    boolean baseline = Boolean.getBoolean("bench.baseline");
    long t0 = System.nanoTime();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(baseline ? PlainProbe.class : FirstAnswerProbe.class))
            .build(),
        summary);
    if (summary.getSummary().getTestsSucceededCount() != 1) {
      summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.out, true), 20);
      System.exit(1);
    }
    System.out.println(
        baseline
            ? "junit " + (PlainProbe.ran - t0) / 1_000_000
            : "junit "
                + (FirstAnswerProbe.firstAnswer - t0) / 1_000_000
                + " "
                + (FirstAnswerProbe.firstAnswer - FirstAnswerProbe.extensionStart) / 1_000_000);
    System.exit(0);
  }

  /** Five rounds each way, and five of the baseline; the rows of the start table. */
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
    long[][] plain =
        Forked.figures(
            java,
            List.of("-Dbench.baseline=true", "-Dec2double.warmup=false"),
            JUnitStart.class,
            "junit",
            5);
    line.accept(
        Forked.row(
            "JUnit run"
                + jvm
                + " of a class without ec2-double: launcher created to its test (JUnit alone)",
            plain[0]));
  }
}
