package dev.ec2double.wire;

/**
 * The wire protocols ec2-double speaks, one per service (picked by the SigV4 scope's service). EC2
 * is a variant of the AWS query protocol: lists are always flattened ({@code InstanceId.1}) and
 * written as {@code <item>}, the document has no {@code Result} wrapper and its request id is a
 * lowercase {@code <requestId>}. ELBv2 speaks the plain query protocol: {@code Names.member.1},
 * {@code <XResult>}, {@code <ResponseMetadata>}; so do STS and Auto Scaling, each with its own
 * namespace and version.
 */
public enum Protocol {
  EC2("ec2", "http://ec2.amazonaws.com/doc/2016-11-15/", "2016-11-15"),
  QUERY(
      "elasticloadbalancing",
      "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/",
      "2015-12-01"),
  STS("sts", "https://sts.amazonaws.com/doc/2011-06-15/", "2011-06-15"),
  AUTOSCALING("autoscaling", "http://autoscaling.amazonaws.com/doc/2011-01-01/", "2011-01-01");

  private final String signingName;
  private final String namespace;
  private final String version;

  Protocol(String signingName, String namespace, String version) {
    this.signingName = signingName;
    this.namespace = namespace;
    this.version = version;
  }

  /** The service name in the SigV4 credential scope. */
  public String signingName() {
    return signingName;
  }

  public String namespace() {
    return namespace;
  }

  public String apiVersion() {
    return version;
  }

  /** EC2 flattens every list; the query protocol nests items under {@code member}. */
  public boolean flattensLists() {
    return this == EC2;
  }

  /** The protocol whose SigV4 scope names this service, or null. */
  public static Protocol ofSigningName(String service) {
    for (Protocol p : values()) {
      if (p.signingName.equals(service)) {
        return p;
      }
    }
    return null;
  }
}
