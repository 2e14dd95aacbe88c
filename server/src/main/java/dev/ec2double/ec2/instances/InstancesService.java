package dev.ec2double.ec2.instances;

import dev.ec2double.compute.BootScript;
import dev.ec2double.compute.EngineException;
import dev.ec2double.compute.Labels;
import dev.ec2double.compute.MachineSpec;
import dev.ec2double.compute.MachineSpec.BootFile;
import dev.ec2double.core.Ids;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.TagStore;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.ec2.roles.InstanceProfiles;
import dev.ec2double.ec2.vpc.InstanceNetworking;
import dev.ec2double.ec2.vpc.NetworkInterfaceRecord;
import dev.ec2double.errors.AwsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;

/** RunInstances: one machine per instance, {@code pending} until it runs. */
public final class InstancesService {
  /** The type AWS launches when none is given. */
  static final TypeLimits DEFAULT_TYPE = new TypeLimits("m1.small", 1, 1, 1, 1740, "x86_64", 2);

  private final InstanceLifecycle lifecycle;
  private final ImagesService images;
  private final InstanceCatalogs catalogs;
  private final InstanceStorage storage;
  private final String serverId;
  private final InstanceNetworking networking;
  private final java.util.function.Function<String, String> metadataEndpoint;
  private final InstanceProfiles profiles;
  private volatile java.util.function.Function<String, String> apiEndpoint = network -> null;
  private volatile InstanceFaults faults;
  private LaunchFromTemplate templates = LaunchFromTemplate.NONE;
  private SpotMarket spot = SpotMarket.NONE;
  private CreditDefaults credits = CreditDefaults.NONE;
  private PlacementRules placementRules = PlacementRules.NONE;

  /**
   * @param metadataEndpoint the metadata service's direct URL for a network, or null when none
   */
  public InstancesService(
      InstanceLifecycle lifecycle,
      ImagesService images,
      InstanceCatalogs catalogs,
      InstanceStorage storage,
      Resources resources,
      String serverId,
      InstanceNetworking networking,
      java.util.function.Function<String, String> metadataEndpoint,
      InstanceProfiles profiles) {
    this.profiles = profiles;
    this.lifecycle = lifecycle;
    this.images = images;
    this.catalogs = catalogs;
    this.storage = storage;
    this.serverId = serverId;
    this.networking = networking;
    this.metadataEndpoint = metadataEndpoint;
    resources.register(
        new Resources.Kind(
            "i",
            "instance",
            "InvalidInstanceID.NotFound",
            (s, id) -> Instances.store(s).get(id) != null));
  }

  /** Launches with a LaunchTemplate go through the launch templates feature (wired at start). */
  public void launchTemplates(LaunchFromTemplate templates) {
    this.templates = templates;
  }

  /** Launches with InstanceMarketOptions go through the Spot feature (wired at start). */
  public void spotMarket(SpotMarket spot) {
    this.spot = spot;
  }

  /** Burstable instances get their family's default credit option (wired at start). */
  public void creditDefaults(CreditDefaults credits) {
    this.credits = credits;
  }

  /**
   * Placement groups, Dedicated Hosts and Capacity Reservations place instances (wired at start).
   */
  public void placementRules(PlacementRules rules) {
    this.placementRules = rules;
  }

  PlacementRules placementRules() {
    return placementRules;
  }

  ImagesService images() {
    return images;
  }

  InstanceStorage storage() {
    return storage;
  }

  /** The type's figures, or null for a type the catalogue no longer has. */
  TypeLimits typeOrNull(String name) {
    if (name.equals(DEFAULT_TYPE.name())) {
      return DEFAULT_TYPE;
    }
    return catalogs.instanceType(name).orElse(null);
  }

  TypeLimits type(String name) {
    if (name == null || name.equals(DEFAULT_TYPE.name())) {
      return DEFAULT_TYPE;
    }
    return catalogs
        .instanceType(name)
        .orElseThrow(
            () ->
                AwsException.invalidParameterValue(
                    "Invalid value '" + name + "' for InstanceType."));
  }

