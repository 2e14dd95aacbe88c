package dev.ec2double.wire.fuzz;

/**
 * One request as it reaches the wire layer: the raw query string and form body, the Authorization
 * header, and what the answer's envelope must be ({@code elb}: true for ELBv2's, false for EC2's,
 * null when either is acceptable).
 */
record FuzzRequest(
    String action, String queryString, String formBody, String authorization, Boolean elb) {

  @Override
  public String toString() {
    return "query="
        + shorten(queryString)
        + " body="
        + shorten(formBody)
        + " authorization="
        + shorten(authorization);
  }

  private static String shorten(String s) {
    return s == null || s.length() < 600 ? s : s.substring(0, 600) + "...(" + s.length() + ")";
  }
}
