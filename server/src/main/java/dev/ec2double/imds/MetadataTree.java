package dev.ec2double.imds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The instance metadata categories as paths: leaves hold values; a path that is a prefix of leaves
 * lists its children ({@code name} for a leaf, {@code name/} for a directory), as IMDS does
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-categories.html).
 */
final class MetadataTree {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, byte[]> leaves = new TreeMap<>();
  private final Map<String, String> listings = new TreeMap<>();

  private MetadataTree() {}

  static MetadataTree of(InstanceMetadata m) {
    MetadataTree t = new MetadataTree();
    String md = "meta-data/";
    t.put(md + "ami-id", m.amiId());
    t.put(md + "ami-launch-index", Integer.toString(m.amiLaunchIndex()));
    t.put(md + "ami-manifest-path", "(unknown)");
    t.put(md + "block-device-mapping/ami", "/dev/xvda");
    t.put(md + "block-device-mapping/root", "/dev/xvda");
    t.put(md + "hostname", m.hostname());
    t.put(md + "local-hostname", m.hostname());
    t.put(md + "instance-action", "none");
    t.put(md + "instance-id", m.instanceId());
    t.put(md + "instance-life-cycle", m.lifeCycle());
    t.put(md + "instance-type", m.instanceType());
    t.put(md + "local-ipv4", m.localIpv4());
    t.put(md + "mac", m.mac());
    t.put(md + "placement/availability-zone", m.zone());
    t.put(md + "placement/availability-zone-id", m.zoneId());
    t.put(md + "placement/region", m.region());
    InstanceMetadata.Placement placement =
        m.placement() == null ? InstanceMetadata.Placement.NONE : m.placement();
    if (placement.groupName() != null) {
      t.put(md + "placement/group-name", placement.groupName());
    }
    if (placement.partitionNumber() != null) {
      t.put(md + "placement/partition-number", placement.partitionNumber().toString());
    }
    if (placement.hostId() != null) {
      t.put(md + "placement/host-id", placement.hostId());
    }
    t.put(md + "profile", "default-hvm");
    t.put(md + "reservation-id", m.reservationId());
    t.put(md + "security-groups", String.join("\n", m.securityGroupNames()));
    t.put(md + "services/domain", "amazonaws.com");
    t.put(md + "services/partition", "aws");
    if (m.publicIpv4() != null) {
      t.put(md + "public-ipv4", m.publicIpv4());
    }
    String nic = md + "network/interfaces/macs/" + m.mac() + "/";
    t.put(nic + "device-number", "0");
    t.put(nic + "interface-id", m.interfaceId());
    t.put(nic + "local-hostname", m.hostname());
    t.put(nic + "local-ipv4s", m.localIpv4());
    t.put(nic + "mac", m.mac());
    t.put(nic + "owner-id", m.account());
    t.put(nic + "security-group-ids", String.join("\n", m.securityGroupIds()));
    t.put(nic + "security-groups", String.join("\n", m.securityGroupNames()));
    t.put(nic + "subnet-id", m.subnetId());
    t.put(nic + "subnet-ipv4-cidr-block", m.subnetCidr());
    t.put(nic + "vpc-id", m.vpcId());
    t.put(nic + "vpc-ipv4-cidr-block", m.vpcCidr());
    t.put(nic + "vpc-ipv4-cidr-blocks", m.vpcCidr());
    if (m.publicIpv4() != null) {
      t.put(nic + "public-ipv4s", m.publicIpv4());
    }
    int i = 0;
    StringBuilder keys = new StringBuilder();
    for (Map.Entry<String, String> key : m.publicKeys().entrySet()) {
      t.put(md + "public-keys/" + i + "/openssh-key", key.getValue());
      keys.append(keys.length() == 0 ? "" : "\n").append(i).append('=').append(key.getKey());
      i++;
    }
    if (i > 0) {
      t.listings.put(md + "public-keys", keys.toString());
    }
    if (m.options().tagsAllowed()) {
      m.tags().forEach((k, v) -> t.put(md + "tags/instance/" + k, v));
    }
    if (m.role() != null) {
      t.put(md + "iam/info", iamInfo(m.role()));
      t.put(md + "iam/security-credentials/" + m.role().roleName(), credentials(m.role()));
    }
    InstanceMetadata.Events events = m.events() == null ? InstanceMetadata.Events.NONE : m.events();
    t.put(md + "events/maintenance/scheduled", events.maintenance());
    t.put(md + "spot/instance-action", events.spotAction());
    t.put(md + "spot/termination-time", events.terminationTime());
    t.put(md + "events/recommendations/rebalance", events.rebalance());
    t.put("dynamic/instance-identity/document", identity(m));
    if (m.userData() != null) {
      t.leaves.put("user-data", m.userData());
    }
    return t;
  }

  private void put(String path, String value) {
    if (value != null) {
      leaves.put(path, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The value or listing at a path below {@code latest/}, or empty for a 404. */
  Optional<byte[]> get(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    String bare = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    byte[] leaf = leaves.get(bare);
    if (leaf != null) {
      return Optional.of(leaf);
    }
    String listing = listings.get(bare);
    if (listing != null) {
      return Optional.of(listing.getBytes(StandardCharsets.UTF_8));
    }
    String prefix = bare.isEmpty() ? "" : bare + "/";
    TreeSet<String> children = new TreeSet<>();
    for (String key : leaves.keySet()) {
      if (key.startsWith(prefix)) {
        String rest = key.substring(prefix.length());
        int slash = rest.indexOf('/');
        children.add(slash < 0 ? rest : rest.substring(0, slash + 1));
      }
    }
    if (children.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(String.join("\n", children).getBytes(StandardCharsets.UTF_8));
  }

  private static String iamInfo(InstanceMetadata.Role r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("Code", "Success");
    doc.put("LastUpdated", time(r.lastUpdated()));
    doc.put("InstanceProfileArn", r.profileArn());
    doc.put("InstanceProfileId", r.profileId());
    return json(doc);
  }

  /** What the SDKs' instance profile credential providers read. */
  private static String credentials(InstanceMetadata.Role r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("Code", "Success");
    doc.put("LastUpdated", time(r.lastUpdated()));
    doc.put("Type", "AWS-HMAC");
    doc.put("AccessKeyId", r.accessKeyId());
    doc.put("SecretAccessKey", r.secretAccessKey());
    doc.put("Token", r.token());
    doc.put("Expiration", time(r.expiration()));
    return json(doc);
  }

  private static String time(java.time.Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  private static String json(Map<String, Object> doc) {
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String identity(InstanceMetadata m) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("accountId", m.account());
    doc.put("architecture", m.architecture());
    doc.put("availabilityZone", m.zone());
    doc.put("billingProducts", null);
    doc.put("devpayProductCodes", null);
    doc.put("marketplaceProductCodes", null);
    doc.put("imageId", m.amiId());
    doc.put("instanceId", m.instanceId());
    doc.put("instanceType", m.instanceType());
    doc.put("kernelId", null);
    doc.put(
        "pendingTime",
        DateTimeFormatter.ISO_INSTANT.format(m.launchTime().truncatedTo(ChronoUnit.SECONDS)));
    doc.put("privateIp", m.localIpv4());
    doc.put("ramdiskId", null);
    doc.put("region", m.region());
    doc.put("version", "2017-09-30");
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> versions() {
    return List.of("1.0", "2007-01-19", "2009-04-04", "2016-09-02", "latest");
  }
}