  /**
   * The engine's failures before the answer (it is down, too slow, or refuses to make the VPC's
   * network) are AWS's {@code InsufficientInstanceCapacity}, a server error (HTTP 500) that says
   * where to look; nothing is recorded then. Failures after the answer (the container cannot be
   * created or started) terminate the instance with {@code Server.InternalError}, as AWS's failed
   * launches do: docs/faults.md.
   */
  public RunInstancesResponse runInstances(RequestContext ctx, RunInstancesRequest req) {
    if (req.launchTemplate() != null) {
      return templates.launch(ctx, req, merged -> runInstances(ctx, merged));
    }
    if (req.instanceMarketOptions() != null) {
      return spot.launch(ctx, req, (plain, ids) -> runSpot(ctx, plain, ids));
    }
    return runSpot(ctx, req, null);
  }

  /**
   * Launches instances for Spot requests (RunInstances with market options, RequestSpotInstances,
   * fleets): instance {@code i} of the launch belongs to {@code spotRequestIds.get(i)}; null for
   * on-demand instances.
   */
  public RunInstancesResponse runSpot(
      RequestContext ctx, RunInstancesRequest req, List<String> spotRequestIds) {
    try {
      return launch(ctx, req, spotRequestIds);
    } catch (EngineException e) {
      throw new AwsException(
          "InsufficientInstanceCapacity",
          "There is not enough capacity to launch instances now: " + e.getMessage(),
          500);
    }
  }

  /**
   * Plans (checks everything first, in the order AWS reports errors), makes the network, records
   * the instances, answers with them pending, and hands each machine to the lifecycle.
   */
  private RunInstancesResponse launch(
      RequestContext ctx, RunInstancesRequest req, List<String> spotRequestIds) {
    LaunchPlan plan = plan(ctx, req);
    InstanceProfiles.Profile profile =
        req.iamInstanceProfile() == null
            ? null
            : profiles.resolve(ctx.account(), req.iamInstanceProfile());
    Set<String> taken = networking.ensureNetwork(ctx, plan.placement());
    Reservation reservation = record(ctx, req, plan, taken, profile, spotRequestIds);
    // the new addresses' rules and metadata routes, applied while the launches get going
    CompletableFuture<Void> rules = networking.enforceSoon(ctx.state());
    RunInstancesResponse response = pendingAnswer(ctx, reservation, plan.type());
    boot(ctx, plan, reservation, rules);
    return response;
  }

  /** One RunInstances call's instances, and for each the volumes to create before it boots. */
  private record Reservation(
      String id, List<InstanceRecord> instances, Map<String, Runnable> volumes) {}

  /** Everything the call asks for, checked and resolved; nothing is made yet. */
  private LaunchPlan plan(RequestContext ctx, RunInstancesRequest req) {
    LaunchChecks.supported(req);
    ImageRecord image = LaunchChecks.available(images.require(ctx.state(), req.imageId()));
    LaunchChecks.Counts counts = LaunchChecks.counts(req);
    TypeLimits type = type(req.instanceTypeAsString());
    images.checkLaunch(ctx.state(), image, type.name());
    LaunchChecks.architectureMatches(type, image);
    boolean hibernation = LaunchChecks.hibernation(req, type);
    String publicKey = publicKey(ctx, req.keyName());
    UserData.Scripts scripts =
        req.userData() == null ? null : UserData.scripts(UserData.decode(req.userData()));
    String shutdownBehavior = LaunchChecks.shutdownBehavior(req);
    String cpuCredits = LaunchChecks.cpuCredits(req, credits.at(ctx.state(), type.name()) != null);
    InstanceNetworking.Placement placement = placement(ctx, req, type, counts.max());
    LaunchChecks.privateIpForOneOnly(req, counts.max());
    List<Tag> instanceTags = LaunchChecks.instanceTags(req.tagSpecifications());
    InstanceMetadataOptionsResponse metadata =
        metadataOptions(MetadataDefaults.under(ctx.state(), req.metadataOptions()));
    if (req.cpuOptions() != null) {
      InstanceOptions.checkCpu(
          type, req.cpuOptions().coreCount(), req.cpuOptions().threadsPerCore());
    }
    InstanceStorage.Launch volumes =
        storage.plan(
            ctx,
            image,
            req.blockDeviceMappings(),
            LaunchChecks.volumeTags(req.tagSpecifications()));
    return new LaunchPlan(
        image,
        counts.min(),
        counts.max(),
        type,
        publicKey,
        scripts,
        shutdownBehavior,
        placement,
        instanceTags,
        metadata,
        volumes,
        cpuCredits != null ? cpuCredits : credits.at(ctx.state(), type.name()),
        hibernation);
  }

