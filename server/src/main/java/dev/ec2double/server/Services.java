package dev.ec2double.server;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.keypairs.KeyPairService;
import dev.ec2double.ec2.regions.RegionsService;
import dev.ec2double.ec2.tags.TagsService;
import dev.ec2double.wire.OperationRegistry;

/** Wires every service into the operation registry: the one list of what the server answers. */
public final class Services {
  private Services() {}

  public static OperationRegistry registry(ComputeBackend backend) {
    // Taggable resource kinds, registered by the services that own them; CreateTags checks here.
    Resources resources = new Resources();
    OperationRegistry registry = new OperationRegistry();
    registry.register(new RegionsService());
    registry.register(new KeyPairService(resources));
    registry.register(new TagsService(resources));
    return registry;
  }
}
