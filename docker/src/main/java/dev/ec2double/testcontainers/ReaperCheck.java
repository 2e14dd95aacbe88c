package dev.ec2double.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * Testcontainers starts its reaper, Ryuk, before the first container, from an image it pulls; where
 * no registry answers it retries for minutes without a word. Only an environment variable switches
 * Ryuk off, which a library cannot set for its own JVM. So before the first start, this looks for
 * the image on the engine (and tries one pull), and fails at once, naming the fix, when it is not
 * to be had.
 */
final class ReaperCheck {
  static final String DISABLE = "TESTCONTAINERS_RYUK_DISABLED";

  /** What Testcontainers 2.0.5's RyukContainer starts, before its image-name substitution. */
  static final String RYUK_IMAGE = "testcontainers/ryuk:0.14.0";

  /** One pull attempt; where no registry is reachable it fails within a second. */
  static final long PULL_TIMEOUT_S = 60;

  private static volatile boolean checked;

  private ReaperCheck() {}

  /** Once per JVM, before Testcontainers' first container, unless Ryuk is off. */
  static void beforeFirstStart() {
    if (checked || Boolean.parseBoolean(System.getenv(DISABLE))) {
      return;
    }
    synchronized (ReaperCheck.class) {
      if (checked) {
        return;
      }
      String image =
          ImageNameSubstitutor.instance()
              .apply(DockerImageName.parse(RYUK_IMAGE))
              .asCanonicalNameString();
      // Not DockerClientFactory.client(): that is what starts Ryuk.
      DockerClient docker =
          DockerClientProviderStrategy.getClientForConfig(
              DockerClientFactory.instance().getTransportConfig());
      try {
        available(docker, image);
      } finally {
        try {
          docker.close();
        } catch (IOException ignored) {
          // a local client: nothing held
        }
      }
      checked = true;
    }
  }

  /** Returns when the image is on the engine or was pulled; else throws the fix. */
  static void available(DockerClient docker, String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return;
    } catch (NotFoundException absent) {
      // try one pull below
    }
    String why;
    try {
      DockerImageName name = DockerImageName.parse(image);
      boolean done =
          docker
              .pullImageCmd(name.getUnversionedPart())
              .withTag(name.getVersionPart())
              .start()
              .awaitCompletion(PULL_TIMEOUT_S, TimeUnit.SECONDS);
      if (done) {
        docker.inspectImageCmd(image).exec();
        return;
      }
      why = "no answer within " + PULL_TIMEOUT_S + " s";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      why = "interrupted";
    } catch (RuntimeException e) {
      why = e.getMessage() == null ? e.toString() : e.getMessage().strip();
    }
    throw new IllegalStateException(
        "ec2-double: Testcontainers needs its reaper image "
            + image
            + ", which is not on the Docker engine and cannot be pulled ("
            + why
            + "). Without it Testcontainers would retry for minutes. Where no registry is"
            + " reachable, set the environment variable "
            + DISABLE
            + "=true for the test JVM (Maven: Surefire's and Failsafe's <environmentVariables>;"
            + " a testcontainers.properties setting is not enough), and stop what you start;"
            + " or load the image into the engine. See docs/testcontainers.md.");
  }
}
