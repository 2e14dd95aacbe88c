package dev.ec2double.compute;

import java.time.Duration;

/**
 * How to reach the engine.
 *
 * @param dockerHost the engine's address ({@code unix:///var/run/docker.sock}, {@code
 *     tcp://127.0.0.1:2375}); empty for docker's own choice ({@code DOCKER_HOST}, else the local
 *     socket)
 * @param callTimeout how long one engine call may go without an answer before it fails
 */
public record EngineSettings(String dockerHost, Duration callTimeout) {
  public static final EngineSettings DEFAULT = new EngineSettings("", Duration.ofSeconds(20));
}
