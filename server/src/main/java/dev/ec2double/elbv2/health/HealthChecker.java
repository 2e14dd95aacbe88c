package dev.ec2double.elbv2.health;

import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.Matcher;
import dev.ec2double.elbv2.TargetAddresses;
import dev.ec2double.elbv2.TargetGroupRecord;
import dev.ec2double.elbv2.TargetInstances;
import dev.ec2double.elbv2.TargetRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;

/**
 * Runs every target group's health checks for real: each target is probed with {@code GET PATH} on
 * its health check port at the group's interval, with its timeout, and judged by its matcher and
 * thresholds
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html).
 * An instance that is not running is {@code unused} without a probe; draining targets are forgotten
 * when their deregistration delay is over.
 */
public final class HealthChecker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);
  private static final long TICK_MS = 200;

  private final Supplier<Collection<Elbv2Store>> stores;
  private final TargetInstances instances;
  private final TargetAddresses addresses;
  private final ScheduledExecutorService ticker;
  private HttpClient client;
  private HttpClient httpsClient;

  public HealthChecker(Supplier<Collection<Elbv2Store>> stores, TargetInstances instances) {
    this.stores = stores;
    this.instances = instances;
    this.addresses = new TargetAddresses(instances);
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "alb-health-ticker");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      Instant now = Instant.now();
      long nanos = System.nanoTime();
      for (Elbv2Store store : stores.get()) {
        for (TargetGroupRecord group : store.targetGroups.values()) {
          group.forgetDrained(now);
          for (TargetRecord target : group.targets()) {
            check(store, group, target, nanos);
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("health check round failed", e);
    }
  }

  private void check(Elbv2Store store, TargetGroupRecord group, TargetRecord target, long nanos) {
    TargetGroup tg = group.sdk();
    if (group.isInstanceType()) {
      TargetInstances.Instance instance = instances.find(store.region(), target.id);
      if (instance == null || !instance.running()) {
        target.invalidState(instance == null ? "terminated" : instance.state());
        return;
      }
    }
    if (!Boolean.TRUE.equals(tg.healthCheckEnabled())) {
      return;
    }
    long interval = TimeUnit.SECONDS.toNanos(tg.healthCheckIntervalSeconds());
    if (!target.claimProbe(nanos, interval)) {
      return;
    }
    String address = addresses.of(store.region(), group, target);
    if (address == null) {
      target.probeDone();
      return;
    }
    int port =
        "traffic-port".equals(tg.healthCheckPort())
            ? target.port
            : Integer.parseInt(tg.healthCheckPort());
    if (tg.healthCheckProtocol() == ProtocolEnum.TCP) {
      tcp(tg, target, address, port);
      return;
    }
    Matcher matcher = Matcher.parse(tg.matcher() == null ? "200" : tg.matcher().httpCode());
    try {
      probe(
          tg.healthCheckProtocol() == ProtocolEnum.HTTPS,
          address,
          port,
          tg.healthCheckPath(),
          tg.healthCheckTimeoutSeconds(),
          "ELB-HealthChecker/2.0",
          result -> {
            try {
              int status = result.status();
              if (status > 0 && matcher.matches(status)) {
                target.passed(tg.healthyThresholdCount());
              } else if (status > 0) {
                target.failed(
                    tg.unhealthyThresholdCount(),
                    TargetHealthReasonEnum.TARGET_RESPONSE_CODE_MISMATCH,
                    "Health checks failed with these codes: [" + status + "]");
              } else {
                noAnswer(tg, target, result.failure() == Failure.RESPONSE_TIMEOUT);
              }
            } finally {
              target.probeDone();
            }
          });
    } catch (RuntimeException e) {
      target.probeDone();
      throw e;
    }
  }

  /** Why a probe got no HTTP answer. */
  public enum Failure {
    CONNECTION_TIMEOUT,
    RESPONSE_TIMEOUT,
    CONNECTION_REFUSED,
    CONNECTION_RESET
  }

  /** How a probe ended: the HTTP status of the answer (0 for none) or why there was none. */
  public record Probe(int status, Failure failure) {}

  /**
   * One HTTP(S) health check request, {@code GET path} to the address and port within the timeout,
   * as target groups make it; other features' checks (EC2 application status checks) use it too, so
   * the server has one prober. {@code done} runs on the client's threads.
   */
  public void probe(
      boolean https,
      String address,
      int port,
      String path,
      int timeoutSeconds,
      String userAgent,
      java.util.function.Consumer<Probe> done) {
    String host = address.contains(":") ? "[" + address + "]" : address;
    String uri = (https ? "https://" : "http://") + host + ":" + port + path;
    (https ? https() : http())
        .newRequest(uri)
        .timeout(timeoutSeconds, TimeUnit.SECONDS)
        .headers(h -> h.put(HttpHeader.USER_AGENT, userAgent))
        .send(
            result -> {
              int status = result.getResponse() == null ? 0 : result.getResponse().getStatus();
              done.accept(
                  status > 0
                      ? new Probe(status, null)
                      : new Probe(0, failure(result.getFailure())));
            });
  }

  private static Failure failure(Throwable failure) {
    if (failure instanceof TimeoutException) {
      return Failure.RESPONSE_TIMEOUT;
    }
    if (failure instanceof java.net.SocketTimeoutException) {
      return Failure.CONNECTION_TIMEOUT;
    }
    if (failure instanceof java.net.ConnectException
        || failure instanceof java.net.NoRouteToHostException) {
      String message = String.valueOf(failure.getMessage()).toLowerCase(java.util.Locale.ROOT);
      return message.contains("timed out")
          ? Failure.CONNECTION_TIMEOUT
          : Failure.CONNECTION_REFUSED;
    }
    return Failure.CONNECTION_RESET;
  }

  /**
   * The client of HTTP health checks, made at the first: a server with no target group to check
   * starts no HTTP client (and loads no TLS classes, which Jetty's client starts with).
   */
  private synchronized HttpClient http() {
    if (client == null) {
      QueuedThreadPool threads = new QueuedThreadPool(16, 1);
      threads.setName("alb-health");
      threads.setDaemon(true);
      HttpClient c = new HttpClient();
      c.setExecutor(threads);
      c.setFollowRedirects(false);
      c.setUserAgentField(null);
      c.setMaxConnectionsPerDestination(4);
      try {
        c.start();
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the health checker's HTTP client", e);
      }
      client = c;
    }
    return client;
  }

  /**
   * The client of HTTPS health checks, made at the first: AWS does not validate the certificates of
   * targets, so it trusts every one.
   */
  private synchronized HttpClient https() {
    if (httpsClient == null) {
      org.eclipse.jetty.io.ClientConnector connector = new org.eclipse.jetty.io.ClientConnector();
      connector.setSslContextFactory(new org.eclipse.jetty.util.ssl.SslContextFactory.Client(true));
      HttpClient c =
          new HttpClient(
              new org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP(connector));
      c.setExecutor(http().getExecutor());
      c.setFollowRedirects(false);
      c.setUserAgentField(null);
      try {
        c.start();
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the HTTPS health check client", e);
      }
      httpsClient = c;
    }
    return httpsClient;
  }

  /** A network load balancer's TCP health check: a connection that opens passes. */
  private void tcp(TargetGroup tg, TargetRecord target, String address, int port) {
    TcpProbe.probe(
        address,
        port,
        tg.healthCheckTimeoutSeconds(),
        ticker,
        outcome -> {
          try {
            switch (outcome) {
              case CONNECTED -> target.passed(tg.healthyThresholdCount());
              default -> noAnswer(tg, target, outcome == TcpProbe.Outcome.TIMED_OUT);
            }
          } finally {
            target.probeDone();
          }
        });
  }

  /** A probe that got no answer: timed out, or failed otherwise. */
  private static void noAnswer(TargetGroup tg, TargetRecord target, boolean timedOut) {
    if (timedOut) {
      target.failed(
          tg.unhealthyThresholdCount(), TargetHealthReasonEnum.TARGET_TIMEOUT, "Request timed out");
    } else {
      target.failed(
          tg.unhealthyThresholdCount(),
          TargetHealthReasonEnum.TARGET_FAILED_HEALTH_CHECKS,
          "Health checks failed");
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      synchronized (this) {
        if (client != null) {
          client.stop();
        }
        if (httpsClient != null) {
          httpsClient.stop();
        }
      }
    } catch (Exception e) {
      LOG.warn("could not stop the health checker's HTTP client: {}", e.getMessage());
    }
  }
}
