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
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** RunInstances: one machine per instance, {@code pending} until it runs. */
public final class InstancesService {
  /** The type AWS launches when none is given. */
  static final TypeLimits DEFAULT_TYPE = new TypeLimits("m1.small", 1, 1, 1, 1740, "x86_64");

  private static final Set<String> INSTANCE_TAG_TYPES =
      Set.of("instance", "volume", "network-interface");

  private final InstanceLifecycle lifecycle;
  private final ImagesService images;
  private final InstanceCatalogs catalogs;
  private final InstanceStorage storage;
  private final String serverId;
  private final InstanceNetworking networking;
  private final java.util.function.Function<String, String> metadataEndpoint;

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
      java.util.function.Function<String, String> metadataEndpoint) {
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
    try {
      return launch(ctx, req);
    } catch (EngineException e) {
      throw new AwsException(
          "InsufficientInstanceCapacity",
          "There is not enough capacity to launch instances now: " + e.getMessage(),
          500);
    }
  }

  private RunInstancesResponse launch(RequestContext ctx, RunInstancesRequest req) {
    if (req.launchTemplate() != null) {
      throw new AwsException(
          "UnsupportedOperation", "ec2-double does not support launch templates yet.");
    }
    ImageRecord image = images.require(ctx.state(), req.imageId());
    if (!image.state().equals("available")) {
      throw new AwsException(
          "InvalidAMIID.Unavailable", "Image " + image.imageId() + " is not available yet.");
    }
    int min = required(req.minCount(), "MinCount");
    int max = required(req.maxCount(), "MaxCount");
    if (min < 1) {
      throw AwsException.invalidParameterValue(
          "Value (" + min + ") for parameter minCount is invalid. Expected a value of at least 1.");
    }
    if (max < min) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + max
              + ") for parameter maxCount is invalid. Expected a value of at least "
              + min
              + ".");
    }
    TypeLimits type = type(req.instanceTypeAsString());
    if (!type.architecture().equals(image.architecture())) {
      throw AwsException.invalidParameterValue(
          "The architecture '"
              + type.architecture()
              + "' of the specified instance type does not match the architecture '"
              + image.architecture()
              + "' of the specified AMI. Specify an instance type and an AMI that have matching"
              + " architectures, and try again.");
    }
    String publicKey = null;
    if (req.keyName() != null) {
      publicKey =
          catalogs
              .publicKey(ctx.state(), req.keyName())
              .orElseThrow(
                  () ->
                      new AwsException(
                          "InvalidKeyPair.NotFound",
                          "The key pair '" + req.keyName() + "' does not exist"));
    }
    UserData.Scripts scripts =
        req.userData() == null ? null : UserData.scripts(UserData.decode(req.userData()));
    String behavior = req.instanceInitiatedShutdownBehaviorAsString();
    if (behavior != null && !behavior.equals("stop") && !behavior.equals("terminate")) {
      throw AwsException.invalidParameterValue(
          "Value (" + behavior + ") for parameter instanceInitiatedShutdownBehavior is invalid.");
    }
    InstanceNetworking.Placement placement = placement(ctx, req);
    if (req.privateIpAddress() != null && max > 1) {
      throw AwsException.invalidParameterCombination(
          "Cannot specify a private IP address when launching more than one instance.");
    }
    List<Tag> instanceTags = instanceTags(req.tagSpecifications());
    InstanceMetadataOptionsResponse metadata = metadataOptions(req.metadataOptions());
    InstanceStorage.Launch volumes =
        storage.plan(ctx, image, req.blockDeviceMappings(), volumeTags(req.tagSpecifications()));

    java.util.Set<String> taken = networking.ensureNetwork(ctx, placement);
    String reservationId = Ids.next("r");
    Instant now = Instant.now();
    InstanceStore store = Instances.store(ctx.state());
    List<InstanceRecord> launched = new ArrayList<>();
    Map<String, Runnable> provision = new LinkedHashMap<>();
    synchronized (store) {
      // counted and stored under one lock, so that concurrent launches cannot pass a quota
      int count = InstanceQuotas.launchable(ctx, store, this::typeOrNull, type, min, max);
      for (int i = 0; i < count; i++) {
        String instanceId = Ids.next("i");
        NetworkInterfaceRecord eni;
        try {
          eni =
              networking.attachPrimary(
                  ctx, placement, instanceId, i == 0 ? privateIp(req) : null, taken);
        } catch (RuntimeException e) {
          launched.forEach(l -> networking.release(ctx.state(), l.id));
          throw e;
        }
        String ip = eni.privateIp();
        InstanceRecord r =
            new InstanceRecord(
                store.nextSeq(),
                instanceId,
                reservationId,
                ctx.account(),
                ctx.region(),
                image.imageId(),
                image.imageRef(),
                req.keyName(),
                i,
                placement.subnet().zone(),
                placement.subnet().id(),
                placement.vpc().id(),
                ip,
                dnsName(ip, ctx.region()),
                image.architecture(),
                req.clientToken(),
                placement.groupIds());
        r.network = placement.vpc().networkName();
        r.mac = eni.mac();
        r.instanceType = type.name();
        r.userData = req.userData();
        r.shutdownBehavior = behavior == null ? "stop" : behavior;
        r.disableApiTermination = Boolean.TRUE.equals(req.disableApiTermination());
        r.metadataOptions = metadata;
        r.launchTime = now;
        if (!instanceTags.isEmpty()) {
          ctx.tags().add(List.of(r.id), instanceTags);
        }
        provision.put(r.id, volumes.create(ctx, r.id, placement.subnet().zone()));
        launched.add(r);
      }
      launched.forEach(store::put);
    }
    // the new addresses' rules and metadata routes, applied while the launches get going
    java.util.concurrent.CompletableFuture<Void> rules = networking.enforceSoon(ctx.state());
    // the answer shows every instance pending, as AWS's does, however fast the machines start
    TagStore tags = ctx.tags();
    Map<String, InstanceNetworking.View> networks = networking.views(ctx.state());
    RunInstancesResponse response =
        RunInstancesResponse.builder()
            .reservationId(reservationId)
            .ownerId(ctx.account())
            .groups(List.of())
            .instances(
                launched.stream()
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
    for (InstanceRecord r : launched) {
      String key = publicKey;
      Runnable disks = provision.get(r.id);
      AtomicBoolean disksMounted = new AtomicBoolean();
      lifecycle.launch(
          r,
          () -> {
            if (disksMounted.compareAndSet(false, true)) {
              disks.run(); // the volumes are there from the first boot
            }
            MachineSpec spec = machineSpec(ctx, r, type, scripts, key);
            rules.join(); // no instance boots before its security group rules are in place
            return spec;
          },
          releaseOf(ctx.state(), r.id));
    }
    return response;
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
    String hostname = r.privateDnsName.substring(0, r.privateDnsName.indexOf('.'));
    return new MachineSpec(
        Instances.machineName(r.id),
        r.imageRef,
        hostname,
        r.network,
        r.privateIp,
        List.of(r.privateDnsName, hostname),
        type.vcpus(),
        type.memoryMib() * 1024 * 1024,
        files,
        labels,
        r.mac,
        env(r));
  }

  /** The SDKs read this variable before trying the link-local address. */
  private Map<String, String> env(InstanceRecord r) {
    String endpoint = metadataEndpoint.apply(r.network);
    return endpoint == null ? Map.of() : Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint);
  }

  InstanceNetworking networking() {
    return networking;
  }

  private static BootFile text(String s, int mode) {
    return new BootFile(s.getBytes(StandardCharsets.UTF_8), mode);
  }

  /**
   * {@code ip-172-31-0-5.ec2.internal} in us-east-1, {@code ip-....REGION.compute.internal}
   * elsewhere.
   */
  static String dnsName(String ip, String region) {
    String host = "ip-" + ip.replace('.', '-');
    return region.equals("us-east-1")
        ? host + ".ec2.internal"
        : host + "." + region + ".compute.internal";
  }

  /** The subnet and groups asked for, directly or as the primary interface's specification. */
  private InstanceNetworking.Placement placement(RequestContext ctx, RunInstancesRequest req) {
    String zone = req.placement() == null ? null : req.placement().availabilityZone();
    String subnetId = req.subnetId();
    List<String> groupIds = new ArrayList<>(req.securityGroupIds());
    for (var ni : req.networkInterfaces()) {
      if (ni.deviceIndex() == null || ni.deviceIndex() != 0) {
        throw new AwsException(
            "Unsupported", "ec2-double launches instances with one network interface only.");
      }
      if (ni.networkInterfaceId() != null) {
        throw new AwsException(
            "Unsupported", "ec2-double cannot launch with an existing network interface.");
      }
      if (subnetId != null && ni.subnetId() != null) {
        throw AwsException.invalidParameterCombination(
            "Network interfaces and an instance-level subnet ID may not be specified on the same"
                + " request");
      }
      subnetId = subnetId != null ? subnetId : ni.subnetId();
      groupIds.addAll(ni.groups());
    }
    return networking.place(ctx, subnetId, zone, groupIds, req.securityGroups());
  }

  private static String privateIp(RunInstancesRequest req) {
    if (req.privateIpAddress() != null) {
      return req.privateIpAddress();
    }
    return req.networkInterfaces().stream()
        .map(ni -> ni.privateIpAddress())
        .filter(ip -> ip != null)
        .findFirst()
        .orElse(null);
  }

  private static List<Tag> instanceTags(List<TagSpecification> specs) {
    List<Tag> tags = new ArrayList<>();
    for (TagSpecification s : specs) {
      String type = s.resourceTypeAsString();
      if (type == null || !INSTANCE_TAG_TYPES.contains(type)) {
        throw AwsException.invalidParameterValue(
            "'" + type + "' is not a valid taggable resource type for this operation.");
      }
      TagStore.validate(s.tags());
      if (type.equals("instance")) {
        tags.addAll(s.tags());
      }
    }
    return tags;
  }

  /** RunInstances' tags for the volumes it makes (TagSpecification of type volume). */
  private static List<Tag> volumeTags(List<TagSpecification> specs) {
    List<Tag> tags = new ArrayList<>();
    for (TagSpecification s : specs) {
      if ("volume".equals(s.resourceTypeAsString())) {
        tags.addAll(s.tags());
      }
    }
    return tags;
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

  private static int required(Integer value, String name) {
    if (value == null) {
      throw AwsException.missingParameter(name);
    }
    return value;
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
