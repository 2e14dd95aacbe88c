package dev.ec2double.wire;

import java.lang.invoke.MethodHandle;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One implemented API action: how to build its SDK request and which service method answers it
 * (called with the context its {@link ServiceHost} opens and the decoded request).
 */
public record Operation(
    Protocol protocol,
    String action,
    Class<?> requestType,
    Supplier<SdkPojo> requestBuilder,
    Object service,
    MethodHandle handler,
    String serviceMethod) {

  public SdkPojo invoke(Object ctx, Object request) {
    try {
      return (SdkPojo) handler.invoke(service, ctx, request);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
