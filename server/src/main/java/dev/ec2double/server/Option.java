package dev.ec2double.server;

/**
 * Every setting of the server, in one namespace: CLI flag {@code --name}, system property {@code
 * ec2double.name}, environment variable {@code EC2DOUBLE_NAME}. The README table lists the same
 * rows (OptionTableTest keeps them in step).
 */
public enum Option {
  PORT("port", "4750", "TCP port of the API (0 picks a free one)."),
  HOST("host", "127.0.0.1", "Address the API binds to; loopback by default."),
  BACKEND("backend", "auto", "docker, mock, or auto (docker when an engine answers, else mock)."),
  DOCKER_HOST(
      "docker-host",
      "",
      "The Docker engine of the docker backend, unix:///PATH or tcp://HOST:PORT; empty: DOCKER_HOST,"
          + " else the local socket."),
  ENGINE_TIMEOUT(
      "engine-timeout",
      "20",
      "Seconds one Docker engine call may go unanswered before the API call fails with"
          + " InternalError; docs/faults.md."),
  ACCOUNT(
      "account",
      "123456789012",
      "Account id for access keys that are not themselves a 12-digit account id."),
  AMI("ami", "", "AMI to image mappings, ami-ID=IMAGE; repeat the flag or separate with commas."),
  AMI_FILE(
      "ami-file", "", "A file of AMI mappings, one ami-ID=IMAGE per line; # starts a comment."),
  CLEANUP(
      "cleanup",
      "true",
      "Remove the containers, networks and volumes this server made when it stops."),
  SECURITY_GROUPS(
      "security-groups",
      "auto",
      "enforce, off, or auto: enforce security groups and network ACLs with the engine host's"
          + " packet filter;"
          + " auto enforces where the server can program it and otherwise logs why not."),
  STRICT_AUTH(
      "strict-auth",
      "false",
      "Verify SigV4 signatures against --credentials; off: any key and secret are accepted."),
  CREDENTIALS(
      "credentials",
      "",
      "Access keys for --strict-auth, AKID:SECRET; separate pairs with commas. Prefer the"
          + " environment variable: flags show in the process list."),
  STATE_DIR(
      "state-dir",
      "",
      "Save the state in this directory and take it up again on the next start: resources, tags,"
          + " and the instances, networks and volumes left running, which are adopted"
          + " (docs/persistence.md). Empty: nothing is saved."),
  HOSTS_FILE(
      "hosts-file",
      "",
      "A hosts file in which the load balancers' DNS names are kept, for resolvers that read it:"
          + " /etc/hosts, or a JVM's -Djdk.net.hosts.file (the default in a JVM that has it set);"
          + " docs/load-balancers.md. Empty: none."),
  QUOTA(
      "quota",
      "",
      "Resource limits per account and region, NAME=N separated by commas (vcpus, instances,"
          + " key-pairs, ...); docs/security.md lists names and AWS's defaults."),
  INSTANCE_API_ENDPOINT(
      "instance-api-endpoint",
      "true",
      "Give instances this server's API (reachable from their VPC) and region in AWS_ENDPOINT_URL,"
          + " the per-service AWS_ENDPOINT_URL_* and AWS_REGION; false: none (docs/instance-roles.md)."),
  INSTANCE_PROFILE(
      "instance-profile",
      "",
      "Roles of instance profiles, PROFILE=ROLE separated by commas; a profile not listed has the"
          + " role of its own name (docs/instance-roles.md)."),
  ROLE_CREDENTIALS_LIFETIME(
      "role-credentials-lifetime",
      "21600",
      "Seconds the instance role credentials of the metadata service are valid; new ones are"
          + " served in the last sixth of that time."),
  REQUEST_LOG_SIZE(
      "request-log-size",
      "1000",
      "API calls kept for /_ec2double/requests and the dashboard, newest first, bodies included"
          + " (at most 8 MiB of them); 0: none are kept.");

  private final String key;
  private final String defaultValue;
  private final String description;

  Option(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String flag() {
    return "--" + key;
  }

  public String property() {
    return "ec2double." + key;
  }

  public String env() {
    return "EC2DOUBLE_" + key.toUpperCase().replace('-', '_');
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}
