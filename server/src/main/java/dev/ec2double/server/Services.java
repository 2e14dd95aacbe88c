package dev.ec2double.server;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.account.AccountAttributesService;
import dev.ec2double.ec2.images.AmiCatalog;
import dev.ec2double.ec2.images.ImageAttributesService;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.ec2.instances.CreateImageService;
import dev.ec2double.ec2.instances.DescribeInstancesService;
import dev.ec2double.ec2.instances.InstanceActionsService;
import dev.ec2double.ec2.instances.InstanceAttributesService;
import dev.ec2double.ec2.instances.InstanceCatalogs;
import dev.ec2double.ec2.instances.InstanceLifecycle;
import dev.ec2double.ec2.instances.InstancesService;
import dev.ec2double.ec2.instances.TypeLimits;
import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import dev.ec2double.ec2.instancetypes.InstanceTypesService;
import dev.ec2double.ec2.keypairs.KeyPairService;
import dev.ec2double.ec2.keypairs.KeyPairStore;
import dev.ec2double.ec2.regions.RegionsService;
import dev.ec2double.ec2.snapshots.SnapshotsService;
import dev.ec2double.ec2.tags.TagsService;
import dev.ec2double.ec2.volumes.AttachmentsService;
import dev.ec2double.ec2.volumes.Ebs;
import dev.ec2double.ec2.volumes.InstanceVolumes;
import dev.ec2double.ec2.volumes.VolumesService;
import dev.ec2double.elbv2.Elbv2;
import dev.ec2double.elbv2.Networks;
import dev.ec2double.elbv2.account.AccountService;
import dev.ec2double.elbv2.listeners.ListenersService;
import dev.ec2double.elbv2.loadbalancers.LoadBalancersService;
import dev.ec2double.elbv2.rules.RulesService;
import dev.ec2double.elbv2.tags.Elbv2TagsService;
import dev.ec2double.elbv2.targetgroups.TargetGroupsService;
import dev.ec2double.elbv2.targetgroups.TargetsService;
import dev.ec2double.wire.OperationRegistry;
import java.util.Map;
import java.util.Optional;

/** Wires every service into the operation registry: the one list of what the server answers. */
public final class Services implements AutoCloseable {
  private final OperationRegistry registry = new OperationRegistry();
  private final InstanceLifecycle lifecycle;
  private final Ebs ebs;
  private final Elbv2 elbv2;

  public Services(ServerConfig config, ComputeBackend backend, String serverId) {
    // Taggable resource kinds, registered by the services that own them; CreateTags checks here.
    Resources resources = new Resources();
    registry.register(new RegionsService());
    registry.register(new InstanceTypesService());
    registry.register(new AccountAttributesService());

    ImagesService images = new ImagesService(new AmiCatalog(config.amis()), backend, resources);
    lifecycle = new InstanceLifecycle(backend);
    ebs = new Ebs(backend, serverId, resources);
    InstanceVolumes volumes = new InstanceVolumes(ebs);
    InstancesService instances =
        new InstancesService(lifecycle, images, catalogs(), volumes, resources, serverId);
    registry.register(images);
    registry.register(new ImageAttributesService(images));
    registry.register(instances);
    registry.register(new DescribeInstancesService(instances));
    registry.register(new InstanceActionsService(lifecycle, volumes));
    registry.register(new InstanceAttributesService(instances, lifecycle));
    registry.register(new CreateImageService(lifecycle, images, serverId));
    registry.register(new VolumesService(ebs));
    registry.register(new AttachmentsService(ebs));
    registry.register(new SnapshotsService(ebs));
    registry.register(new KeyPairService(resources));
    registry.register(new TagsService(resources));

    // ELBv2: the registry routes its SDK model package to the query protocol.
    elbv2 = new Elbv2(config.host(), Networks.defaultVpcOnly());
    registry.register(new LoadBalancersService(elbv2));
    registry.register(new TargetGroupsService(elbv2));
    registry.register(new TargetsService(elbv2));
    registry.register(new ListenersService(elbv2));
    registry.register(new RulesService(elbv2));
    registry.register(new Elbv2TagsService(elbv2));
    registry.register(new AccountService());
  }

  /** The registry alone, for tools such as the generated operations table. */
  public static OperationRegistry registry(ComputeBackend backend) {
    return new Services(ServerConfig.builder(Map.of()).build(), backend, "registry").registry();
  }

  public OperationRegistry registry() {
    return registry;
  }

  public InstanceLifecycle lifecycle() {
    return lifecycle;
  }

  private static InstanceCatalogs catalogs() {
    return new InstanceCatalogs() {
      @Override
      public Optional<TypeLimits> instanceType(String name) {
        return InstanceTypeCatalog.find(name)
            .map(
                t ->
                    new TypeLimits(
                        t.name(),
                        t.vcpus(),
                        t.cores(),
                        t.threadsPerCore(),
                        t.memoryMib(),
                        t.architecture()));
      }

      @Override
      public Optional<String> publicKey(RegionState state, String keyName) {
        return state.part(KeyPairStore.class, KeyPairStore::new).publicKeyOpenSsh(keyName);
      }
    };
  }

  /** Closes every listener port and forgets the load balancers' state. */
  public void reset() {
    elbv2.reset();
  }

  @Override
  public void close() {
    elbv2.close();
    lifecycle.close();
    ebs.close();
  }
}
