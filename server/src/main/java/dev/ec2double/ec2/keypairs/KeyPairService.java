package dev.ec2double.ec2.keypairs;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Ids;
import dev.ec2double.core.Quotas.Quota;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.TagStore;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.DeleteKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.DeleteKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsResponse;
import software.amazon.awssdk.services.ec2.model.ImportKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.ImportKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.KeyFormat;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.KeyType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** CreateKeyPair, ImportKeyPair, DescribeKeyPairs and DeleteKeyPair. */
public final class KeyPairService {
  static final String RESOURCE_TYPE = "key-pair";

  private static final FilterSpec<KeyPairInfo> FILTERS =
      FilterSpec.<KeyPairInfo>of()
          .field("key-pair-id", KeyPairInfo::keyPairId)
          .field("key-name", KeyPairInfo::keyName)
          .field("fingerprint", KeyPairInfo::keyFingerprint)
          .field("key-type", KeyPairInfo::keyTypeAsString)
          .tags(
              k ->
                  k.tags().stream()
                      .collect(
                          Collectors.toMap(Tag::key, Tag::value, (a, b) -> b, LinkedHashMap::new)));

  public KeyPairService(Resources resources) {
    resources.register(
        new Resources.Kind(
            "key",
            RESOURCE_TYPE,
            "InvalidKeyPairID.NotFound",
            (state, id) -> state.part(KeyPairStore.class, KeyPairStore::new).byId(id).isPresent()));
  }

  static KeyPairStore store(RequestContext ctx) {
    return ctx.state().part(KeyPairStore.class, KeyPairStore::new);
  }

  public CreateKeyPairResponse createKeyPair(RequestContext ctx, CreateKeyPairRequest req) {
    String name = req.keyName();
    KeyNames.check(name);
    KeyType type = keyType(req.keyTypeAsString());
    KeyFormat format = keyFormat(req.keyFormatAsString());
    List<Tag> tags = tags(req.tagSpecifications());
    if (store(ctx).byName(name).isPresent()) {
      throw duplicate(name);
    }
    GeneratedKey key = GeneratedKey.generate(type, format, name);
    KeyPairStore.KeyPair stored = add(ctx, name, key.publicKey(), key.fingerprint(), tags);
    return CreateKeyPairResponse.builder()
        .keyName(name)
        .keyPairId(stored.id())
        .keyFingerprint(stored.fingerprint())
        .keyMaterial(key.material())
        .tags(tags.isEmpty() ? null : ctx.tags().sdkTags(stored.id()))
        .build();
  }

  public ImportKeyPairResponse importKeyPair(RequestContext ctx, ImportKeyPairRequest req) {
    String name = req.keyName();
    KeyNames.check(name);
    List<Tag> tags = tags(req.tagSpecifications());
    if (req.publicKeyMaterial() == null) {
      // the SDK model marks nothing required, so the decoder cannot
      throw AwsException.missingParameter("PublicKeyMaterial");
    }
    SshPublicKey key = PublicKeyMaterial.parse(req.publicKeyMaterial().asByteArray());
    KeyPairStore.KeyPair stored = add(ctx, name, key, Fingerprints.imported(key), tags);
    return ImportKeyPairResponse.builder()
        .keyName(name)
        .keyPairId(stored.id())
        .keyFingerprint(stored.fingerprint())
        .tags(tags.isEmpty() ? null : ctx.tags().sdkTags(stored.id()))
        .build();
  }

  public DescribeKeyPairsResponse describeKeyPairs(
      RequestContext ctx, DescribeKeyPairsRequest req) {
    Predicate<KeyPairInfo> filter = FILTERS.compile(req.filters());
    KeyPairStore store = store(ctx);
    Set<String> names = Set.copyOf(req.keyNames());
    Set<String> ids = Set.copyOf(req.keyPairIds());
    for (String n : req.keyNames()) {
      if (store.byName(n).isEmpty()) {
        throw notFound("The key pair '" + n + "' does not exist");
      }
    }
    for (String id : req.keyPairIds()) {
      if (store.byId(id).isEmpty()) {
        throw notFound("The key pair ID '" + id + "' does not exist");
      }
    }
    boolean withPublicKey = Boolean.TRUE.equals(req.includePublicKey());
    List<KeyPairInfo> out =
        store.all().stream()
            .filter(
                k ->
                    names.isEmpty() && ids.isEmpty()
                        || names.contains(k.name())
                        || ids.contains(k.id()))
            .map(k -> info(ctx, k, withPublicKey))
            .filter(filter)
            .toList();
    return DescribeKeyPairsResponse.builder().keyPairs(out).build();
  }

