package dev.ec2double.compute;

import java.time.Duration;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the compute backend: {@code docker}, {@code mock}, or {@code auto}. The engine backends
 * are {@link BackendProvider}s on the class path; this class names none of them.
 */
public final class Backends {
  private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

  /** The backend {@code auto} tries before it falls back to {@code mock}. */
  private static final String DOCKER = "docker";

  private Backends() {}

  public static ComputeBackend select(String mode, String serverId) {
    return select(mode, serverId, false, EngineSettings.DEFAULT);
  }

  /**
   * @param watched on the docker backend, start a watchdog process that removes what the server
   *     made if the server is killed before it can
   */
  public static ComputeBackend select(
      String mode, String serverId, boolean watched, EngineSettings engine) {
    switch (mode) {
      case "mock":
        return new MockBackend();
      case DOCKER:
        try {
          return docker().connect(engine, Duration.ofSeconds(5), serverId, watched);
        } catch (RuntimeException e) {
          throw new IllegalStateException(
              "--backend docker was asked for, but no Docker engine answers ("
                  + e.getMessage()
                  + "). Start one, point --docker-host (or DOCKER_HOST) at one, or use --backend"
                  + " mock.",
              e);
        }
      case "auto":
        try {
          return docker().connect(engine, Duration.ofSeconds(2), serverId, watched);
        } catch (RuntimeException e) {
          LOG.warn(
              "\n**********************************************************************\n"
                  + "* No Docker engine answers: running the MOCK backend.               *\n"
                  + "* Instances, networks and volumes will be records only; nothing     *\n"
                  + "* runs. Start Docker or set DOCKER_HOST for real instances.         *\n"
                  + "**********************************************************************");
          return new MockBackend();
        }
      default:
        throw new IllegalArgumentException(
            "unknown backend '" + mode + "': use docker, mock or auto");
    }
  }

  private static BackendProvider docker() {
    return provider(DOCKER)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the docker backend is not on the class path (ec2-double-compute-docker)"));
  }

  /** The provider of a backend on the class path, by its name. */
  static Optional<BackendProvider> provider(String name) {
    for (BackendProvider p :
        ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
      if (p.name().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
