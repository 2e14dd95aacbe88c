package dev.ec2double.imds;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything the metadata service tells one instance about itself. */
public record InstanceMetadata(
    String instanceId,
    String account,
    String region,
    String zone,
    String zoneId,
    String amiId,
    int amiLaunchIndex,
    String reservationId,
    String instanceType,
    String architecture,
    String hostname,
    String localIpv4,
    String publicIpv4,
    String mac,
    String interfaceId,
    String subnetId,
    String subnetCidr,
    String vpcId,
    String vpcCidr,
    List<String> securityGroupNames,
    List<String> securityGroupIds,
    Map<String, String> publicKeys,
    byte[] userData,
    Map<String, String> tags,
    Instant launchTime,
    Options options,
    Role role,
    Events events,
    Placement placement,
    String lifeCycle) {

  /** {@code instance-life-cycle}: {@code spot} for a Spot Instance, else {@code on-demand}. */
  public InstanceMetadata {
    lifeCycle = lifeCycle == null ? "on-demand" : lifeCycle;
  }

  /**
   * {@code placement/group-name}, {@code placement/partition-number} and {@code placement/host-id};
   * each null when the instance has none.
   */
  public record Placement(String groupName, Integer partitionNumber, String hostId) {
    public static final Placement NONE = new Placement(null, null, null);
  }

  /**
   * What is coming for the instance, as JSON documents of the metadata service.
   *
   * @param maintenance {@code events/maintenance/scheduled} ({@code []} when nothing is)
   * @param spotAction {@code spot/instance-action}, or null
   * @param rebalance {@code events/recommendations/rebalance}, or null
   * @param terminationTime {@code spot/termination-time} (a Spot Instance marked for termination:
   *     when), or null
   */
  public record Events(
      String maintenance, String spotAction, String rebalance, String terminationTime) {
    public static final Events NONE = new Events("[]", null, null, null);

    public Events(String maintenance, String spotAction, String rebalance) {
      this(maintenance, spotAction, rebalance, null);
    }
  }

  /**
   * The instance's profile and its role's credentials now, or null without a profile.
   *
   * @param lastUpdated when these credentials were issued
   */
  public record Role(
      String profileArn,
      String profileId,
      String roleName,
      String accessKeyId,
      String secretAccessKey,
      String token,
      Instant lastUpdated,
      Instant expiration) {}

  /** The instance's metadata options, as ModifyInstanceMetadataOptions sets them. */
  public record Options(
      boolean enabled, boolean tokensRequired, int hopLimit, boolean tagsAllowed) {}
}
