package dev.ec2double.ec2.keypairs;

import dev.ec2double.core.Quotas.Quota;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
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

/** CreateKeyPair, ImportKeyPair, DescribeKeyPairs and DeleteKeyPair. */
public final class KeyPairService {
  public KeyPairService(Resources resources) {
    resources.register(
        new Resources.Kind(
            "key",
            KeyPairs.KIND.resourceType(),
            "InvalidKeyPairID.NotFound",
            // CreateTags names a missing key pair with another code than DescribeKeyPairs does
            (state, id) -> KeyPairs.KIND.exists(state, id)));
  }

  static KeyPairStore store(RequestContext ctx) {
    return KeyPairs.store(ctx.state());
  }

  public CreateKeyPairResponse createKeyPair(RequestContext ctx, CreateKeyPairRequest req) {
    String name = req.keyName();
    KeyNames.check(name);
    KeyType type = keyType(req.keyTypeAsString());
    KeyFormat format = keyFormat(req.keyFormatAsString());
    List<Tag> tags = KeyPairs.KIND.tags(req.tagSpecifications());
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
    List<Tag> tags = KeyPairs.KIND.tags(req.tagSpecifications());
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
    KeyPairs.KIND.checkFilters(req.filters());
    KeyPairStore store = store(ctx);
    Set<String> names = Set.copyOf(req.keyNames());
    Set<String> ids = Set.copyOf(req.keyPairIds());
    for (String n : req.keyNames()) {
      if (store.byName(n).isEmpty()) {
        throw new AwsException(
            "InvalidKeyPair.NotFound", "The key pair '" + n + "' does not exist");
      }
    }
    for (String id : req.keyPairIds()) {
      KeyPairs.KIND.get(ctx.state(), id);
    }
    boolean all = names.isEmpty() && ids.isEmpty();
    List<KeyPairInfo> out =
        KeyPairs.KIND.select(
            ctx, k -> all || names.contains(k.name()) || ids.contains(k.id()), req.filters());
    if (Boolean.TRUE.equals(req.includePublicKey())) {
      out =
          out.stream()
              .map(
                  k ->
                      k.toBuilder()
                          .publicKey(
                              store.byId(k.keyPairId()).map(KeyPairService::openSsh).orElse(null))
                          .build())
              .toList();
    }
    return DescribeKeyPairsResponse.builder().keyPairs(out).build();
  }

  private static String openSsh(KeyPairStore.KeyPair k) {
    return k.publicKey().openSsh(k.name());
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
    var removed = found.flatMap(k -> KeyPairs.KIND.remove(ctx, k.id()));
    return DeleteKeyPairResponse.builder()
        .returnValue(true)
        .keyPairId(removed.map(KeyPairStore.KeyPair::id).orElse(null))
        .build();
  }

  private KeyPairStore.KeyPair add(
      RequestContext ctx, String name, SshPublicKey key, String fingerprint, List<Tag> tags) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    KeyPairStore store = store(ctx);
    return KeyPairs.KIND.create(
        ctx,
        tags,
        id -> {
          if (store.byName(name).isPresent()) {
            throw duplicate(name);
          }
          ctx.quotas().check(Quota.KEY_PAIRS, store.size(), 1);
          return new KeyPairStore.KeyPair(id, name, key, fingerprint, now);
        });
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

  private static AwsException duplicate(String name) {
    return new AwsException(
        "InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
  }
}