  /** The key pair's public key, or null when none is asked for. */
  private String publicKey(RequestContext ctx, String keyName) {
    if (keyName == null) {
      return null;
    }
    return catalogs
        .publicKey(ctx.state(), keyName)
        .orElseThrow(
            () ->
                new AwsException(
                    "InvalidKeyPair.NotFound", "The key pair '" + keyName + "' does not exist"));
  }

  /**
   * As many instances as the quota allows (at least min, at most max), each with its primary
   * interface, tags and volume plan, counted and stored under one lock, so that concurrent launches
   * cannot pass a quota together.
   */
  private Reservation record(
      RequestContext ctx,
      RunInstancesRequest req,
      LaunchPlan plan,
      Set<String> taken,
      InstanceProfiles.Profile profile,
      List<String> spotRequestIds) {
    String reservationId = Ids.next("r");
    Instant now = Instant.now();
    InstanceStore store = Instances.store(ctx.state());
    List<InstanceRecord> launched = new ArrayList<>();
    Map<String, Runnable> volumes = new LinkedHashMap<>();
    synchronized (store) {
      int count =
          InstanceQuotas.launchable(
              ctx, store, this::typeOrNull, plan.type(), plan.min(), plan.max());
      List<InstancePlacement> placements =
          placementRules.launch(
              ctx,
              new PlacementRules.Launch(
                  req,
                  plan.type().name(),
                  plan.placement().subnet().zone(),
                  plan.type().vcpus(),
                  store),
              java.util.Collections.nCopies(count, InstancePlacement.DEFAULT));
      for (int i = 0; i < count; i++) {
        String instanceId = Ids.next("i");
        NetworkInterfaceRecord eni;
        try {
          eni =
              networking.attachPrimary(
                  ctx,
                  plan.placement(),
                  instanceId,
                  i == 0 ? LaunchChecks.privateIp(req) : null,
                  taken);
        } catch (RuntimeException e) {
          launched.forEach(l -> networking.release(ctx.state(), l.id));
          throw e;
        }
        InstanceRecord r =
            newRecord(ctx, req, plan, store.nextSeq(), instanceId, reservationId, i, eni, now);
        r.placement = placements.get(i);
        if (spotRequestIds != null) {
          r.spotRequestId = spotRequestIds.get(i);
        }
        if (profile != null) {
          r.profile = profile;
          IamInstanceProfilesService.associateAtLaunch(ctx, r.id, profile, now);
        }
        if (!plan.instanceTags().isEmpty()) {
          ctx.tags().add(List.of(r.id), plan.instanceTags());
        }
        volumes.put(r.id, plan.volumes().create(ctx, r.id, plan.placement().subnet().zone()));
        launched.add(r);
      }
      launched.forEach(store::put);
    }
    return new Reservation(reservationId, launched, volumes);
  }

  private static InstanceRecord newRecord(
      RequestContext ctx,
      RunInstancesRequest req,
      LaunchPlan plan,
      long seq,
      String instanceId,
      String reservationId,
      int launchIndex,
      NetworkInterfaceRecord eni,
      Instant launchTime) {
    InstanceNetworking.Placement placement = plan.placement();
    String ip = eni.privateIp();
    InstanceRecord r =
        new InstanceRecord(
            seq,
            instanceId,
            reservationId,
            ctx.account(),
            ctx.region(),
            plan.image().imageId(),
            plan.image().imageRef(),
            req.keyName(),
            launchIndex,
            placement.subnet().zone(),
            placement.subnet().id(),
            placement.vpc().id(),
            ip,
            PrivateDnsNames.ipName(ip, ctx.region()),
            plan.image().architecture(),
            req.clientToken(),
            placement.groupIds());
    r.network = placement.vpc().networkName();
    r.mac = eni.mac();
    r.instanceType = plan.type().name();
    r.userData = req.userData();
    r.shutdownBehavior = plan.shutdownBehavior();
    r.disableApiTermination = Boolean.TRUE.equals(req.disableApiTermination());
    r.metadataOptions = plan.metadata();
    r.launchTime = launchTime;
    r.cpuCredits = plan.cpuCredits();
    r.hibernationConfigured = plan.hibernation();
    LaunchOptions.apply(r, req, plan.image(), plan.publicKey());
    PrivateDnsNames.atLaunch(r, req.privateDnsNameOptions());
    return r;
  }

