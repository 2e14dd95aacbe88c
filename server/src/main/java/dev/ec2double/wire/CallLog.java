package dev.ec2double.wire;

/**
 * Told of every API call the handler answered, with what was asked and what was answered (the
 * request log of the control API and the dashboard keeps them). Called on the request's thread
 * after the answer is made: it must be quick.
 */
public interface CallLog {
  CallLog NONE = call -> {};

  void called(Call call);

  /**
   * One answered call.
   *
   * @param service the signing name of the API called ({@code ec2}, {@code elasticloadbalancing},
   *     ...), or null when the request was refused before its scope was read
   * @param action the Action parameter, or null when there was none
   * @param accessKey the caller's access key id, or null when it was not read
   * @param account the account the call acted in, or null when it was refused before that
   * @param startedMillis when the handler began, in epoch milliseconds
   * @param nanos how long the handler took
   * @param query the raw query string, or null
   * @param form the raw form body, or null
   */
  record Call(
      String service,
      String action,
      String accessKey,
      String account,
      String region,
      long startedMillis,
      long nanos,
      String query,
      String form,
      ApiResponse response) {}
}
