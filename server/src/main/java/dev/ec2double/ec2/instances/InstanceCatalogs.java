package dev.ec2double.ec2.instances;

import dev.ec2double.core.RegionState;
import java.util.Optional;

/** What the instances need from other features: instance types and key pairs. */
public interface InstanceCatalogs {
  Optional<TypeLimits> instanceType(String name);

  /** The OpenSSH public key of a key pair, or empty when the caller has no such key pair. */
  Optional<String> publicKey(RegionState state, String keyName);
}
