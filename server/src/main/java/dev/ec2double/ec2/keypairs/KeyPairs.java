package dev.ec2double.ec2.keypairs;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.Comparator;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;

/**
 * Key pairs as a resource kind: records in the region's {@link KeyPairStore}, described by name.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeKeyPairs.html
 */
final class KeyPairs {
  private KeyPairs() {}

  static final ResourceKind<KeyPairStore.KeyPair, KeyPairInfo> KIND =
      ResourceKind.<KeyPairStore.KeyPair, KeyPairInfo>of("key", "key-pair")
          .errors("InvalidKeyPair.NotFound", "key pair", null)
          .storedIn(KeyPairs::store, s -> s.byId)
          .id(KeyPairStore.KeyPair::id)
          .view(KeyPairs::info, KeyPairInfo::tags)
          .filter("key-pair-id", KeyPairInfo::keyPairId)
          .filter("key-name", KeyPairInfo::keyName)
          .filter("fingerprint", KeyPairInfo::keyFingerprint)
          .filter("key-type", KeyPairInfo::keyTypeAsString)
          .order(Comparator.comparing(KeyPairInfo::keyName))
          .build();

  static KeyPairStore store(RegionState state) {
    return state.part(KeyPairStore.class, KeyPairStore::new);
  }

  private static KeyPairInfo info(RequestContext ctx, KeyPairStore.KeyPair k) {
    return KeyPairInfo.builder()
        .keyPairId(k.id())
        .keyName(k.name())
        .keyType(k.type())
        .keyFingerprint(k.fingerprint())
        .createTime(k.createTime())
        .tags(ctx.tags().sdkTags(k.id()))
        .build();
  }
}
