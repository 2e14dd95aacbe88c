package dev.ec2double.server;

import java.util.EnumMap;
import java.util.Map;

/**
 * The server's settings. Precedence: an explicit value (CLI flag or builder), then the system
 * property, then the environment variable, then the default.
 */
public final class ServerConfig {
  private final Map<Option, String> values;

  private ServerConfig(Map<Option, String> values) {
    this.values = values;
  }

  public static Builder builder() {
    return new Builder(System.getenv());
  }

  public static Builder builder(Map<String, String> env) {
    return new Builder(env);
  }

  public String get(Option option) {
    return values.get(option);
  }

  public int port() {
    return Integer.parseInt(get(Option.PORT));
  }

  public String host() {
    return get(Option.HOST);
  }

  public String backend() {
    return get(Option.BACKEND);
  }

  public String account() {
    return get(Option.ACCOUNT);
  }

  /** Builds a configuration; values set here win over properties, environment and defaults. */
  public static final class Builder {
    private final Map<String, String> env;
    private final Map<Option, String> explicit = new EnumMap<>(Option.class);

    private Builder(Map<String, String> env) {
      this.env = env;
    }

    public Builder set(Option option, String value) {
      explicit.put(option, value);
      return this;
    }

    public Builder port(int port) {
      return set(Option.PORT, Integer.toString(port));
    }

    public Builder backend(String backend) {
      return set(Option.BACKEND, backend);
    }

    public ServerConfig build() {
      Map<Option, String> values = new EnumMap<>(Option.class);
      for (Option o : Option.values()) {
        String v = explicit.get(o);
        if (v == null) {
          v = System.getProperty(o.property());
        }
        if (v == null) {
          v = env.get(o.env());
        }
        values.put(o, v == null ? o.defaultValue() : v.trim());
      }
      validate(values);
      return new ServerConfig(values);
    }

    private static void validate(Map<Option, String> values) {
      String port = values.get(Option.PORT);
      try {
        int p = Integer.parseInt(port);
        if (p < 0 || p > 65535) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "port must be a number from 0 to 65535, got '" + port + "'");
      }
      String backend = values.get(Option.BACKEND);
      if (!backend.equals("docker") && !backend.equals("mock") && !backend.equals("auto")) {
        throw new IllegalArgumentException(
            "backend must be docker, mock or auto, got '" + backend + "'");
      }
      if (!values.get(Option.ACCOUNT).matches("\\d{12}")) {
        throw new IllegalArgumentException(
            "account must be 12 digits, got '" + values.get(Option.ACCOUNT) + "'");
      }
    }
  }
}
