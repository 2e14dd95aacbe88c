package dev.ec2double.junit;

import java.util.Locale;

/** The server's compute backend, as {@code --backend} names it. */
public enum Backend {
  /** Docker when an engine answers, else mock (the server warns loudly). */
  AUTO,
  /** Instances are containers; fails at start when no engine answers. */
  DOCKER,
  /** The same API and state machine with nothing running behind it. */
  MOCK;

  /** The value of the server's {@code backend} option. */
  public String option() {
    return name().toLowerCase(Locale.ROOT);
  }
}
