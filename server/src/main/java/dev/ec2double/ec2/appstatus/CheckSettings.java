package dev.ec2double.ec2.appstatus;

import dev.ec2double.core.RegionState;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.HealthCheckPathDestinationRequestObject;
import software.amazon.awssdk.services.ec2.model.HealthCheckPathRequestObject;

/**
 * What CreateApplicationStatusCheck and ModifyApplicationStatusCheck set, each null when not given,
 * applied onto a check with AWS's rules: protocol http or https, port 1-65535, a path starting with
 * {@code /}, interval 60, timeout 1-30 and below the interval, thresholds above 0, grace period
 * 1-600 seconds, a StatusCodeMatcher of codes and ranges.
 */
record CheckSettings(
    String aggregation,
    String protocol,
    Integer port,
    String path,
    Integer deviceIndex,
    String ipVersion,
    String ipScope,
    Integer interval,
    Integer timeout,
    Integer failureThreshold,
    Integer successThreshold,
    String matcher,
    Integer grace,
    List<HealthCheckPathRequestObject> paths) {

  /**
   * The settings of a Create or Modify request, read by member name (the two requests share them);
   * an empty HealthCheckPaths list is none given.
   */
  @SuppressWarnings("unchecked")
  static CheckSettings of(software.amazon.awssdk.core.SdkRequest req) {
    List<HealthCheckPathRequestObject> paths =
        req.getValueForField("HealthCheckPaths", List.class).orElse(List.of());
    return new CheckSettings(
        string(req, "Aggregation"),
        string(req, "Protocol"),
        number(req, "Port"),
        string(req, "Path"),
        number(req, "DeviceIndex"),
        string(req, "IpVersion"),
        string(req, "IpScope"),
        number(req, "Interval"),
        number(req, "Timeout"),
        number(req, "FailureThreshold"),
        number(req, "SuccessThreshold"),
        string(req, "StatusCodeMatcher"),
        number(req, "InitializationGracePeriodSeconds"),
        paths.isEmpty() ? null : paths);
  }

  private static String string(software.amazon.awssdk.core.SdkRequest req, String member) {
    return req.getValueForField(member, String.class).orElse(null);
  }

  private static Integer number(software.amazon.awssdk.core.SdkRequest req, String member) {
    return req.getValueForField(member, Integer.class).orElse(null);
  }

  /** Checks the settings and applies them to {@code c} (which is changed only when all pass). */
  void applyTo(RegionState region, AppStatusStore.Check c) {
    String agg = pick(aggregation, c.aggregation);
    oneOf("Aggregation", agg, Set.of("included", "excluded"));
    String proto = pick(protocol, c.protocol);
    if (proto == null) {
      throw AwsException.missingParameter("Protocol");
    }
    oneOf("Protocol", proto, Set.of("http", "https"));
    int p = pick(port, c.port);
    if (port == null && c.port == 0) {
      throw AwsException.missingParameter("Port");
    }
    range("Port", p, 1, 65535);
    String pth = pick(path, c.path);
    if (!pth.startsWith("/") || pth.length() > 1024) {
      throw AwsException.invalidParameterValue(
          "Value (" + pth + ") for parameter Path is invalid. The path must start with /.");
    }
    int device = pick(deviceIndex, c.deviceIndex);
    range("DeviceIndex", device, 0, Integer.MAX_VALUE);
    String version = pick(ipVersion, c.ipVersion);
    oneOf("IpVersion", version, Set.of("ipv4", "ipv6"));
    String scope = pick(ipScope, c.ipScope);
    oneOf("IpScope", scope, Set.of("private"));
    int every = pick(interval, c.interval);
    range("Interval", every, 60, 60);
    int wait = pick(timeout, c.timeout);
    range("Timeout", wait, 1, 30);
    if (wait >= every) {
      throw AwsException.invalidParameterValue(
          "The Timeout (" + wait + ") must be less than the Interval (" + every + ").");
    }
    int failures = pick(failureThreshold, c.failureThreshold);
    range("FailureThreshold", failures, 1, Integer.MAX_VALUE);
    int passes = pick(successThreshold, c.successThreshold);
    range("SuccessThreshold", passes, 1, Integer.MAX_VALUE);
    String codes = pick(matcher, c.matcher);
    StatusCodes.parse(codes);
    int graceSeconds = pick(grace, c.grace);
    range("InitializationGracePeriodSeconds", graceSeconds, 1, 600);
    List<AppStatusStore.HealthPath> healthPaths = paths == null ? c.paths : paths(region);

    c.aggregation = agg;
    c.protocol = proto;
    c.port = p;
    c.path = pth;
    c.deviceIndex = device;
    c.ipVersion = version;
    c.ipScope = scope;
    c.interval = every;
    c.timeout = wait;
    c.failureThreshold = failures;
    c.successThreshold = passes;
    c.matcher = codes;
    c.grace = graceSeconds;
    c.paths = healthPaths;
  }

  /** The paths, each subnet and security group one of the Region's. */
  private List<AppStatusStore.HealthPath> paths(RegionState region) {
    List<AppStatusStore.HealthPath> out = new ArrayList<>();
    for (HealthCheckPathRequestObject hp : paths) {
      if (hp.source() == null || hp.source().subnetId() == null) {
        throw AwsException.missingParameter("HealthCheckPath.Source.SubnetId");
      }
      endpoint(region, hp.source().subnetId(), hp.source().securityGroupId());
      List<String[]> dests = new ArrayList<>();
      for (HealthCheckPathDestinationRequestObject d : hp.destinations()) {
        if (d.subnetId() == null) {
          throw AwsException.missingParameter("HealthCheckPath.Destination.SubnetId");
        }
        endpoint(region, d.subnetId(), d.securityGroupId());
        dests.add(new String[] {d.subnetId(), d.securityGroupId()});
      }
      out.add(
          new AppStatusStore.HealthPath(
              hp.source().subnetId(), hp.source().securityGroupId(), dests));
    }
    return out;
  }

  private static void endpoint(RegionState region, String subnetId, String groupId) {
    String vpc = VpcLookups.vpcOfSubnet(region, subnetId);
    if (vpc == null) {
      throw new AwsException(
          "InvalidSubnetID.NotFound", "The subnet ID '" + subnetId + "' does not exist");
    }
    if (groupId != null && !VpcLookups.securityGroupExists(region, vpc, groupId)) {
      throw new AwsException(
          "InvalidGroup.NotFound", "The security group '" + groupId + "' does not exist");
    }
  }

  private static <T> T pick(T asked, T current) {
    return asked != null ? asked : current;
  }

  private static void oneOf(String parameter, String value, Set<String> valid) {
    if (!valid.contains(value)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + value
              + ") for parameter "
              + parameter
              + " is invalid. Valid values: "
              + String.join(", ", valid.stream().sorted().toList())
              + ".");
    }
  }

  private static void range(String parameter, int value, int min, int max) {
    if (value < min || value > max) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + value
              + ") for parameter "
              + parameter
              + " is invalid. "
              + (min == max
                  ? "Valid value: " + min + "."
                  : max == Integer.MAX_VALUE
                      ? "It must be at least " + min + "."
                      : "It must be between " + min + " and " + max + "."));
    }
  }
}
