package dev.ec2double.core;

/** Who asked, where, and for what: handed to every operation. */
public record RequestContext(
    String account,
    String region,
    String accessKey,
    String action,
    String requestId,
    RegionState state,
    Quotas quotas) {

  /** A context under AWS's default quotas. */
  public RequestContext(
      String account,
      String region,
      String accessKey,
      String action,
      String requestId,
      RegionState state) {
    this(account, region, accessKey, action, requestId, state, Quotas.defaults());
  }

  public TagStore tags() {
    return state.tags();
  }
}
