package dev.ec2double.elbv2.proxy;

import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;

/**
 * The Location of a redirect action: each part defaults to its {@code #{...}} placeholder, and
 * {@code #{protocol}}, {@code #{host}}, {@code #{port}}, {@code #{path}} (without its leading
 * slash) and {@code #{query}} may appear anywhere they are allowed
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions).
 */
public final class Redirects {
  private Redirects() {}

  /**
   * @param protocol {@code http} or {@code https}, as the client used
   * @param path the request path with its leading slash
   */
  public static String location(
      RedirectActionConfig c, String protocol, String host, int port, String path, String query) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    String q = query == null ? "" : query;
    String outProtocol = fill(or(c.protocol(), "#{protocol}"), protocol, host, port, p, q);
    String outHost = fill(or(c.host(), "#{host}"), protocol, host, port, p, q);
    String outPort = fill(or(c.port(), "#{port}"), protocol, host, port, p, q);
    String outPath = fill(or(c.path(), "/#{path}"), protocol, host, port, p, q);
    String outQuery = fill(or(c.query(), "#{query}"), protocol, host, port, p, q);
    StringBuilder s = new StringBuilder();
    s.append(outProtocol.toLowerCase()).append("://").append(outHost).append(':').append(outPort);
    s.append(outPath.startsWith("/") ? outPath : "/" + outPath);
    if (!outQuery.isEmpty()) {
      s.append('?').append(outQuery);
    }
    return s.toString();
  }

  private static String or(String value, String placeholder) {
    return value == null ? placeholder : value;
  }

  private static String fill(
      String template, String protocol, String host, int port, String path, String query) {
    return template
        .replace("#{protocol}", protocol)
        .replace("#{host}", host)
        .replace("#{port}", Integer.toString(port))
        .replace("#{path}", path)
        .replace("#{query}", query);
  }
}
