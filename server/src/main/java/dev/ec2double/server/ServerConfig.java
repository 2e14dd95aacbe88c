package dev.ec2double.server;

import dev.ec2double.core.Quotas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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

  /** Where the docker backend finds the engine, and how long one call may take. */
  public dev.ec2double.compute.EngineSettings engine() {
    return new dev.ec2double.compute.EngineSettings(
        get(Option.DOCKER_HOST),
        java.time.Duration.ofSeconds(Long.parseLong(get(Option.ENGINE_TIMEOUT))));
  }

  public String account() {
    return get(Option.ACCOUNT);
  }

  /** AMI id to image reference: the file's mappings, then the ones given directly. */
  public Map<String, String> amis() {
    Map<String, String> amis = new LinkedHashMap<>(readAmiFile(get(Option.AMI_FILE)));
    amis.putAll(parseAmis(get(Option.AMI)));
    return amis;
  }

  static Map<String, String> readAmiFile(String path) {
    if (path.isEmpty()) {
      return Map.of();
    }
    try {
      StringBuilder pairs = new StringBuilder();
      for (String line : Files.readAllLines(Path.of(path))) {
        String l = line.replaceFirst("#.*", "").trim();
        if (!l.isEmpty()) {
          pairs.append(l).append(',');
        }
      }
      return parseAmis(pairs.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read ami-file " + path + ": " + e.getMessage());
    }
  }

  public boolean cleanup() {
    return Boolean.parseBoolean(get(Option.CLEANUP));
  }

  /** The state directory, or empty when the state is not saved. */
  public String stateDir() {
    return get(Option.STATE_DIR);
  }

  /**
   * The hosts file for the load balancers' names: the option, else this JVM's own {@code
   * jdk.net.hosts.file} (a server in the test JVM of @Ec2Test), else none (null).
   */
  public java.nio.file.Path hostsFile() {
    String file = get(Option.HOSTS_FILE);
    if (file.isEmpty()) {
      file = System.getProperty("jdk.net.hosts.file", "");
    }
    return file.isEmpty() ? null : java.nio.file.Path.of(file);
  }

  /** enforce, off or auto. */
  public String securityGroups() {
    return get(Option.SECURITY_GROUPS);
  }

  public boolean strictAuth() {
    return Boolean.parseBoolean(get(Option.STRICT_AUTH));
  }

  /** Secret access key by access key id, for --strict-auth. */
  public Map<String, String> credentials() {
    return parseCredentials(get(Option.CREDENTIALS));
  }

  /** Whether instances get the API's endpoint and region in their environment. */
  public boolean instanceApiEndpoint() {
    return Boolean.parseBoolean(get(Option.INSTANCE_API_ENDPOINT));
  }

  /** Role name by instance profile name, from --instance-profile. */
  public Map<String, String> instanceProfileRoles() {
    Map<String, String> roles = new LinkedHashMap<>();
    for (String pair : get(Option.INSTANCE_PROFILE).split(",")) {
      String p = pair.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0 || eq == p.length() - 1) {
        throw new IllegalArgumentException(
            "instance-profile looks like PROFILE=ROLE[,PROFILE2=ROLE2], not '" + p + "'");
      }
      roles.put(p.substring(0, eq), p.substring(eq + 1));
    }
    return roles;
  }

  /** How long the instance role credentials of the metadata service are valid. */
  public java.time.Duration roleCredentialsLifetime() {
    String text = get(Option.ROLE_CREDENTIALS_LIFETIME);
    try {
      long seconds = Long.parseLong(text.trim());
      if (seconds > 0) {
        return java.time.Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException(
        "role-credentials-lifetime is a number of seconds above 0, not '" + text + "'");
  }

  /** How many API calls the request log keeps (0: none). */
  public int requestLogSize() {
    String text = get(Option.REQUEST_LOG_SIZE);
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException(
        "request-log-size is a number of calls, 0 or more, not '" + text + "'");
  }

  /** The resource limits: AWS's defaults, with what --quota sets. */
  public Quotas quotas() {
    return Quotas.parse(get(Option.QUOTA));
  }

  static Map<String, String> parseCredentials(String text) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      String p = pair.trim();
      if (p.isEmpty()) {
        continue;
      }
      int colon = p.indexOf(':');
      if (colon <= 0 || colon == p.length() - 1) {
        // never echo the text: it holds secrets
        throw new IllegalArgumentException(
            "credentials look like AKID:SECRET[,AKID2:SECRET2]; one pair is not of that form");
      }
      keys.put(p.substring(0, colon), p.substring(colon + 1));
    }
    return keys;
  }

  static Map<String, String> parseAmis(String text) {
    Map<String, String> amis = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      String p = pair.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0 || eq == p.length() - 1 || !p.substring(0, eq).matches("ami-[0-9a-f]{8,17}")) {
        throw new IllegalArgumentException(
            "ami mappings look like ami-0123456789abcdef0=IMAGE, got '" + p + "'");
      }
      amis.put(p.substring(0, eq), p.substring(eq + 1));
    }
    return amis;
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

    /** Adds one AMI mapping; AMIs accumulate across calls. */
    public Builder ami(String amiId, String image) {
      String current = explicit.get(Option.AMI);
      String pair = amiId + "=" + image;
      return set(Option.AMI, current == null || current.isEmpty() ? pair : current + "," + pair);
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
      ServerConfig config = new ServerConfig(values);
      config.instanceProfileRoles(); // refused at start, not at the first launch
      config.roleCredentialsLifetime();
      config.requestLogSize();
      return config;
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
      parseAmis(values.get(Option.AMI));
      readAmiFile(values.get(Option.AMI_FILE));
      String cleanup = values.get(Option.CLEANUP);
      if (!cleanup.equals("true") && !cleanup.equals("false")) {
        throw new IllegalArgumentException("cleanup must be true or false, got '" + cleanup + "'");
      }
      String endpoint = values.get(Option.INSTANCE_API_ENDPOINT);
      if (!endpoint.equals("true") && !endpoint.equals("false")) {
        throw new IllegalArgumentException(
            "instance-api-endpoint must be true or false, got '" + endpoint + "'");
      }
      String strict = values.get(Option.STRICT_AUTH);
      if (!strict.equals("true") && !strict.equals("false")) {
        throw new IllegalArgumentException(
            "strict-auth must be true or false, got '" + strict + "'");
      }
      Map<String, String> credentials = parseCredentials(values.get(Option.CREDENTIALS));
      if (strict.equals("true") && credentials.isEmpty()) {
        throw new IllegalArgumentException(
            "strict-auth needs credentials to check against: --credentials AKID:SECRET");
      }
      Quotas.parse(values.get(Option.QUOTA));
      String backend = values.get(Option.BACKEND);
      if (!backend.equals("docker") && !backend.equals("mock") && !backend.equals("auto")) {
        throw new IllegalArgumentException(
            "backend must be docker, mock or auto, got '" + backend + "'");
      }
      String timeout = values.get(Option.ENGINE_TIMEOUT);
      if (!timeout.matches("[1-9][0-9]{0,4}")) {
        throw new IllegalArgumentException(
            "engine-timeout must be a number of seconds from 1 to 99999, got '" + timeout + "'");
      }
      String host = values.get(Option.DOCKER_HOST);
      if (!host.isEmpty() && !host.matches("(unix|tcp|npipe)://.+")) {
        throw new IllegalArgumentException(
            "docker-host looks like unix:///var/run/docker.sock or tcp://HOST:PORT, got '"
                + host
                + "'");
      }
      String groups = values.get(Option.SECURITY_GROUPS);
      if (!groups.equals("enforce") && !groups.equals("off") && !groups.equals("auto")) {
        throw new IllegalArgumentException(
            "security-groups must be enforce, off or auto, got '" + groups + "'");
      }
      if (!values.get(Option.ACCOUNT).matches("\\d{12}")) {
        throw new IllegalArgumentException(
            "account must be 12 digits, got '" + values.get(Option.ACCOUNT) + "'");
      }
    }
  }
}
