package dev.ec2double.ec2.instances;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTopologyRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTopologyResponse;
import software.amazon.awssdk.services.ec2.model.InstanceTopology;

/**
 * DescribeInstanceTopology: the network nodes above each running instance, three layers as AWS
 * shows them. They are derived from where the instance is: the first two layers from its zone (all
 * instances of a zone share them), the third from its zone and placement group, so that instances
 * of one cluster group share their nearest node as on AWS.
 */
public final class InstanceTopologyService {
  private static final int MAX_IDS = 100;

  private static final FilterSpec<InstanceTopology> FILTERS =
      FilterSpec.<InstanceTopology>of()
          .field("availability-zone", InstanceTopology::availabilityZone)
          .field("zone-id", InstanceTopology::zoneId)
          .field("instance-type", InstanceTopology::instanceType);

  public DescribeInstanceTopologyResponse describeInstanceTopology(
      RequestContext ctx, DescribeInstanceTopologyRequest req) {
    if (req.instanceIds().size() > MAX_IDS || req.groupNames().size() > MAX_IDS) {
      throw AwsException.invalidParameterValue(
          "At most " + MAX_IDS + " instance IDs and " + MAX_IDS + " group names may be given.");
    }
    Predicate<InstanceTopology> filter = FILTERS.compile(req.filters());
    List<InstanceRecord> records =
        req.instanceIds().isEmpty()
            ? Instances.store(ctx.state()).all()
            : Instances.requireAll(ctx, req.instanceIds());
    List<InstanceTopology> out = new ArrayList<>();
    for (InstanceRecord r : records) {
      String group = r.placement().groupName();
      if (r.state() != InstanceState.RUNNING
          || (!req.groupNames().isEmpty() && !req.groupNames().contains(group))) {
        continue;
      }
      InstanceTopology t = view(ctx.region(), r, group);
      if (filter.test(t)) {
        out.add(t);
      }
    }
    Pages.Page<InstanceTopology> page =
        Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeInstanceTopologyResponse.builder()
        .instances(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static InstanceTopology view(String region, InstanceRecord r, String group) {
    return InstanceTopology.builder()
        .instanceId(r.id)
        .instanceType(r.instanceType())
        .groupName(group)
        .availabilityZone(r.zone)
        .zoneId(zoneId(region, r.zone))
        .networkNodes(
            node(r.zone, "1"),
            node(r.zone, "2"),
            node(r.zone, "3/" + (group == null ? r.id : group)))
        .build();
  }

  /** The id of a zone of the region ({@code use1-az1}), or null. */
  static String zoneId(String region, String zone) {
    return RegionCatalog.zones(region).stream()
        .filter(z -> z.name().equals(zone))
        .map(RegionCatalog.Zone::zoneId)
        .findFirst()
        .orElse(null);
  }

  /** A network node's id: {@code nn-} and 17 hex digits, the same for the same place. */
  static String node(String zone, String layer) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((zone + "/" + layer).getBytes(StandardCharsets.UTF_8));
      return "nn-" + HexFormat.of().formatHex(digest).substring(0, 17);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
