package dev.ec2double.ec2.hosts;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.instances.PlacementRules;
import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.AllocateHostsRequest;
import software.amazon.awssdk.services.ec2.model.AllocateHostsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeHostsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeHostsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyHostsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyHostsResponse;
import software.amazon.awssdk.services.ec2.model.ReleaseHostsRequest;
import software.amazon.awssdk.services.ec2.model.ReleaseHostsResponse;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItemError;

/**
 * Dedicated Hosts: AllocateHosts, DescribeHosts, ModifyHosts and ReleaseHosts; instances are placed
 * on them by {@link HostRules}. A released host stays visible as {@code released}, as on AWS.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AllocateHosts.html
 */
public final class HostsService {
  private static final Set<String> ON_OFF = Set.of("on", "off");

  /** "Valid range: Minimum value of 1." AWS's default quota is a few hosts per family. */
  private static final int MAX_QUANTITY = 100;

  public HostsService(Resources resources) {
    Hosts.KIND.registerTaggable(resources);
  }

  /** How instances are placed on hosts, for RunInstances and ModifyInstancePlacement. */
  public PlacementRules rules() {
    return new HostRules();
  }

  public AllocateHostsResponse allocateHosts(RequestContext ctx, AllocateHostsRequest req) {
    String type = req.instanceType();
    String family = req.instanceFamily();
    if ((type == null) == (family == null)) {
      throw type == null
          ? AwsException.missingParameter("InstanceType or InstanceFamily")
          : AwsException.invalidParameterCombination(
              "InstanceType and InstanceFamily cannot both be specified.");
    }
    if (type != null && !InstanceTypeCatalog.exists(type)) {
      throw AwsException.invalidParameterValue("Invalid value '" + type + "' for InstanceType.");
    }
    if (family != null && Hosts.familyTypes(family).isEmpty()) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + family + "' for InstanceFamily.");
    }
    if (req.outpostArn() != null || !req.assetIds().isEmpty()) {
      throw new AwsException("Unsupported", "ec2-double has no Outposts.");
    }
    RegionCatalog.Zone zone = zone(ctx, req.availabilityZone(), req.availabilityZoneId());
    int quantity = req.quantity() == null ? 1 : req.quantity();
    if (quantity < 1 || quantity > MAX_QUANTITY) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + quantity
              + ") for parameter Quantity is invalid. It must be between 1 and "
              + MAX_QUANTITY
              + ".");
    }
    String autoPlacement = onOff(req.autoPlacementAsString(), "off", "AutoPlacement");
    String recovery = onOff(req.hostRecoveryAsString(), "off", "HostRecovery");
    String maintenance = onOff(req.hostMaintenanceAsString(), "on", "HostMaintenance");
    var tags = Hosts.KIND.tags(req.tagSpecifications());
    String fam = family != null ? family : HostSizes.family(type);
    HostSizes.Size size = HostSizes.of(fam);
    Instant now = Instant.now();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < quantity; i++) {
      HostStore.Host h =
          Hosts.KIND.create(
              ctx,
              tags,
              id -> {
                var made =
                    new HostStore.Host(id, zone.name(), zone.zoneId(), req.clientToken(), now);
                made.instanceType = type;
                made.family = fam;
                made.sockets = size.sockets();
                made.cores = size.cores();
                made.totalVcpus = size.vcpus();
                made.autoPlacement = autoPlacement;
                made.hostRecovery = recovery;
                made.hostMaintenance = maintenance;
                return made;
              });
      ids.add(h.id);
    }
    return AllocateHostsResponse.builder().hostIds(ids).build();
  }

  public DescribeHostsResponse describeHosts(RequestContext ctx, DescribeHostsRequest req) {
    if (!req.hostIds().isEmpty() && req.maxResults() != null) {
      throw AwsException.invalidParameterCombination(
          "MaxResults cannot be specified with HostIds.");
    }
    var page =
        Hosts.KIND.describe(ctx, req.hostIds(), req.filter(), req.maxResults(), req.nextToken());
    return DescribeHostsResponse.builder().hosts(page.items()).nextToken(page.nextToken()).build();
  }

  public ModifyHostsResponse modifyHosts(RequestContext ctx, ModifyHostsRequest req) {
    if (req.hostIds().isEmpty()) {
      throw AwsException.missingParameter("HostId");
    }
    if (req.instanceType() != null && req.instanceFamily() != null) {
      throw AwsException.invalidParameterCombination(
          "InstanceType and InstanceFamily cannot both be specified.");
    }
    if (req.instanceType() != null && !InstanceTypeCatalog.exists(req.instanceType())) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + req.instanceType() + "' for InstanceType.");
    }
    String autoPlacement = onOff(req.autoPlacementAsString(), null, "AutoPlacement");
    String recovery = onOff(req.hostRecoveryAsString(), null, "HostRecovery");
    String maintenance = onOff(req.hostMaintenanceAsString(), null, "HostMaintenance");
    if (autoPlacement == null
        && recovery == null
        && maintenance == null
        && req.instanceType() == null
        && req.instanceFamily() == null) {
      throw AwsException.missingParameter(
          "AutoPlacement, HostRecovery, HostMaintenance, InstanceType or InstanceFamily");
    }
    List<String> done = new ArrayList<>();
    List<UnsuccessfulItem> failed = new ArrayList<>();
    HostStore store = HostStore.of(ctx.state());
    for (String id : req.hostIds()) {
      synchronized (store) {
        HostStore.Host h = store.byId.get(id);
        String problem =
            problem(ctx, h, id, req.instanceType() != null || req.instanceFamily() != null);
        if (problem != null) {
          failed.add(unsuccessful(id, problem));
          continue;
        }
        if (req.instanceType() != null) {
          h.instanceType = req.instanceType();
          h.family = HostSizes.family(req.instanceType());
        } else if (req.instanceFamily() != null) {
          h.instanceType = null;
          h.family = req.instanceFamily();
        }
        h.autoPlacement = autoPlacement != null ? autoPlacement : h.autoPlacement;
        h.hostRecovery = recovery != null ? recovery : h.hostRecovery;
        h.hostMaintenance = maintenance != null ? maintenance : h.hostMaintenance;
        done.add(id);
      }
    }
    return ModifyHostsResponse.builder().successful(done).unsuccessful(failed).build();
  }

  public ReleaseHostsResponse releaseHosts(RequestContext ctx, ReleaseHostsRequest req) {
    if (req.hostIds().isEmpty()) {
      throw AwsException.missingParameter("HostId");
    }
    List<String> done = new ArrayList<>();
    List<UnsuccessfulItem> failed = new ArrayList<>();
    HostStore store = HostStore.of(ctx.state());
    Instant now = Instant.now();
    for (String id : req.hostIds()) {
      synchronized (store) {
        HostStore.Host h = store.byId.get(id);
        String problem = problem(ctx, h, id, true);
        if (problem != null) {
          failed.add(unsuccessful(id, problem));
          continue;
        }
        h.state = "released";
        h.releaseTime = now;
        done.add(id);
      }
    }
    return ReleaseHostsResponse.builder().successful(done).unsuccessful(failed).build();
  }

  /** Why the host cannot be changed (code|message), or null when it can. */
  private static String problem(RequestContext ctx, HostStore.Host h, String id, boolean empty) {
    if (h == null) {
      return "Client.InvalidHostID.NotFound|The host ID '" + id + "' does not exist";
    }
    if (!h.state.equals("available")) {
      return "Client.InvalidHostState|The host '" + id + "' is " + h.state + ".";
    }
    if (empty && !Hosts.instancesOn(ctx.state(), id).isEmpty()) {
      return "Client.InvalidHost.Occupied|The host '"
          + id
          + "' has instances; stop or terminate them first.";
    }
    return null;
  }

  private static UnsuccessfulItem unsuccessful(String id, String problem) {
    int bar = problem.indexOf('|');
    return UnsuccessfulItem.builder()
        .resourceId(id)
        .error(
            UnsuccessfulItemError.builder()
                .code(problem.substring(0, bar))
                .message(problem.substring(bar + 1))
                .build())
        .build();
  }

  private static String onOff(String value, String dflt, String name) {
    if (value == null) {
      return dflt;
    }
    if (!ON_OFF.contains(value)) {
      throw AwsException.invalidParameterValue(
          "Value (" + value + ") for parameter " + name + " is invalid. Valid values: on, off");
    }
    return value;
  }

  static RegionCatalog.Zone zone(RequestContext ctx, String name, String zoneId) {
    if (name == null && zoneId == null) {
      throw AwsException.missingParameter("AvailabilityZone");
    }
    return RegionCatalog.zones(ctx.region()).stream()
        .filter(z -> z.name().equals(name) || z.zoneId().equals(zoneId))
        .findFirst()
        .orElseThrow(
            () ->
                AwsException.invalidParameterValue(
                    "Invalid availability zone: [" + (name != null ? name : zoneId) + "]"));
  }
}
