package dev.ec2double.wire;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
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
  private final Map<Class<?>, Operation> byRequestType = new ConcurrentHashMap<>();

  /** Wire names the SDK's class names do not spell (EnableVolumeIO), found on first use. */
  private final Map<String, Optional<Operation>> renamed = new ConcurrentHashMap<>();

  /**
   * @param contextType the type of every operation's first parameter: what the {@link ServiceHost}
   *     opens for a call
   */
  public OperationRegistry(Class<?> contextType) {
    this.contextType = contextType;
  }

  public OperationRegistry register(Object service) {
    for (Method m : service.getClass().getMethods()) {
      Class<?>[] params = m.getParameterTypes();
      if (Modifier.isStatic(m.getModifiers())
          || params.length != 2
          || params[0] != contextType
          || !SdkRequest.class.isAssignableFrom(params[1])
          || !SdkResponse.class.isAssignableFrom(m.getReturnType())) {
        continue;
      }
      Protocol protocol = protocolOf(params[1]);
      // the class name is the action for all but a few; those are found on first use (find), so
      // that start-up does not marshal a request per operation
      String action = params[1].getSimpleName().replaceFirst("Request$", "");
      Operation op =
          new Operation(
              protocol,
              action,
              params[1],
              builderOf(params[1]),
              service,
              unreflect(m),
              service.getClass().getSimpleName() + "." + m.getName());
      Operation previous =
          byProtocol.computeIfAbsent(protocol, p -> new ConcurrentHashMap<>()).put(action, op);
      byRequestType.put(params[1], op);
      if (previous != null) {
        throw new IllegalStateException(
            action
                + " is implemented twice: "
                + previous.serviceMethod()
                + ", "
                + op.serviceMethod());
      }
    }
    return this;
  }

  public Operation find(Protocol protocol, String action) {
    Map<String, Operation> ops = byProtocol.get(protocol);
    if (ops == null || action == null) {
      return null;
    }
    Operation op = ops.get(action);
    if (op != null && !action.equals(SdkActions.actionOf(op.requestType()))) {
      op = null; // the class's name, which the SDK never sends (DescribeSslPolicies)
    }
    if (op == null) {
      op =
          renamed
              .computeIfAbsent(
                  protocol + ":" + action,
                  k ->
                      Optional.ofNullable(SdkActions.requestType(protocol, action))
                          .map(byRequestType::get))
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
        .forEach(op -> out.put(SdkActions.actionOf(op.requestType()), op));
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

  private static Supplier<SdkPojo> builderOf(Class<?> requestType) {
    try {
      Method builder = requestType.getMethod("builder");
      return () -> {
        try {
          return (SdkPojo) builder.invoke(null);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      };
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(requestType + " has no builder()", e);
    }
  }

  private static java.lang.invoke.MethodHandle unreflect(Method m) {
    try {
      return MethodHandles.publicLookup().unreflect(m);
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException("cannot call " + m, e);
    }
  }
}
