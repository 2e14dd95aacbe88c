package dev.ec2double.ec2.keypairs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.KeyType;

/**
 * The key pairs of one account in one region, by name (unique) and by id. EC2 keeps only the public
 * half; so does this. Thread-safe: every method holds the store's lock.
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

  private final Map<String, KeyPair> byName = new HashMap<>();
  private final Map<String, KeyPair> byId = new HashMap<>();

  /** Adds a key pair unless its name is taken; returns whether it was added. */
  synchronized boolean addIfAbsent(KeyPair key) {
    if (byName.containsKey(key.name())) {
      return false;
    }
    byName.put(key.name(), key);
    byId.put(key.id(), key);
    return true;
  }

  public synchronized Optional<KeyPair> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public synchronized Optional<KeyPair> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  synchronized Optional<KeyPair> remove(KeyPair key) {
    if (byId.remove(key.id()) == null) {
      return Optional.empty();
    }
    byName.remove(key.name());
    return Optional.of(key);
  }

  /** Every key pair, by name: the stable order DescribeKeyPairs answers in. */
  public synchronized List<KeyPair> all() {
    List<KeyPair> all = new ArrayList<>(byName.values());
    all.sort(Comparator.comparing(KeyPair::name));
    return all;
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
