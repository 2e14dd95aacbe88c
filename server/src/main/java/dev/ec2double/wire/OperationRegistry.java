package dev.ec2double.wire;

import dev.ec2double.core.RequestContext;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * Finds the operations a service object implements by reflection: every public method shaped {@code
 * XResponse x(RequestContext, XRequest)} answers action {@code X}. This is also what the generated
 * table of supported operations reads, so the docs cannot drift from the code.
 */
public final class OperationRegistry {
  private static final String EC2_MODEL = "software.amazon.awssdk.services.ec2.model.";
  private static final String ELBV2_MODEL =
      "software.amazon.awssdk.services.elasticloadbalancingv2.model.";

  private final Map<Protocol, Map<String, Operation>> byProtocol = new ConcurrentHashMap<>();
  private final Map<String, Boolean> knownActions = new ConcurrentHashMap<>();

  public OperationRegistry register(Object service) {
    for (Method m : service.getClass().getMethods()) {
      Class<?>[] params = m.getParameterTypes();
      if (Modifier.isStatic(m.getModifiers())
          || params.length != 2
          || params[0] != RequestContext.class
          || !SdkRequest.class.isAssignableFrom(params[1])
          || !SdkResponse.class.isAssignableFrom(m.getReturnType())) {
        continue;
      }
      Protocol protocol = protocolOf(params[1]);
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
    if (op == null) {
      // The SDK's class names recase some actions: DescribeSSLPolicies is
      // DescribeSslPoliciesRequest.
      for (Operation o : ops.values()) {
        if (o.action().equalsIgnoreCase(action)) {
          return o;
        }
      }
    }
    return op;
  }

  /** The implemented operations of a protocol, by action name. */
  public Map<String, Operation> implemented(Protocol protocol) {
    return new TreeMap<>(byProtocol.getOrDefault(protocol, Map.of()));
  }

  public Collection<Operation> all() {
    return byProtocol.values().stream().flatMap(m -> m.values().stream()).toList();
  }

  /** Whether the real API has this action (the SDK has a request class for it). */
  public boolean exists(Protocol protocol, String action) {
    if (action == null || !action.matches("[A-Z][A-Za-z0-9]{1,100}")) {
      return false;
    }
    return knownActions.computeIfAbsent(
        protocol + ":" + action,
        k -> {
          try {
            Class<?> c = Class.forName(modelPackage(protocol) + action + "Request");
            return SdkRequest.class.isAssignableFrom(c);
          } catch (ClassNotFoundException e) {
            return false;
          }
        });
  }

  private static String modelPackage(Protocol protocol) {
    return protocol == Protocol.EC2 ? EC2_MODEL : ELBV2_MODEL;
  }

  private static Protocol protocolOf(Class<?> requestType) {
    String name = requestType.getName();
    if (name.startsWith(EC2_MODEL)) {
      return Protocol.EC2;
    }
    if (name.startsWith(ELBV2_MODEL)) {
      return Protocol.QUERY;
    }
    throw new IllegalArgumentException("no protocol for " + name);
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