  /** Every instance pending, as AWS's answer shows them, however fast the machines start. */
  private RunInstancesResponse pendingAnswer(
      RequestContext ctx, Reservation reservation, TypeLimits type) {
    TagStore tags = ctx.tags();
    Map<String, InstanceNetworking.View> networks = networking.views(ctx.state());
    return RunInstancesResponse.builder()
        .reservationId(reservation.id())
        .ownerId(ctx.account())
        .groups(List.of())
        .instances(
            reservation.instances().stream()
                .map(
                    r ->
                        InstanceView.toSdk(
                            r,
                            tags,
                            type,
                            List.of(),
                            networks.getOrDefault(r.id, InstanceNetworking.View.NONE)))
                .toList())
        .build();
  }

  /**
   * Hands each machine to the lifecycle, which starts it in the background: its volumes are there
   * from the first boot, and no instance boots before its security group rules are in place.
   */
  private void boot(
      RequestContext ctx, LaunchPlan plan, Reservation reservation, CompletableFuture<Void> rules) {
    for (InstanceRecord r : reservation.instances()) {
      Runnable volumes = reservation.volumes().get(r.id);
      AtomicBoolean volumesCreated = new AtomicBoolean();
      lifecycle.launch(
          r,
          () -> {
            if (volumesCreated.compareAndSet(false, true)) {
              volumes.run();
            }
            MachineSpec spec = machineSpec(ctx, r, plan.type(), plan.scripts(), plan.publicKey());
            rules.join();
            return spec;
          },
          releaseOf(ctx.state(), r.id));
    }
  }

  private MachineSpec machineSpec(
      RequestContext ctx,
      InstanceRecord r,
      TypeLimits type,
      UserData.Scripts scripts,
      String publicKey) {
    Map<String, String> labels = Labels.of(serverId, ctx.account(), ctx.region(), r.id, "instance");
    Map<String, BootFile> files = new LinkedHashMap<>();
    files.put(BootScript.PATH, BootScript.file());
    files.put(BootScript.STATE_DIR + "/instance-id", text(r.id + "\n", 0644));
    if (scripts != null && scripts.firstBoot() != null) {
      files.put(BootScript.USER_DATA, text(scripts.firstBoot(), 0700));
    }
    if (scripts != null && scripts.everyBoot() != null) {
      files.put(BootScript.BOOTCMD, text(scripts.everyBoot(), 0700));
    }
    if (publicKey != null) {
      files.put(BootScript.AUTHORIZED_KEYS, text(publicKey.trim() + "\n", 0644));
    }
    InstanceNetworking.Resolver resolver = networking.resolver(ctx.state(), r.vpcId);
    files.put(BootScript.RESOLV_CONF, text(resolver.resolvConf(), 0644));
    return new MachineSpec(
        Instances.machineName(r.id),
        r.imageRef,
        r.privateDnsName,
        r.network,
        r.privateIp,
        r.machineNames = PrivateDnsNames.resolvable(r, resolver.dnsSupport()),
        InstanceOptions.vcpus(r, type),
        type.memoryMib() * 1024 * 1024,
        files,
        labels,
        r.mac,
        env(r));
  }