  /**
   * Deleting a key pair that does not exist succeeds, as on EC2: the call is idempotent.
   * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteKeyPair.html
   */
  public DeleteKeyPairResponse deleteKeyPair(RequestContext ctx, DeleteKeyPairRequest req) {
    boolean byId = req.keyPairId() != null && !req.keyPairId().isEmpty();
    boolean byName = req.keyName() != null && !req.keyName().isEmpty();
    if (!byId && !byName) {
      throw new AwsException(
          "MissingParameter", "The request must contain the parameter KeyName or KeyPairId");
    }
    KeyPairStore store = store(ctx);
    var found = byId ? store.byId(req.keyPairId()) : store.byName(req.keyName());
    var removed = found.flatMap(store::remove);
    removed.ifPresent(k -> ctx.tags().remove(k.id(), List.of(), true));
    return DeleteKeyPairResponse.builder()
        .returnValue(true)
        .keyPairId(removed.map(KeyPairStore.KeyPair::id).orElse(null))
        .build();
  }

  private KeyPairStore.KeyPair add(
      RequestContext ctx, String name, SshPublicKey key, String fingerprint, List<Tag> tags) {
    KeyPairStore.KeyPair stored =
        new KeyPairStore.KeyPair(
            Ids.next("key"), name, key, fingerprint, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    KeyPairStore store = store(ctx);
    synchronized (store) {
      if (store.byName(name).isPresent()) {
        throw duplicate(name);
      }
      ctx.quotas().check(Quota.KEY_PAIRS, store.all().size(), 1);
      if (!store.addIfAbsent(stored)) {
        throw duplicate(name);
      }
    }
    if (!tags.isEmpty()) {
      ctx.tags().add(List.of(stored.id()), tags);
    }
    return stored;
  }

  private static KeyPairInfo info(RequestContext ctx, KeyPairStore.KeyPair k, boolean publicKey) {
    return KeyPairInfo.builder()
        .keyPairId(k.id())
        .keyName(k.name())
        .keyType(k.type())
        .keyFingerprint(k.fingerprint())
        .createTime(k.createTime())
        .tags(ctx.tags().sdkTags(k.id()))
        .publicKey(publicKey ? k.publicKey().openSsh(k.name()) : null)
        .build();
  }

  private static KeyType keyType(String raw) {
    if (raw == null || raw.isEmpty()) {
      return KeyType.RSA;
    }
    KeyType type = KeyType.fromValue(raw);
    if (type == KeyType.UNKNOWN_TO_SDK_VERSION) {
      throw AwsException.invalidParameterValue(
          "Value (" + raw + ") for parameter keyType is invalid. Valid values: rsa, ed25519.");
    }
    return type;
  }

  private static KeyFormat keyFormat(String raw) {
    if (raw == null || raw.isEmpty()) {
      return KeyFormat.PEM;
    }
    KeyFormat format = KeyFormat.fromValue(raw);
    if (format == KeyFormat.UNKNOWN_TO_SDK_VERSION) {
      throw AwsException.invalidParameterValue(
          "Value (" + raw + ") for parameter keyFormat is invalid. Valid values: pem, ppk.");
    }
    return format;
  }

  /**
   * The tags of the TagSpecifications for resource type key-pair, checked before anything is made.
   */
  private static List<Tag> tags(List<TagSpecification> specs) {
    Map<String, Tag> byKey = new LinkedHashMap<>();
    for (TagSpecification spec : specs) {
      String type = spec.resourceTypeAsString();
      if (!RESOURCE_TYPE.equals(type)) {
        throw AwsException.invalidParameterValue(
            "'" + type + "' is not a valid taggable resource type for this operation.");
      }
      spec.tags().forEach(t -> byKey.put(t.key(), t));
    }
    List<Tag> tags = new ArrayList<>(byKey.values());
    TagStore.validate(tags);
    if (tags.size() > TagStore.MAX_TAGS_PER_RESOURCE) {
      throw new AwsException(
          "TagLimitExceeded",
          "The maximum number of tags (" + TagStore.MAX_TAGS_PER_RESOURCE + ") has been exceeded.");
    }
    return tags;
  }

  private static AwsException duplicate(String name) {
    return new AwsException(
        "InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
  }

  private static AwsException notFound(String message) {
    return new AwsException("InvalidKeyPair.NotFound", message);
  }
}
