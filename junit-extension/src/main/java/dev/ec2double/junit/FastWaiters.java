package dev.ec2double.junit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.waiters.ElasticLoadBalancingV2Waiter;

/**
 * The injected clients, whose {@code waiter()} polls every {@link #POLL} instead of the SDK's 15 s.
 * An SDK client's own {@code waiter()} takes no configuration, so the injected client is a proxy of
 * the built one that answers {@code waiter()} with a waiter configured here and passes every other
 * call through.
 */
final class FastWaiters {
  /** Between two polls: an instance runs 1 to 4 s after RunInstances here, not a minute. */
  static final Duration POLL = Duration.ofMillis(250);

  /** As long as the SDK's default waits in all (40 polls of 15 s). */
  static final Duration TIMEOUT = Duration.ofMinutes(10);

  private FastWaiters() {}

  static WaiterOverrideConfiguration configuration() {
    return WaiterOverrideConfiguration.builder()
        .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(POLL))
        .maxAttempts((int) (TIMEOUT.toMillis() / POLL.toMillis()))
        .waitTimeout(TIMEOUT)
        .build();
  }

  static Ec2Client ec2(Ec2Client client) {
    return withWaiter(
        Ec2Client.class,
        client,
        () -> Ec2Waiter.builder().client(client).overrideConfiguration(configuration()).build());
  }

  static ElasticLoadBalancingV2Client elbv2(ElasticLoadBalancingV2Client client) {
    return withWaiter(
        ElasticLoadBalancingV2Client.class,
        client,
        () ->
            ElasticLoadBalancingV2Waiter.builder()
                .client(client)
                .overrideConfiguration(configuration())
                .build());
  }

  private static <T> T withWaiter(Class<T> type, T client, Supplier<?> waiter) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("waiter") && method.getParameterCount() == 0) {
            return waiter.get(); // a new one each time, as the SDK's: closing it is harmless
          }
          try {
            return method.invoke(client, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
