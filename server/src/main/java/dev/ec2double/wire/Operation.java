package dev.ec2double.wire;

import dev.ec2double.core.RequestContext;
import java.lang.invoke.MethodHandle;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;

/** One implemented API action: how to build its SDK request and which service method answers it. */
public record Operation(
    Protocol protocol,
    String action,
    Class<?> requestType,
    Supplier<SdkPojo> requestBuilder,
    Object service,
    MethodHandle handler,
    String serviceMethod) {

  public SdkPojo invoke(RequestContext ctx, Object request) {
    try {
      return (SdkPojo) handler.invoke(service, ctx, request);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
