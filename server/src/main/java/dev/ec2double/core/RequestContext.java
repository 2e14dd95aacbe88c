package dev.ec2double.core;

/** Who asked, where, and for what: handed to every operation. */
public record RequestContext(
    String account,
    String region,
    String accessKey,
    String action,
    String requestId,
    RegionState state) {

  public TagStore tags() {
    return state.tags();
  }
}
