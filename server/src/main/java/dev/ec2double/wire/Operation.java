package dev.ec2double.wire;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One implemented API action: how to build its SDK request and which service method answers it
 * (called with the context its {@link ServiceHost} opens and the decoded request).
 *
 * <p>An operation found through the build's {@link OperationIndex} knows its classes by name only
 * until its first call: loading the request and response classes of every action at start would
 * load about a thousand SDK model classes that most runs never use. Its service object may be made
 * on first use too ({@link OperationRegistry#register(Class, Supplier)}).
 */
public final class Operation {
  private final Protocol protocol;
  private final String action;
  private final Supplier<?> service;
  private final String serviceMethod;
  private final Resolver resolver;
  private final boolean indexed;
  private volatile Resolved resolved;

  /** What a first call needs: the request class, its builder and the method to call. */
  private record Resolved(
      Class<?> requestType, Supplier<SdkPojo> requestBuilder, MethodHandle handler) {}

  private interface Resolver {
    Resolved resolve() throws ReflectiveOperationException;
  }

  private Operation(
      Protocol protocol,
      String action,
      Supplier<?> service,
      String serviceMethod,
      Resolver resolver,
      boolean indexed) {
    this.protocol = protocol;
    this.action = action;
    this.service = service;
    this.serviceMethod = serviceMethod;
    this.resolver = resolver;
    this.indexed = indexed;
  }

  /** An operation found by reflection on the service's class. */
  static Operation reflected(Protocol protocol, String action, Object service, Method m) {
    Class<?> requestType = m.getParameterTypes()[1];
    return new Operation(
        protocol,
        action,
        () -> service,
        service.getClass().getSimpleName() + "." + m.getName(),
        () ->
            new Resolved(
                requestType, builderOf(requestType), MethodHandles.publicLookup().unreflect(m)),
        false);
  }

  /**
   * An operation named by the index: its classes load on its first call, and {@code service} (of
   * {@code serviceClass}) is asked for its object then.
   */
  static Operation indexed(
      OperationIndex.Entry entry,
      String serviceClass,
      Supplier<?> service,
      Class<?> contextType,
      ClassLoader loader) {
    return new Operation(
        entry.protocol(),
        entry.action(),
        service,
        serviceClass.substring(serviceClass.lastIndexOf('.') + 1) + "." + entry.method(),
        () -> {
          Class<?> owner = Class.forName(serviceClass, false, loader);
          Class<?> request = Class.forName(entry.requestClass(), false, loader);
          Class<?> response = Class.forName(entry.responseClass(), false, loader);
          MethodHandle handler =
              MethodHandles.publicLookup()
                  .findVirtual(
                      owner, entry.method(), MethodType.methodType(response, contextType, request));
          return new Resolved(request, builderOf(request), handler);
        },
        true);
  }

  public Protocol protocol() {
    return protocol;
  }

  /** The action as the SDK sends it when known from the index, else the request class's name. */
  public String action() {
    return action;
  }

  /** Whether this came from the index, whose action is the name the SDK sends. */
  boolean indexed() {
    return indexed;
  }

  /** The object whose method answers (made now if it was registered to be made on first use). */
  public Object service() {
    return service.get();
  }

  public String serviceMethod() {
    return serviceMethod;
  }

  public Class<?> requestType() {
    return resolved().requestType();
  }

  public Supplier<SdkPojo> requestBuilder() {
    return resolved().requestBuilder();
  }

  public MethodHandle handler() {
    return resolved().handler();
  }

  public SdkPojo invoke(Object ctx, Object request) {
    try {
      return (SdkPojo) handler().invoke(service.get(), ctx, request);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private Resolved resolved() {
    Resolved r = resolved;
    if (r == null) {
      try {
        r = resolver.resolve();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot link " + serviceMethod, e);
      }
      resolved = r; // a race resolves twice to equal values
    }
    return r;
  }

  private static Supplier<SdkPojo> builderOf(Class<?> requestType)
      throws ReflectiveOperationException {
    Method builder = requestType.getMethod("builder");
    return () -> {
      try {
        return (SdkPojo) builder.invoke(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  @Override
  public String toString() {
    return protocol + ":" + action + " → " + serviceMethod;
  }
}