  /**
   * Where the metadata service is (the SDKs read this before trying the link-local address), and
   * where this server's API is for code in the instance, with the instance's region: the general
   * and the per-service endpoint variables of the current SDKs and CLI.
   */
  private Map<String, String> env(InstanceRecord r) {
    Map<String, String> env = new LinkedHashMap<>();
    String metadata = metadataEndpoint.apply(r.network);
    if (metadata != null) {
      env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", metadata);
    }
    String api = apiEndpoint.apply(r.network);
    if (api != null) {
      env.put("AWS_ENDPOINT_URL", api);
      for (String service : API_SERVICES) {
        env.put("AWS_ENDPOINT_URL_" + service, api);
      }
      env.put("AWS_REGION", r.region);
      env.put("AWS_DEFAULT_REGION", r.region);
    }
    return env;
  }

  /** The services this server answers, as the SDKs name their endpoint variables. */
  private static final List<String> API_SERVICES =
      List.of("EC2", "ELASTIC_LOAD_BALANCING_V2", "STS", "AUTO_SCALING");

  /** The faults a test injected, which DescribeInstanceStatus and the metadata service show. */
  public void faults(InstanceFaults faults) {
    this.faults = faults;
  }

  InstanceFaults faults() {
    return faults;
  }

  /** Where the instances of a network reach the API (URL, or null for none). */
  public void apiEndpoint(java.util.function.Function<String, String> endpoint) {
    this.apiEndpoint = endpoint;
  }

  InstanceNetworking networking() {
    return networking;
  }

  /**
   * The file that gives a stopped instance its VPC's DHCP options as they are now, at its next
   * boot: the boot script puts it in place of /etc/resolv.conf.
   */
  static Map<String, BootFile> renewedResolver(InstanceNetworking.Resolver resolver) {
    return Map.of(BootScript.RESOLV_CONF_RENEWED, text(resolver.resolvConf(), 0644));
  }

  private static BootFile text(String s, int mode) {
    return new BootFile(s.getBytes(StandardCharsets.UTF_8), mode);
  }

  /**
   * Where the instances go: the instance-level subnet and groups, or the interfaces the launch
   * names (the primary one new or existing, others made or attached with it).
   */
  private InstanceNetworking.Placement placement(
      RequestContext ctx, RunInstancesRequest req, TypeLimits type, int max) {
    String zone = req.placement() == null ? null : req.placement().availabilityZone();
    if (req.networkInterfaces().isEmpty()) {
      return networking.place(
          ctx, req.subnetId(), zone, req.securityGroupIds(), req.securityGroups());
    }
    InterfaceChecks.check(req, max, type);
    return networking.placeOnInterfaces(ctx, zone, req.networkInterfaces());
  }

  static InstanceMetadataOptionsResponse metadataOptions(InstanceMetadataOptionsRequest o) {
    String tokens =
        o == null || o.httpTokensAsString() == null ? "optional" : o.httpTokensAsString();
    Integer hops =
        o == null || o.httpPutResponseHopLimit() == null ? 1 : o.httpPutResponseHopLimit();
    String endpoint =
        o == null || o.httpEndpointAsString() == null ? "enabled" : o.httpEndpointAsString();
    if (!tokens.equals("optional") && !tokens.equals("required")) {
      throw AwsException.invalidParameterValue("Invalid value '" + tokens + "' for HttpTokens.");
    }
    if (hops < 1 || hops > 64) {
      throw AwsException.invalidParameterValue(
          "The HttpPutResponseHopLimit must be between 1 and 64, got " + hops + ".");
    }
    if (!endpoint.equals("enabled") && !endpoint.equals("disabled")) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + endpoint + "' for HttpEndpoint.");
    }
    return InstanceMetadataOptionsResponse.builder()
        .state("applied")
        .httpTokens(tokens)
        .httpPutResponseHopLimit(hops)
        .httpEndpoint(endpoint)
        .httpProtocolIpv6("disabled")
        .instanceMetadataTags(
            o == null || o.instanceMetadataTagsAsString() == null
                ? "disabled"
                : o.instanceMetadataTagsAsString())
        .build();
  }

  /**
   * What an instance's end frees: its interfaces and addresses, its DeleteOnTermination volumes.
   */
  public Runnable releaseOf(RegionState state, String instanceId) {
    RequestContext ctx =
        new RequestContext(
            state.account(), state.region(), null, "TerminateInstances", null, state);
    return () -> {
      networking.release(state, instanceId);
      storage.terminated(ctx, instanceId);
    };
  }
}
