package dev.ec2double.wire;

import java.util.function.Supplier;

/**
 * What stands behind the API as the wire layer sees it: which regions exist, the context an
 * operation is invoked with, the memory of ClientToken answers and the notice that state may have
 * changed. The server implements it over the state store ({@code server.StateServiceHost}), so that
 * {@code wire} imports neither {@code core} nor any feature and can be read, tested and changed on
 * its own.
 */
public interface ServiceHost {
  /**
   * Whether the double serves this region; a call signed for any other is refused (AuthFailure).
   */
  boolean isRegion(String region);

  /**
   * The context the operation's method receives as its first parameter (of the type the {@link
   * OperationRegistry} was made for).
   */
  Object context(Call call);

  /**
   * The first answer given to {@code token} for {@code action}: {@code answer} runs only when the
   * token is new; {@code request} (the encoded request) tells a retry from a misuse of the token.
   */
  byte[] once(Object context, String action, String token, byte[] request, Supplier<byte[]> answer);

  /** A call that may have changed state has finished (to save it with --state-dir). */
  void changed();

  /** Who asks, where, and for what, as the signature and the parameters say. */
  record Call(String account, String region, String accessKey, String action, String requestId) {}
}
