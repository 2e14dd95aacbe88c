package dev.ec2double.imds;

import java.util.Optional;

/** Finds the instance behind a request: the network it came in on and its source address. */
@FunctionalInterface
public interface MetadataSource {
  Optional<InstanceMetadata> find(String network, String address);
}
