package dev.ec2double.junit;

import dev.ec2double.server.Ec2DoubleServer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.regions.Region;

/**
 * Where the server of a test runs and how to talk to it: inject it as a test parameter to point
 * another AWS SDK client, the AWS CLI or a tool like Terraform at the server.
 */
public final class Ec2DoubleRuntimeInfo {
  /**
   * The access key every injected client uses. It is not a 12-digit number, so the server files its
   * requests under the server's default account ({@link #account()}).
   */
  public static final String ACCESS_KEY = "AKIAEC2DOUBLETESTKEY";

  /** The secret key every injected client uses; the server does not check signatures. */
  public static final String SECRET_KEY = "ec2-double-secret-access-key";

  private final Ec2DoubleServer server;
  private final String region;

  Ec2DoubleRuntimeInfo(Ec2DoubleServer server, String region) {
    this.server = server;
    this.region = region;
  }

  /** The API endpoint, e.g. {@code http://127.0.0.1:43521}. */
  public URI endpoint() {
    return server.endpoint();
  }

  public int port() {
    return server.port();
  }

  /** The region the injected clients use. */
  public String region() {
    return region;
  }

  /** The account the injected clients' resources belong to (in ARNs and owner ids). */
  public String account() {
    return server.config().account();
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  /**
   * Points any AWS SDK v2 client builder at the server: endpoint, region and static credentials.
   * The HTTP client is left to the caller.
   */
  public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
    return builder
        .endpointOverride(endpoint())
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
  }

  /**
   * Environment variables that point the AWS CLI (v2.13 or later, for {@code AWS_ENDPOINT_URL}) and
   * other tools at the server, for a {@code ProcessBuilder}'s environment.
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_ENDPOINT_URL", endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    env.put("AWS_DEFAULT_REGION", region);
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    return env;
  }

  /**
   * Waiter settings for an instance that runs within seconds: a poll every 250 ms, for at most 10
   * minutes. The injected clients' {@code waiter()} uses them; give them to the waiters of your own
   * clients, e.g. {@code
   * Ec2Waiter.builder().client(ec2).overrideConfiguration(info.waiterOverride())} (the SDK's
   * default polls every 15 s).
   */
  public WaiterOverrideConfiguration waiterOverride() {
    return FastWaiters.configuration();
  }

  /**
   * The server's control API ({@code POST /_ec2double/reset}, docs/control-api.md), for tools
   * outside this JVM that share the server.
   */
  public URI controlEndpoint() {
    return endpoint().resolve("/_ec2double/");
  }

  /** The live dashboard of this server (docs/dashboard.md): open it while a test is paused. */
  public URI dashboardUrl() {
    return endpoint().resolve("/_ec2double/ui/");
  }

  /**
   * Puts the server back to a fresh one: every resource of every account and region forgotten, and
   * what the backend made for them (containers, networks, volumes, listeners) removed. What {@code
   * POST /_ec2double/reset} does; with {@link Isolation#PER_METHOD} the extension does it before
   * each test.
   */
  public void reset() {
    server.reset();
  }

  /**
   * Injects a fault, as {@code POST /_ec2double/faults} does (docs/testing-with-faults.md): {@code
   * spot-interruption}, {@code scheduled-reboot}, {@code scheduled-stop}, {@code
   * instance-impaired}, {@code system-impaired} (an instance id as target) or {@code zone-outage}
   * (a zone name).
   *
   * @param noticeSeconds the notice of a timed fault, or null for the default (120 s)
   * @return the fault's id, for {@link #clearFault}
   * @throws IllegalArgumentException for a kind or target that does not exist
   */
  public String injectFault(String kind, String target, Integer noticeSeconds) {
    return server.faults().inject(kind, target, noticeSeconds).id();
  }

  /** Clears one fault (a timed one not yet due never happens); false when there is none. */
  public boolean clearFault(String id) {
    return server.faults().clear(id);
  }

  /** Clears every fault. */
  public void clearFaults() {
    server.faults().clearAll();
  }

  /** The in-process server itself, for what the API does not show. */
  public Ec2DoubleServer server() {
    return server;
  }

  @Override
  public String toString() {
    return "ec2-double at " + endpoint() + " (" + region + ", account " + account() + ")";
  }
}
