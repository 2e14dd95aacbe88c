package dev.ec2double.junit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The extension behind {@link Ec2Test}; register it yourself, made by {@link #builder()}, on a
 * {@code @RegisterExtension} field to set options in code.
 *
 * <p>Servers live in JUnit's root store, one per distinct configuration, and stop when the engine
 * finishes. The clients it injects are made once per test class and closed after it; their {@code
 * waiter()} polls every 250 ms ({@link Ec2DoubleRuntimeInfo#waiterOverride()}).
 */
public final class Ec2DoubleExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, TestWatcher {
  private static final Namespace NAMESPACE = Namespace.create(Ec2DoubleExtension.class);

  /** The SDK clients it injects, by name (see supportsParameter). */
  private static final java.util.Set<String> CLIENTS =
      java.util.Set.of(
          "software.amazon.awssdk.services.ec2.Ec2Client",
          "software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client",
          "software.amazon.awssdk.services.autoscaling.AutoScalingClient");

  /** Null when registered through {@link Ec2Test}: the settings then come from the class. */
  private final Settings settings;

  /** Used by {@link Ec2Test}: settings are read from the test class's annotations. */
  public Ec2DoubleExtension() {
    this(null);
  }

  private Ec2DoubleExtension(Settings settings) {
    this.settings = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    shared(context); // start here, so a slow first start is not billed to the first test
  }

  @Override
  public void beforeEach(ExtensionContext context) throws InterruptedException {
    if (settings(context).printRequestsOnFailure()) {
      context
          .getStore(NAMESPACE)
          .put(FailedTestRequests.class, FailedTestRequests.from(shared(context).server()));
    }
    if (settings(context).isolation() == Isolation.PER_METHOD) {
      // Held until JUnit closes the test's store, i.e. after every after-each callback.
      context.getStore(NAMESPACE).put(AutoCloseable.class, shared(context).isolate());
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    // by name: a class literal would load the SDK's client interfaces (Ec2Client's is 1.2 MB)
    // into every test that asks for none of them
    String type = parameter.getParameter().getType().getName();
    return CLIENTS.contains(type) || type.equals(Ec2DoubleRuntimeInfo.class.getName());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    Ec2DoubleRuntimeInfo info = runtimeInfo(context);
    if (type == Ec2DoubleRuntimeInfo.class) {
      return info; // before any SDK client class is named
    }
    // SDK clients are AutoCloseable: the store that holds one closes it.
    ExtensionContext.Store store = classLevel(context).getStore(NAMESPACE);
    if (type == Ec2Client.class) {
      return store.getOrComputeIfAbsent(
          Ec2Client.class,
          k ->
              FastWaiters.ec2(
                  info.configure(Ec2Client.builder())
                      .httpClientBuilder(ApacheHttpClient.builder())
                      .build()),
          Ec2Client.class);
    }
    if (type == AutoScalingClient.class) {
      return store.getOrComputeIfAbsent(
          AutoScalingClient.class,
          k ->
              info.configure(AutoScalingClient.builder())
                  .httpClientBuilder(ApacheHttpClient.builder())
                  .build(),
          AutoScalingClient.class);
    }
    return store.getOrComputeIfAbsent(
        ElasticLoadBalancingV2Client.class,
        k ->
            FastWaiters.elbv2(
                info.configure(ElasticLoadBalancingV2Client.builder())
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .build()),
        ElasticLoadBalancingV2Client.class);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    FailedTestRequests since =
        context.getStore(NAMESPACE).get(FailedTestRequests.class, FailedTestRequests.class);
    if (since != null) {
      since.print(context.getDisplayName(), System.out);
    }
  }

  private Ec2DoubleRuntimeInfo runtimeInfo(ExtensionContext context) {
    return new Ec2DoubleRuntimeInfo(shared(context).server(), settings(context).region());
  }

  private SharedServer shared(ExtensionContext context) {
    Settings.ServerKey key = settings(context).serverKey();
    // The root store computes each key once, also when classes ask at the same time.
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(key, SharedServer::start, SharedServer.class);
  }

  private Settings settings(ExtensionContext context) {
    if (settings != null) {
      return settings;
    }
    Optional<Class<?>> testClass = context.getTestClass();
    if (testClass.isEmpty()) {
      return Settings.DEFAULTS;
    }
    // A @Nested class takes the settings of the class it is nested in.
    for (Class<?> c = testClass.get(); c != null; c = c.getEnclosingClass()) {
      Optional<Ec2Test> test = AnnotationSupport.findAnnotation(c, Ec2Test.class);
      if (test.isPresent()) {
        return Settings.of(test.get(), AnnotationSupport.findRepeatableAnnotations(c, Ami.class));
      }
    }
    return Settings.of(
        null, AnnotationSupport.findRepeatableAnnotations(testClass.get(), Ami.class));
  }

  /** The class's context when given a test method's, so clients are made once per class. */
  private static ExtensionContext classLevel(ExtensionContext context) {
    return context.getTestMethod().isPresent() ? context.getParent().orElse(context) : context;
  }

  /** Options for a {@code @RegisterExtension} field; unset ones take {@link Ec2Test}'s defaults. */
  public static final class Builder {
    private Backend backend = Settings.DEFAULTS.backend();
    private String region = Settings.DEFAULTS.region();
    private final Map<String, String> amis = new LinkedHashMap<>();
    private Isolation isolation = Settings.DEFAULTS.isolation();
    private boolean printRequestsOnFailure;

    private Builder() {}

    public Builder backend(Backend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Adds one AMI mapping; call once per AMI. */
    public Builder ami(String amiId, String image) {
      amis.put(Objects.requireNonNull(amiId, "amiId"), Objects.requireNonNull(image, "image"));
      return this;
    }

    public Builder isolation(Isolation isolation) {
      this.isolation = Objects.requireNonNull(isolation, "isolation");
      return this;
    }

    /** See {@link Ec2Test#printRequestsOnFailure()}. */
    public Builder printRequestsOnFailure(boolean print) {
      this.printRequestsOnFailure = print;
      return this;
    }

    public Ec2DoubleExtension build() {
      return new Ec2DoubleExtension(
          new Settings(backend, region, amis, isolation, printRequestsOnFailure));
    }
  }
}
