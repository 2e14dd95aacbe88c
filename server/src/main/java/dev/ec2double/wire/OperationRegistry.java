package dev.ec2double.wire;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * Finds the operations a service object implements by reflection: every public method shaped {@code
 * XResponse x(C, XRequest)}, where {@code C} is the context type the registry is made for (the
 * server's {@code RequestContext}), answers the action the SDK sends for {@code XRequest} (usually
 * {@code X}; see {@link SdkActions} for the exceptions). This is also what the generated table of
 * supported operations reads, so the docs cannot drift from the code.
 */
public final class OperationRegistry {
  private final Class<?> contextType;
  private final Map<Protocol, Map<String, Operation>> byProtocol = new ConcurrentHashMap<>();
  private final Map<String, Operation> byRequestType = new ConcurrentHashMap<>();

  /** Wire names the SDK's class names do not spell (EnableVolumeIO), found on first use. */
  private final Map<String, Optional<Operation>> renamed = new ConcurrentHashMap<>();

  /** The services registered to be made on first use, made or not. */
  private final List<LazyService<?>> lazy = new CopyOnWriteArrayList<>();

  private final List<String> notIndexed = new CopyOnWriteArrayList<>();

  /**
   * @param contextType the type of every operation's first parameter: what the {@link ServiceHost}
   *     opens for a call
   */
  public OperationRegistry(Class<?> contextType) {
    this.contextType = contextType;
  }

  public OperationRegistry register(Object service) {
    List<OperationIndex.Entry> indexed = OperationIndex.of(service.getClass());
    if (indexed != null) {
      ClassLoader loader = service.getClass().getClassLoader();
      Supplier<Object> made = () -> service;
      String name = service.getClass().getName();
      for (OperationIndex.Entry e : indexed) {
        add(Operation.indexed(e, name, made, contextType, loader), e.requestClass());
      }
      return this;
    }
    for (Method m : service.getClass().getMethods()) {
      Class<?>[] params = m.getParameterTypes();
      if (Modifier.isStatic(m.getModifiers())
          || params.length != 2
          || params[0] != contextType
          || !SdkRequest.class.isAssignableFrom(params[1])
          || !SdkResponse.class.isAssignableFrom(m.getReturnType())) {
        continue;
      }
      // the class name is the action for all but a few; those are found on first use (find), so
      // that start-up does not marshal a request per operation
      String action = params[1].getSimpleName().replaceFirst("Request$", "");
      add(Operation.reflected(protocolOf(params[1]), action, service, m), params[1].getName());
    }
    return this;
  }

  /**
   * Registers a service that is made on the first call of one of its actions (or by {@link
   * #makeAll}), when the build's index names its operations; else it is made now. Its constructor
   * must only keep what it is given: side effects elsewhere would wait for that first call. The
   * class is named, not given, so that it is not even loaded before that call; {@code factory} must
   * make an object of exactly that class.
   */
  public OperationRegistry register(String serviceClass, Supplier<?> factory) {
    ClassLoader loader = contextType.getClassLoader();
    List<OperationIndex.Entry> indexed = OperationIndex.of(serviceClass, loader);
    if (indexed == null) {
      notIndexed.add(serviceClass);
      return register(factory.get());
    }
    LazyService<?> service =
        factory instanceof LazyService<?> shared && shared.className().equals(serviceClass)
            ? shared
            : new LazyService<>(serviceClass, factory);
    lazy.add(service);
    for (OperationIndex.Entry e : indexed) {
      add(Operation.indexed(e, serviceClass, service, contextType, loader), e.requestClass());
    }
    return this;
  }

  /** {@link #register(String, Supplier)} by the class (which this loads). */
  public <T> OperationRegistry register(Class<T> type, Supplier<? extends T> factory) {
    return register(type.getName(), factory);
  }

  /**
   * The services registered to be made on first use that the index did not name, so were made at
   * once: none after a build (a test checks), some after an IDE compiled classes since.
   */
  public List<String> madeAtOnce() {
    return List.copyOf(notIndexed);
  }

  /** Makes every service registered to be made on first use that is not made yet. */
  public void makeAll() {
    lazy.forEach(LazyService::get);
  }

  private void add(Operation op, String requestClass) {
    Operation previous =
        byProtocol
            .computeIfAbsent(op.protocol(), p -> new ConcurrentHashMap<>())
            .put(op.action(), op);
    byRequestType.put(requestClass, op);
    if (previous != null) {
      throw new IllegalStateException(
          op.action()
              + " is implemented twice: "
              + previous.serviceMethod()
              + ", "
              + op.serviceMethod());
    }
  }

  public Operation find(Protocol protocol, String action) {
    Map<String, Operation> ops = byProtocol.get(protocol);
    if (ops == null || action == null) {
      return null;
    }
    Operation op = ops.get(action);
    if (op != null && !op.indexed() && !action.equals(SdkActions.actionOf(op.requestType()))) {
      op = null; // the class's name, which the SDK never sends (DescribeSslPolicies)
    }
    if (op == null) {
      op =
          renamed
              .computeIfAbsent(
                  protocol + ":" + action,
                  k ->
                      Optional.ofNullable(SdkActions.requestType(protocol, action))
                          .map(type -> byRequestType.get(type.getName())))
              .orElse(null);
    }
    return op;
  }

  /** The implemented operations of a protocol, by the action name the SDK sends. */
  public Map<String, Operation> implemented(Protocol protocol) {
    Map<String, Operation> out = new TreeMap<>();
    byProtocol
        .getOrDefault(protocol, Map.of())
        .values()
        .forEach(
            op -> out.put(op.indexed() ? op.action() : SdkActions.actionOf(op.requestType()), op));
    return out;
  }

  public Collection<Operation> all() {
    return byProtocol.values().stream().flatMap(m -> m.values().stream()).toList();
  }

  /** Whether the real API has this action (the SDK's client has an operation by that name). */
  public boolean exists(Protocol protocol, String action) {
    return SdkActions.requestType(protocol, action) != null;
  }

  private static Protocol protocolOf(Class<?> requestType) {
    Protocol protocol = SdkActions.protocolOf(requestType);
    if (protocol == null) {
      throw new IllegalArgumentException("no protocol for " + requestType.getName());
    }
    return protocol;
  }
}
