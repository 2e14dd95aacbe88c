package dev.ec2double.ec2.keypairs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.KeyType;

/**
 * The key pairs of one account in one region, by id; names are unique. EC2 keeps only the public
 * half; so does this. Every read and change holds the store's lock ({@link KeyPairs#KIND} too).
 */
public final class KeyPairStore implements java.io.Serializable {
  /** One stored key pair. */
  public record KeyPair(
      String id, String name, SshPublicKey publicKey, String fingerprint, Instant createTime)
      implements java.io.Serializable {
    public KeyType type() {
      return publicKey.type();
    }
  }

  final Map<String, KeyPair> byId = new LinkedHashMap<>();

  public synchronized Optional<KeyPair> byName(String name) {
    for (KeyPair k : byId.values()) {
      if (k.name().equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  public synchronized Optional<KeyPair> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  synchronized int size() {
    return byId.size();
  }

  /**
   * The {@code authorized_keys} line for a key pair ({@code ssh-ed25519 AAAA... name}), which
   * RunInstances puts on the instances it launches with {@code KeyName}.
   */
  public synchronized Optional<String> publicKeyOpenSsh(String name) {
    return byName(name).map(k -> k.publicKey().openSsh(k.name()));
  }

  /** Saved under the lock that guards these fields, so the saved copy is consistent. */
  private synchronized void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    out.defaultWriteObject();
  }
}
