package dev.ec2double.server;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.StateStore;
import dev.ec2double.ec2.account.AccountAttributesService;
import dev.ec2double.ec2.account.EventNotificationAttributesService;
import dev.ec2double.ec2.account.IdFormatsService;
import dev.ec2double.ec2.account.ManagedVisibilityService;
import dev.ec2double.ec2.account.SerialConsoleService;
import dev.ec2double.ec2.appstatus.AppInstances;
import dev.ec2double.ec2.appstatus.AppStatusProber;
import dev.ec2double.ec2.appstatus.ApplicationStatusService;
import dev.ec2double.ec2.appstatus.CheckAssociationsService;
import dev.ec2double.ec2.appstatus.StatusChecksService;
import dev.ec2double.ec2.blockpublicaccess.BlockPublicAccessService;
import dev.ec2double.ec2.capacity.Allocations;
import dev.ec2double.ec2.capacity.BillingOwnersService;
import dev.ec2double.ec2.capacity.CapacityBlocksService;
import dev.ec2double.ec2.capacity.CapacityManagerService;
import dev.ec2double.ec2.capacity.CapacityMetrics;
import dev.ec2double.ec2.capacity.CapacityReservationFleetsService;
import dev.ec2double.ec2.capacity.CapacityReservationsService;
import dev.ec2double.ec2.capacity.ReservationQuotesService;
import dev.ec2double.ec2.capacity.ReservationSplitsService;
import dev.ec2double.ec2.clientvpn.AuthorizationPolicyService;
import dev.ec2double.ec2.clientvpn.AuthorizationRulesService;
import dev.ec2double.ec2.clientvpn.ClientConfigurationService;
import dev.ec2double.ec2.clientvpn.ClientVpnEndpointsService;
import dev.ec2double.ec2.clientvpn.ConnectionsService;
import dev.ec2double.ec2.clientvpn.RoutesService;
import dev.ec2double.ec2.clientvpn.TargetNetworksService;
import dev.ec2double.ec2.credits.CreditFamilies;
import dev.ec2double.ec2.credits.CreditsService;
import dev.ec2double.ec2.enclaves.EnclaveCertificatesService;
import dev.ec2double.ec2.endpoints.ConnectionNotificationsService;
import dev.ec2double.ec2.endpoints.EndpointConnectionsService;
import dev.ec2double.ec2.endpoints.EndpointServicesService;
import dev.ec2double.ec2.endpoints.PrivateServiceDirectory;
import dev.ec2double.ec2.endpoints.ServicePermissionsService;
import dev.ec2double.ec2.fleets.FleetLaunches;
import dev.ec2double.ec2.fleets.FleetReconciler;
import dev.ec2double.ec2.fleets.FleetsService;
import dev.ec2double.ec2.fleets.SpotFleetsService;
import dev.ec2double.ec2.fpga.FpgaAttributesService;
import dev.ec2double.ec2.fpga.FpgaImagesService;
import dev.ec2double.ec2.hosts.HostReservationsService;
import dev.ec2double.ec2.hosts.HostsService;
import dev.ec2double.ec2.hosts.MacHostsService;
import dev.ec2double.ec2.images.AmiCatalog;
import dev.ec2double.ec2.images.ImageAttributesService;
import dev.ec2double.ec2.images.ImageCopyService;
import dev.ec2double.ec2.images.ImageLifecycleService;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.images.ImageStore;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.ec2.imagesettings.AllowedImagesService;
import dev.ec2double.ec2.imagesettings.FastLaunchService;
import dev.ec2double.ec2.imagesettings.ImageMarksService;
import dev.ec2double.ec2.imagesettings.ImageReferencesService;
import dev.ec2double.ec2.imagesettings.ImageUsageService;
import dev.ec2double.ec2.imagesettings.TemplateImages;
import dev.ec2double.ec2.imports.ConversionTasksService;
import dev.ec2double.ec2.imports.ExportTasksService;
import dev.ec2double.ec2.imports.ImportsService;
import dev.ec2double.ec2.imports.StoreTasksService;
import dev.ec2double.ec2.insights.AccessScopesService;
import dev.ec2double.ec2.insights.NetworkInsightsPathsService;
import dev.ec2double.ec2.instances.BundleTasksService;
import dev.ec2double.ec2.instances.ConnectEndpointsService;
import dev.ec2double.ec2.instances.CreateImageService;
import dev.ec2double.ec2.instances.DescribeInstancesService;
import dev.ec2double.ec2.instances.EventWindowsService;
import dev.ec2double.ec2.instances.IamInstanceProfilesService;
import dev.ec2double.ec2.instances.InstanceActionsService;
import dev.ec2double.ec2.instances.InstanceAdoption;
import dev.ec2double.ec2.instances.InstanceAttributesService;
import dev.ec2double.ec2.instances.InstanceCatalogs;
import dev.ec2double.ec2.instances.InstanceDiagnosticsService;
import dev.ec2double.ec2.instances.InstanceEventsService;
import dev.ec2double.ec2.instances.InstanceFaults;
import dev.ec2double.ec2.instances.InstanceImageMetadataService;
import dev.ec2double.ec2.instances.InstanceLifecycle;
import dev.ec2double.ec2.instances.InstanceMetadataOptionsService;
import dev.ec2double.ec2.instances.InstanceMetadataSource;
import dev.ec2double.ec2.instances.InstanceOptionsService;
import dev.ec2double.ec2.instances.InstancePlacementService;
import dev.ec2double.ec2.instances.InstanceProductsService;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.InstanceState;
import dev.ec2double.ec2.instances.InstanceStore;
import dev.ec2double.ec2.instances.InstanceTopologyService;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.ec2.instances.InstancesService;
import dev.ec2double.ec2.instances.LaunchTemplateDataService;
import dev.ec2double.ec2.instances.MacTasksService;
import dev.ec2double.ec2.instances.MetadataDefaultsService;
import dev.ec2double.ec2.instances.PlacementRules;
import dev.ec2double.ec2.instances.PrivateDnsNameOptionsService;
import dev.ec2double.ec2.instances.RootReplacement;
import dev.ec2double.ec2.instances.SqlHaService;
import dev.ec2double.ec2.instances.TypeLimits;
import dev.ec2double.ec2.instancetypes.InstanceRequirementsService;
import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import dev.ec2double.ec2.instancetypes.InstanceTypesService;
import dev.ec2double.ec2.ipam.ByoipService;
import dev.ec2double.ec2.ipam.IpamDiscoveriesService;
import dev.ec2double.ec2.ipam.IpamPoliciesService;
import dev.ec2double.ec2.ipam.IpamPoolsService;
import dev.ec2double.ec2.ipam.IpamResourcesService;
import dev.ec2double.ec2.ipam.IpamRoutingService;
import dev.ec2double.ec2.ipam.IpamVpcPools;
import dev.ec2double.ec2.ipam.IpamsService;
import dev.ec2double.ec2.ipam.PoolCidrsService;
import dev.ec2double.ec2.ipam.PrefixListResolversService;
import dev.ec2double.ec2.ipam.PublicPoolsService;
import dev.ec2double.ec2.keypairs.KeyPairService;
import dev.ec2double.ec2.keypairs.KeyPairStore;
import dev.ec2double.ec2.launchtemplates.LaunchTemplatesService;
import dev.ec2double.ec2.launchtemplates.TemplateImageIndex;
import dev.ec2double.ec2.launchtemplates.TemplateLaunches;
import dev.ec2double.ec2.localgateways.LocalGatewayChanges;
import dev.ec2double.ec2.localgateways.LocalGatewayDescriptions;
import dev.ec2double.ec2.mirroring.TrafficMirrorFiltersService;
import dev.ec2double.ec2.mirroring.TrafficMirrorSessionsService;
import dev.ec2double.ec2.netperf.NetworkPerformanceService;
import dev.ec2double.ec2.placementgroups.PlacementGroupsService;
import dev.ec2double.ec2.policyreports.PolicyReportsService;
import dev.ec2double.ec2.purchases.ReservedInstancesService;
import dev.ec2double.ec2.purchases.RiChangesService;
import dev.ec2double.ec2.purchases.RiListingsService;
import dev.ec2double.ec2.purchases.ScheduledInstancesService;
import dev.ec2double.ec2.purchases.SpotExtrasService;
import dev.ec2double.ec2.regions.RegionsService;
import dev.ec2double.ec2.regions.ZoneGroupsService;
import dev.ec2double.ec2.roles.InstanceProfiles;
import dev.ec2double.ec2.roles.RoleCredentials;
import dev.ec2double.ec2.routeservers.RouteServerEndpointsService;
import dev.ec2double.ec2.routeservers.RouteServerPropagationsService;
import dev.ec2double.ec2.routeservers.RouteServersService;
import dev.ec2double.ec2.secondarynetworks.SecondaryNetworksService;
import dev.ec2double.ec2.snapshots.FastSnapshotRestoresService;
import dev.ec2double.ec2.snapshots.SnapshotBlockPublicAccessService;
import dev.ec2double.ec2.snapshots.SnapshotLocks;
import dev.ec2double.ec2.snapshots.SnapshotTiersService;
import dev.ec2double.ec2.snapshots.SnapshotsService;
import dev.ec2double.ec2.spot.SpotPrices;
import dev.ec2double.ec2.spot.SpotService;
import dev.ec2double.ec2.tags.TagsService;
import dev.ec2double.ec2.transitgateways.AnnouncementsService;
import dev.ec2double.ec2.transitgateways.AttachmentExtrasService;
import dev.ec2double.ec2.transitgateways.MeteringPoliciesService;
import dev.ec2double.ec2.transitgateways.MulticastDomainsService;
import dev.ec2double.ec2.transitgateways.MulticastGroupsService;
import dev.ec2double.ec2.transitgateways.PolicyTableEntriesService;
import dev.ec2double.ec2.transitgateways.PolicyTablesService;
import dev.ec2double.ec2.transitgateways.PrefixListReferencesService;
import dev.ec2double.ec2.transitgateways.TransitGatewayConnectsService;
import dev.ec2double.ec2.transitgateways.TransitGatewayKinds;
import dev.ec2double.ec2.transitgateways.TransitGatewayPeeringsService;
import dev.ec2double.ec2.verifiedaccess.AccessEndpointsService;
import dev.ec2double.ec2.verifiedaccess.AccessGroupsService;
import dev.ec2double.ec2.verifiedaccess.AccessInstancesService;
import dev.ec2double.ec2.verifiedaccess.EndpointPoliciesService;
import dev.ec2double.ec2.verifiedaccess.LoggingService;
import dev.ec2double.ec2.verifiedaccess.ProviderAttachmentsService;
import dev.ec2double.ec2.verifiedaccess.TrustProvidersService;
import dev.ec2double.ec2.volumes.AttachmentsService;
import dev.ec2double.ec2.volumes.CopyVolumesService;
import dev.ec2double.ec2.volumes.Ebs;
import dev.ec2double.ec2.volumes.EbsEncryptionService;
import dev.ec2double.ec2.volumes.EbsStore;
import dev.ec2double.ec2.volumes.ImageVolumes;
import dev.ec2double.ec2.volumes.InstanceVolumes;
import dev.ec2double.ec2.volumes.RecycleBinService;
import dev.ec2double.ec2.volumes.RootVolumeTasksService;
import dev.ec2double.ec2.volumes.VolumesService;
import dev.ec2double.ec2.vpc.AddressAttributesService;
import dev.ec2double.ec2.vpc.AddressTransfers;
import dev.ec2double.ec2.vpc.AddressesService;
import dev.ec2double.ec2.vpc.CarrierGatewaysService;
import dev.ec2double.ec2.vpc.ClassicLinkService;
import dev.ec2double.ec2.vpc.CustomerGatewaysService;
import dev.ec2double.ec2.vpc.DefaultVpcService;
import dev.ec2double.ec2.vpc.DhcpOptionsService;
import dev.ec2double.ec2.vpc.EgressOnlyInternetGatewaysService;
import dev.ec2double.ec2.vpc.FlowLogTemplatesService;
import dev.ec2double.ec2.vpc.FlowLogsService;
import dev.ec2double.ec2.vpc.InstanceNetworking;
import dev.ec2double.ec2.vpc.InstancePlacements;
import dev.ec2double.ec2.vpc.InterfacePermissions;
import dev.ec2double.ec2.vpc.InternetGatewaysService;
import dev.ec2double.ec2.vpc.NatGatewayAddresses;
import dev.ec2double.ec2.vpc.NatGatewaysService;
import dev.ec2double.ec2.vpc.NetworkAclEnforcer;
import dev.ec2double.ec2.vpc.NetworkAclsService;
import dev.ec2double.ec2.vpc.NetworkInterfaceAttributesService;
import dev.ec2double.ec2.vpc.NetworkInterfacesService;
import dev.ec2double.ec2.vpc.PrefixListsService;
import dev.ec2double.ec2.vpc.RouteTablesService;
import dev.ec2double.ec2.vpc.SecondaryAddressesService;
import dev.ec2double.ec2.vpc.SecurityGroupEnforcer;
import dev.ec2double.ec2.vpc.SecurityGroupReferencesService;
import dev.ec2double.ec2.vpc.SecurityGroupRuleEdits;
import dev.ec2double.ec2.vpc.SecurityGroupVpcAssociationsService;
import dev.ec2double.ec2.vpc.SecurityGroupsService;
import dev.ec2double.ec2.vpc.SubnetCidrReservations;
import dev.ec2double.ec2.vpc.SubnetsService;
import dev.ec2double.ec2.vpc.TransitGatewayRoutesService;
import dev.ec2double.ec2.vpc.TransitGatewaysService;
import dev.ec2double.ec2.vpc.TrunkInterfaces;
import dev.ec2double.ec2.vpc.VpcCidrBlocksService;
import dev.ec2double.ec2.vpc.VpcEndpointsService;
import dev.ec2double.ec2.vpc.VpcNetworks;
import dev.ec2double.ec2.vpc.VpcPeeringEnforcer;
import dev.ec2double.ec2.vpc.VpcPeeringService;
import dev.ec2double.ec2.vpc.VpcsService;
import dev.ec2double.ec2.vpc.VpnChangesService;
import dev.ec2double.ec2.vpc.VpnConcentratorsService;
import dev.ec2double.ec2.vpc.VpnService;
import dev.ec2double.ec2.vpcencryption.VpcEncryptionService;
import dev.ec2double.elbv2.Networks;
import dev.ec2double.elbv2.TargetInstances;
import dev.ec2double.elbv2.account.AccountService;
import dev.ec2double.elbv2.certificates.ListenerCertificatesService;
import dev.ec2double.elbv2.listeners.ListenersService;
import dev.ec2double.elbv2.loadbalancers.CapacityReservationService;
import dev.ec2double.elbv2.loadbalancers.IpAddressingService;
import dev.ec2double.elbv2.loadbalancers.LoadBalancersService;
import dev.ec2double.elbv2.rules.RulesService;
import dev.ec2double.elbv2.runtime.Elbv2;
import dev.ec2double.elbv2.runtime.HostsFile;
import dev.ec2double.elbv2.sslpolicies.SslPoliciesService;
import dev.ec2double.elbv2.tags.Elbv2TagsService;
import dev.ec2double.elbv2.targetgroups.TargetGroupsService;
import dev.ec2double.elbv2.targetgroups.TargetsService;
import dev.ec2double.elbv2.tls.Certificates;
import dev.ec2double.elbv2.truststores.RevocationsService;
import dev.ec2double.elbv2.truststores.TrustStoreSharingService;
import dev.ec2double.elbv2.truststores.TrustStoresService;
import dev.ec2double.errors.AwsException;
import dev.ec2double.imds.ImdsServer;
import dev.ec2double.sts.CallerIdentityService;
import dev.ec2double.wire.LazyService;
import dev.ec2double.wire.OperationRegistry;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires every service into the operation registry: the one list of what the server answers.
 *
 * <p>A service that only answers its own actions is registered by class name with a factory, {@code
 * registry.register("…XService", () -> new XService(…))}, and made on the first call of one of
 * them: a start then neither loads nor initialises it. Write the factory as a lambda, not {@code
 * XService::new} (a constructor reference loads the class when it is linked). A service other parts
 * of the server hold is made here, or shared through {@link LazyService#of}.
 */
public final class Services implements AutoCloseable {
  private final OperationRegistry registry = new OperationRegistry(RequestContext.class);
  private static final Logger LOG = LoggerFactory.getLogger(Services.class);
  private final InstanceLifecycle lifecycle;
  private final InstancesService instances;
  private RootVolumeTasksService rootVolumeTasks;
  private final Ebs ebs;
  private final Elbv2 elbv2;
  private final ImdsServer imds;
  private final RoleCredentials roleCredentials;
  private final InstanceFaults faults;
  private final FleetReconciler fleetReconciler;
  private final VpcNetworks networks;
  private final SecurityGroupEnforcer enforcer;
  private final NetworkAclEnforcer aclEnforcer;
  private final dev.ec2double.autoscaling.AutoScaling autoScaling;
  private final VpcPeeringEnforcer peeringEnforcer;
  private final AppStatusProber appStatus;

  public Services(ServerConfig config, ComputeBackend backend, String serverId) {
    this(config, backend, serverId, new StateStore());
  }

  public Services(ServerConfig config, ComputeBackend backend, String serverId, StateStore store) {
    // Taggable resource kinds, registered by the services that own them; CreateTags checks here.
    Resources resources = new Resources();
    registry.register("dev.ec2double.ec2.regions.RegionsService", () -> new RegionsService());
    registry.register(
        "dev.ec2double.ec2.instancetypes.InstanceTypesService", () -> new InstanceTypesService());
    registry.register(
        "dev.ec2double.ec2.instancetypes.InstanceRequirementsService",
        () -> new InstanceRequirementsService());
    registry.register(
        "dev.ec2double.ec2.account.AccountAttributesService", () -> new AccountAttributesService());

    enforcer =
        new SecurityGroupEnforcer(
            backend, enforceSecurityGroups(config, backend), Services::metadataHops);
    aclEnforcer = new NetworkAclEnforcer(backend, enforcer.enabled());
    peeringEnforcer = new VpcPeeringEnforcer(backend, store::region);
    networks = new VpcNetworks(backend, serverId);
    InstanceNetworking networking = new InstanceNetworking(networks, enforcer);
    InstancePlacements placements = placements();
    // IPAM and address pools: where CreateVpc, AssociateVpcCidrBlock and AllocateAddress draw
    // from when they name a pool
    IpamVpcPools pools = new IpamVpcPools();
    registry.register(
        "dev.ec2double.ec2.vpc.VpcsService", () -> new VpcsService(networks, resources, pools));
    registry.register(
        "dev.ec2double.ec2.vpc.SubnetsService",
        () -> new SubnetsService(aclEnforcer, peeringEnforcer, pools));
    registry.register(
        "dev.ec2double.ec2.vpc.NetworkAclsService", () -> new NetworkAclsService(aclEnforcer));
    registry.register(
        "dev.ec2double.ec2.vpc.InternetGatewaysService", () -> new InternetGatewaysService());
    registry.register("dev.ec2double.ec2.vpc.DhcpOptionsService", () -> new DhcpOptionsService());
    registry.register(
        "dev.ec2double.ec2.vpc.CustomerGatewaysService", () -> new CustomerGatewaysService());
    registry.register(
        "dev.ec2double.ec2.vpc.EgressOnlyInternetGatewaysService",
        () -> new EgressOnlyInternetGatewaysService());
    registry.register(
        "dev.ec2double.ec2.vpc.CarrierGatewaysService", () -> new CarrierGatewaysService());
    registry.register("dev.ec2double.ec2.vpc.FlowLogsService", () -> new FlowLogsService());
    registry.register(
        "dev.ec2double.ec2.vpc.FlowLogTemplatesService", () -> new FlowLogTemplatesService());
    registry.register(
        "dev.ec2double.ec2.vpc.VpcCidrBlocksService", () -> new VpcCidrBlocksService(pools));
    registry.register("dev.ec2double.ec2.vpc.DefaultVpcService", () -> new DefaultVpcService());
    registry.register("dev.ec2double.ec2.vpc.VpnService", () -> new VpnService());
    registry.register("dev.ec2double.ec2.vpc.VpnChangesService", () -> new VpnChangesService());
    registry.register(
        "dev.ec2double.ec2.vpc.VpnConcentratorsService", () -> new VpnConcentratorsService());
    registry.register(
        "dev.ec2double.ec2.vpc.SubnetCidrReservations", () -> new SubnetCidrReservations());
    registry.register(
        "dev.ec2double.ec2.vpc.SecondaryAddressesService", () -> new SecondaryAddressesService());
    registry.register(
        "dev.ec2double.ec2.vpc.TransitGatewaysService", () -> new TransitGatewaysService());
    registry.register(
        "dev.ec2double.ec2.vpc.TransitGatewayRoutesService",
        () -> new TransitGatewayRoutesService());
    registry.register(
        "dev.ec2double.ec2.transitgateways.TransitGatewayPeeringsService",
        () -> new TransitGatewayPeeringsService(store::region));
    registry.register(
        "dev.ec2double.ec2.transitgateways.TransitGatewayConnectsService",
        () -> new TransitGatewayConnectsService());
    registry.register(
        "dev.ec2double.ec2.transitgateways.MulticastDomainsService",
        () -> new MulticastDomainsService());
    registry.register(
        "dev.ec2double.ec2.transitgateways.MulticastGroupsService",
        () -> new MulticastGroupsService());
    registry.register(
        "dev.ec2double.ec2.transitgateways.PolicyTablesService", () -> new PolicyTablesService());
    registry.register(
        "dev.ec2double.ec2.transitgateways.PolicyTableEntriesService",
        () -> new PolicyTableEntriesService());
    registry.register(
        "dev.ec2double.ec2.transitgateways.PrefixListReferencesService",
        () -> new PrefixListReferencesService());
    registry.register(
        "dev.ec2double.ec2.transitgateways.AnnouncementsService", () -> new AnnouncementsService());
    registry.register(
        "dev.ec2double.ec2.transitgateways.AttachmentExtrasService",
        () -> new AttachmentExtrasService());
    registry.register(
        "dev.ec2double.ec2.transitgateways.MeteringPoliciesService",
        () -> new MeteringPoliciesService());
    registry.register(
        "dev.ec2double.ec2.vpc.RouteTablesService",
        () -> new RouteTablesService(placements, peeringEnforcer));
    registry.register(
        "dev.ec2double.ec2.vpc.VpcPeeringService",
        () -> new VpcPeeringService(store::region, peeringEnforcer));
    registry.register("dev.ec2double.ec2.vpc.NatGatewaysService", () -> new NatGatewaysService());
    registry.register(
        "dev.ec2double.ec2.vpc.PrefixListsService",
        () -> new PrefixListsService(enforcer::refresh));
    PrivateServiceDirectory privateServices =
        new PrivateServiceDirectory(store::all, store::region);
    registry.register(
        "dev.ec2double.ec2.vpc.VpcEndpointsService",
        () -> new VpcEndpointsService(privateServices));
    registry.register(
        "dev.ec2double.ec2.endpoints.EndpointServicesService",
        () -> new EndpointServicesService(resources));
    registry.register(
        "dev.ec2double.ec2.endpoints.ServicePermissionsService",
        () -> new ServicePermissionsService());
    registry.register(
        "dev.ec2double.ec2.endpoints.EndpointConnectionsService",
        () -> new EndpointConnectionsService(privateServices));
    registry.register(
        "dev.ec2double.ec2.endpoints.ConnectionNotificationsService",
        () -> new ConnectionNotificationsService());
    // Verified Access: records of trust providers, instances, groups and endpoints
    registry.register(
        "dev.ec2double.ec2.verifiedaccess.TrustProvidersService",
        () -> new TrustProvidersService(resources));
    registry.register(
        "dev.ec2double.ec2.verifiedaccess.ProviderAttachmentsService",
        () -> new ProviderAttachmentsService());
    registry.register(
        "dev.ec2double.ec2.verifiedaccess.AccessInstancesService",
        () -> new AccessInstancesService());
    registry.register(
        "dev.ec2double.ec2.verifiedaccess.LoggingService", () -> new LoggingService());
    registry.register(
        "dev.ec2double.ec2.verifiedaccess.AccessGroupsService", () -> new AccessGroupsService());
    registry.register(
        "dev.ec2double.ec2.verifiedaccess.AccessEndpointsService",
        () -> new AccessEndpointsService());
    registry.register(
        "dev.ec2double.ec2.verifiedaccess.EndpointPoliciesService",
        () -> new EndpointPoliciesService());
    registry.register(
        "dev.ec2double.ec2.mirroring.TrafficMirrorFiltersService",
        () -> new TrafficMirrorFiltersService(resources));
    registry.register(
        "dev.ec2double.ec2.mirroring.TrafficMirrorSessionsService",
        () -> new TrafficMirrorSessionsService());
    registry.register(
        "dev.ec2double.ec2.insights.NetworkInsightsPathsService",
        () -> new NetworkInsightsPathsService(resources));
    registry.register(
        "dev.ec2double.ec2.insights.AccessScopesService", () -> new AccessScopesService());
    registry.register(
        "dev.ec2double.ec2.vpc.SecurityGroupsService", () -> new SecurityGroupsService(enforcer));
    registry.register(
        "dev.ec2double.ec2.vpc.SecurityGroupRuleEdits", () -> new SecurityGroupRuleEdits(enforcer));
    registry.register(
        "dev.ec2double.ec2.vpc.SecurityGroupReferencesService",
        () -> new SecurityGroupReferencesService());
    registry.register(
        "dev.ec2double.ec2.vpc.SecurityGroupVpcAssociationsService",
        () -> new SecurityGroupVpcAssociationsService());
    registry.register(
        "dev.ec2double.ec2.vpc.NetworkInterfaceAttributesService",
        () -> new NetworkInterfaceAttributesService());
    registry.register(
        "dev.ec2double.ec2.vpc.InterfacePermissions", () -> new InterfacePermissions());
    registry.register("dev.ec2double.ec2.vpc.TrunkInterfaces", () -> new TrunkInterfaces());
    registry.register(
        "dev.ec2double.ec2.secondarynetworks.SecondaryNetworksService",
        () -> new SecondaryNetworksService(resources));
    registry.register(
        "dev.ec2double.ec2.routeservers.RouteServersService",
        () -> new RouteServersService(resources));
    registry.register(
        "dev.ec2double.ec2.routeservers.RouteServerEndpointsService",
        () -> new RouteServerEndpointsService());
    registry.register(
        "dev.ec2double.ec2.routeservers.RouteServerPropagationsService",
        () -> new RouteServerPropagationsService());
    registry.register(
        "dev.ec2double.ec2.vpc.AddressAttributesService", () -> new AddressAttributesService());
    registry.register(
        "dev.ec2double.ec2.vpc.AddressTransfers", () -> new AddressTransfers(store::all));
    registry.register("dev.ec2double.ec2.vpc.NatGatewayAddresses", () -> new NatGatewayAddresses());
    registry.register("dev.ec2double.ec2.regions.ZoneGroupsService", () -> new ZoneGroupsService());
    LazyService<BlockPublicAccessService> vpcBlock =
        LazyService.of(
            "dev.ec2double.ec2.blockpublicaccess.BlockPublicAccessService",
            () -> new BlockPublicAccessService(resources));
    registry.register("dev.ec2double.ec2.blockpublicaccess.BlockPublicAccessService", vpcBlock);
    registry.register(
        "dev.ec2double.ec2.vpcencryption.VpcEncryptionService",
        () -> new VpcEncryptionService(resources));
    registry.register(
        "dev.ec2double.ec2.vpc.NetworkInterfacesService",
        () -> new NetworkInterfacesService(placements, enforcer));
    registry.register(
        "dev.ec2double.ec2.vpc.AddressesService", () -> new AddressesService(placements, pools));
    registerIpam(resources);
    registry.register("dev.ec2double.ec2.vpc.ClassicLinkService", () -> new ClassicLinkService());
    registry.register(
        "dev.ec2double.ec2.localgateways.LocalGatewayDescriptions",
        () -> new LocalGatewayDescriptions());
    registry.register(
        "dev.ec2double.ec2.localgateways.LocalGatewayChanges", () -> new LocalGatewayChanges());

    InstanceCatalogs catalogs = catalogs();
    roleCredentials = new RoleCredentials(config.roleCredentialsLifetime());
    InstanceMetadataSource metadata =
        new InstanceMetadataSource(store, catalogs, networking, roleCredentials);
    imds = new ImdsServer(backend, metadata);
    networks.listen(
        new VpcNetworks.Listener() {
          @Override
          public void ready(String network, String gateway) {
            imds.serve(network, gateway);
            elbv2.networkReady(network, gateway);
          }

          @Override
          public void removed(String network) {
            imds.stop(network);
            elbv2.networkGone(network);
          }
        });

    lifecycle = new InstanceLifecycle(backend);
    ebs = new Ebs(backend, serverId, resources);
    ImagesService images =
        new ImagesService(new AmiCatalog(config.amis()), backend, new ImageVolumes(ebs), resources);
    InstanceVolumes volumes = new InstanceVolumes(ebs);
    InstanceProfiles profiles = new InstanceProfiles(config.instanceProfileRoles());
    instances =
        new InstancesService(
            lifecycle,
            images,
            catalogs,
            volumes,
            resources,
            serverId,
            networking,
            imds::endpoint,
            profiles);
    images.accounts(store);
    ebs.accounts(store);
    registry.register(images);
    registry.register(
        "dev.ec2double.ec2.images.ImageAttributesService",
        () -> new ImageAttributesService(images));
    registry.register(
        "dev.ec2double.ec2.images.ImageCopyService", () -> new ImageCopyService(images));
    registerImageSettings(images, resources);
    LazyService<ImageLifecycleService> imageLifecycle =
        LazyService.of(
            "dev.ec2double.ec2.images.ImageLifecycleService",
            () -> new ImageLifecycleService(images));
    registry.register("dev.ec2double.ec2.images.ImageLifecycleService", imageLifecycle);
    registry.register(instances);
    registry.register(
        "dev.ec2double.ec2.instances.DescribeInstancesService",
        () -> new DescribeInstancesService(instances));
    registry.register(
        "dev.ec2double.ec2.instances.IamInstanceProfilesService",
        () -> new IamInstanceProfilesService(profiles));
    registry.register(
        "dev.ec2double.ec2.instances.LaunchTemplateDataService",
        () -> new LaunchTemplateDataService(instances));
    LaunchTemplatesService launchTemplates = new LaunchTemplatesService(resources);
    registry.register(launchTemplates);
    TemplateLaunches templateLaunches = new TemplateLaunches();
    instances.launchTemplates(templateLaunches);
    var architectures = architectures(images, templateLaunches);
    InstanceActionsService actions = new InstanceActionsService(lifecycle, volumes, networking);
    registry.register(actions);
    faults = new InstanceFaults(store, actions, networking::enforce);
    instances.faults(faults);
    SpotService spot = new SpotService(resources, instances::runSpot, spotPrices());
    registry.register(spot);
    instances.spotMarket(spot.market());
    faults.spotMarket(spot.market());
    FleetsService fleets =
        new FleetsService(resources, fleetLaunches(instances, actions, architectures));
    registry.register(fleets);
    registry.register(
        "dev.ec2double.ec2.fleets.SpotFleetsService",
        () -> new SpotFleetsService(resources, fleets));
    instances.creditDefaults(new CreditFamilies());
    registry.register("dev.ec2double.ec2.credits.CreditsService", () -> new CreditsService());
    fleetReconciler = new FleetReconciler(store, fleets);
    metadata.faults(faults);
    enforcer.cutOffWhen(faults::cutOff);
    registry.register(
        "dev.ec2double.ec2.instances.InstanceEventsService",
        () -> new InstanceEventsService(instances));
    registry.register(
        "dev.ec2double.ec2.instances.InstanceMetadataOptionsService",
        () -> new InstanceMetadataOptionsService(networking));
    registry.register(
        "dev.ec2double.ec2.instances.PrivateDnsNameOptionsService",
        () -> new PrivateDnsNameOptionsService());
    registry.register(
        "dev.ec2double.ec2.instances.InstanceAttributesService",
        () -> new InstanceAttributesService(instances, lifecycle));
    registerInstancesInFull(resources);
    registry.register(
        "dev.ec2double.ec2.instances.CreateImageService",
        () -> new CreateImageService(lifecycle, images, serverId));
    registry.register("dev.ec2double.ec2.volumes.VolumesService", () -> new VolumesService(ebs));
    registry.register(
        "dev.ec2double.ec2.volumes.AttachmentsService", () -> new AttachmentsService(ebs));
    registry.register(
        "dev.ec2double.ec2.volumes.EbsEncryptionService", () -> new EbsEncryptionService());
    registry.register(
        "dev.ec2double.ec2.volumes.CopyVolumesService", () -> new CopyVolumesService(ebs));
    registry.register("dev.ec2double.ec2.volumes.RecycleBinService", () -> new RecycleBinService());
    rootVolumeTasks = new RootVolumeTasksService(ebs, images, new RootReplacement(lifecycle));
    registry.register(rootVolumeTasks);
    registry.register(
        "dev.ec2double.ec2.snapshots.SnapshotsService", () -> new SnapshotsService(ebs));
    registry.register("dev.ec2double.ec2.snapshots.SnapshotLocks", () -> new SnapshotLocks(ebs));
    registry.register(
        "dev.ec2double.ec2.snapshots.SnapshotTiersService", () -> new SnapshotTiersService(ebs));
    registry.register(
        "dev.ec2double.ec2.snapshots.SnapshotBlockPublicAccessService",
        () -> new SnapshotBlockPublicAccessService());
    registry.register(
        "dev.ec2double.ec2.snapshots.FastSnapshotRestoresService",
        () -> new FastSnapshotRestoresService(ebs));
    registerImports(images, resources, store);
    registry.register(
        "dev.ec2double.ec2.keypairs.KeyPairService", () -> new KeyPairService(resources));
    PlacementGroupsService placementGroups = new PlacementGroupsService(resources);
    registry.register(placementGroups);
    HostsService hosts = new HostsService(resources);
    registry.register(hosts);
    registry.register(
        "dev.ec2double.ec2.hosts.HostReservationsService",
        () -> new HostReservationsService(resources));
    registry.register("dev.ec2double.ec2.hosts.MacHostsService", () -> new MacHostsService());
    CapacityReservationsService reservations =
        new CapacityReservationsService(resources, InstanceTypeCatalog::exists);
    registry.register(reservations);
    registry.register(
        "dev.ec2double.ec2.capacity.CapacityReservationFleetsService",
        () -> new CapacityReservationFleetsService(resources, InstanceTypeCatalog::exists));
    registry.register(
        "dev.ec2double.ec2.capacity.ReservationSplitsService",
        () -> new ReservationSplitsService());
    registry.register(
        "dev.ec2double.ec2.capacity.BillingOwnersService", () -> new BillingOwnersService(store));
    registry.register(
        "dev.ec2double.ec2.capacity.ReservationQuotesService",
        () -> new ReservationQuotesService(resources));
    registry.register("dev.ec2double.ec2.capacity.Allocations", () -> new Allocations());
    registry.register(
        "dev.ec2double.ec2.capacity.CapacityBlocksService",
        () -> new CapacityBlocksService(resources));
    registry.register(
        "dev.ec2double.ec2.capacity.CapacityManagerService",
        () -> new CapacityManagerService(resources));
    registry.register("dev.ec2double.ec2.capacity.CapacityMetrics", () -> new CapacityMetrics());
    registry.register(
        "dev.ec2double.ec2.purchases.ReservedInstancesService",
        () -> new ReservedInstancesService());
    registry.register(
        "dev.ec2double.ec2.purchases.RiListingsService", () -> new RiListingsService());
    registry.register("dev.ec2double.ec2.purchases.RiChangesService", () -> new RiChangesService());
    registry.register(
        "dev.ec2double.ec2.purchases.ScheduledInstancesService",
        () -> new ScheduledInstancesService(instances::runInstances));
    registry.register(
        "dev.ec2double.ec2.purchases.SpotExtrasService", () -> new SpotExtrasService());
    // groups first (they refuse host tenancy), then hosts (tenancy), then reservations (which
    // skip instances on hosts)
    PlacementRules placementRules =
        PlacementRules.chain(placementGroups.rules(), hosts.rules(), reservations.rules());
    instances.placementRules(placementRules);
    actions.placementRules(placementRules); // StartInstances counts against the same limits
    registry.register(
        "dev.ec2double.ec2.instances.InstancePlacementService",
        () -> new InstancePlacementService(instances));
    registry.register("dev.ec2double.ec2.tags.TagsService", () -> new TagsService(resources));

    // ELBv2: the registry routes its SDK model package to the query protocol.
    elbv2 =
        new Elbv2(
            config.host(),
            Networks.fromVpcs(),
            TargetInstances.fromInstances(),
            new HostsFile(config.hostsFile(), serverId),
            backend,
            serverId,
            new Certificates(
                config.stateDir().isEmpty()
                    ? null
                    : java.nio.file.Path.of(config.stateDir(), "tls")));
    registry.register(
        "dev.ec2double.elbv2.loadbalancers.LoadBalancersService",
        () -> new LoadBalancersService(elbv2));
    TargetGroupsService targetGroups = new TargetGroupsService(elbv2);
    TargetsService targets = new TargetsService(elbv2);
    registry.register(targetGroups);
    registry.register(targets);
    registry.register(
        "dev.ec2double.elbv2.listeners.ListenersService", () -> new ListenersService(elbv2));
    registry.register("dev.ec2double.elbv2.rules.RulesService", () -> new RulesService(elbv2));
    registry.register(
        "dev.ec2double.elbv2.tags.Elbv2TagsService", () -> new Elbv2TagsService(elbv2));
    registry.register("dev.ec2double.elbv2.account.AccountService", () -> new AccountService());
    registry.register(
        "dev.ec2double.elbv2.sslpolicies.SslPoliciesService", () -> new SslPoliciesService());
    registry.register(
        "dev.ec2double.elbv2.certificates.ListenerCertificatesService",
        () -> new ListenerCertificatesService(elbv2));
    registry.register(
        "dev.ec2double.elbv2.truststores.TrustStoresService", () -> new TrustStoresService(elbv2));
    registry.register(
        "dev.ec2double.elbv2.truststores.RevocationsService", () -> new RevocationsService(elbv2));
    registry.register(
        "dev.ec2double.elbv2.truststores.TrustStoreSharingService",
        () -> new TrustStoreSharingService(elbv2));
    registry.register(
        "dev.ec2double.elbv2.loadbalancers.CapacityReservationService",
        () -> new CapacityReservationService(elbv2));
    registry.register(
        "dev.ec2double.elbv2.loadbalancers.IpAddressingService",
        () -> new IpAddressingService(elbv2));
    registerClientVpn(resources, elbv2.certificates());

    // Application status checks (probed by the load balancers' health checker), declarative
    // policies reports (read from the settings' own services), network performance, visibility.
    AppInstances appInstances = AppStatusSeams.instances();
    appStatus =
        new AppStatusProber(
            store::all, appInstances, AppStatusSeams.probes(backend, elbv2.health()));
    registry.register(
        "dev.ec2double.ec2.appstatus.StatusChecksService",
        () -> new StatusChecksService(resources));
    registry.register(
        "dev.ec2double.ec2.appstatus.CheckAssociationsService",
        () -> new CheckAssociationsService(appInstances, appStatus));
    registry.register(
        "dev.ec2double.ec2.appstatus.ApplicationStatusService",
        () -> new ApplicationStatusService(appInstances, appStatus));
    registry.register(
        "dev.ec2double.ec2.policyreports.PolicyReportsService",
        () ->
            new PolicyReportsService(
                resources,
                new PolicySettingsReader(
                    imageLifecycle.get(), vpcBlock.get(), this::allowedImagesState),
                (account, region) ->
                    store.all().stream()
                        .filter(st -> st.account().equals(account) && st.region().equals(region))
                        .findFirst()
                        .orElseGet(() -> new RegionState(account, region)),
                store::all));
    registry.register(
        "dev.ec2double.ec2.netperf.NetworkPerformanceService",
        () -> new NetworkPerformanceService());
    registry.register(
        "dev.ec2double.ec2.account.ManagedVisibilityService",
        () -> new ManagedVisibilityService(store::region));

    // STS: GetCallerIdentity, which tools ask first, answered on the same endpoint.
    registry.register("dev.ec2double.sts.CallerIdentityService", () -> new CallerIdentityService());

    // Auto Scaling: groups of real instances, launched and registered through the APIs above.
    autoScaling =
        new dev.ec2double.autoscaling.AutoScaling(
            AutoScalingSeams.fleet(
                instances,
                actions,
                launchTemplates,
                backend,
                faults,
                rootVolumeTasks,
                architectures),
            AutoScalingSeams.targets(targetGroups, targets),
            elbv2.metrics(),
            store::all);
    registerAutoScaling(autoScaling);
    lifecycle.onChange(autoScaling::instancesChanged);
    // most services are made on the first call of one of their actions, and register their
    // taggable kinds then: an id of a kind not known yet has them all made before it is refused
    resources.beforeUnknown(
        () -> {
          TransitGatewayKinds.registerTaggable(resources);
          registry.makeAll();
        });
  }

  /**
   * The account's allowed images setting in a Region, as GetAllowedImagesSettings answers it, or
   * null while no service answers that action.
   */
  private String allowedImagesState(RequestContext ctx) {
    if (!registry.exists(dev.ec2double.wire.Protocol.EC2, "GetAllowedImagesSettings")) {
      return null;
    }
    Object answer;
    try {
      answer =
          registry
              .find(dev.ec2double.wire.Protocol.EC2, "GetAllowedImagesSettings")
              .invoke(
                  ctx,
                  software.amazon.awssdk.services.ec2.model.GetAllowedImagesSettingsRequest
                      .builder()
                      .build());
    } catch (RuntimeException e) {
      return null; // the report has no such attribute then, as for a Region that failed
    }
    return answer
            instanceof software.amazon.awssdk.services.ec2.model.GetAllowedImagesSettingsResponse r
        ? r.state()
        : null;
  }

  /** The instance actions beyond the life cycle: options, diagnostics, event windows, settings. */
  private void registerInstancesInFull(Resources resources) {
    registry.register(
        "dev.ec2double.ec2.instances.InstanceOptionsService",
        () -> new InstanceOptionsService(instances, lifecycle));
    registry.register(
        "dev.ec2double.ec2.instances.InstanceDiagnosticsService",
        () -> new InstanceDiagnosticsService(lifecycle));
    registry.register(
        "dev.ec2double.ec2.instances.InstanceTopologyService", () -> new InstanceTopologyService());
    registry.register(
        "dev.ec2double.ec2.instances.InstanceImageMetadataService",
        () -> new InstanceImageMetadataService(instances));
    registry.register(
        "dev.ec2double.ec2.instances.MetadataDefaultsService", () -> new MetadataDefaultsService());
    registry.register(
        "dev.ec2double.ec2.instances.EventWindowsService",
        () -> new EventWindowsService(resources));
    registry.register(
        "dev.ec2double.ec2.account.SerialConsoleService", () -> new SerialConsoleService());
    registry.register(
        "dev.ec2double.ec2.account.EventNotificationAttributesService",
        () -> new EventNotificationAttributesService());
    registry.register("dev.ec2double.ec2.account.IdFormatsService", () -> new IdFormatsService());
    registry.register(
        "dev.ec2double.ec2.instances.ConnectEndpointsService",
        () -> new ConnectEndpointsService(resources));
    registry.register(
        "dev.ec2double.ec2.instances.BundleTasksService", () -> new BundleTasksService());
    registry.register(
        "dev.ec2double.ec2.instances.InstanceProductsService", () -> new InstanceProductsService());
    registry.register(
        "dev.ec2double.ec2.instances.MacTasksService", () -> new MacTasksService(resources));
    registry.register("dev.ec2double.ec2.instances.SqlHaService", () -> new SqlHaService());
  }

  /**
   * Client VPN endpoints (records): their exported configuration names the CA of the local
   * certificate authority, or the chain of a certificate imported under the ARN.
   */
  private void registerClientVpn(Resources resources, Certificates certificates) {
    registry.register(
        "dev.ec2double.ec2.clientvpn.ClientVpnEndpointsService",
        () -> new ClientVpnEndpointsService(resources));
    registry.register(
        "dev.ec2double.ec2.clientvpn.TargetNetworksService", () -> new TargetNetworksService());
    registry.register(
        "dev.ec2double.ec2.clientvpn.AuthorizationRulesService",
        () -> new AuthorizationRulesService());
    registry.register(
        "dev.ec2double.ec2.clientvpn.AuthorizationPolicyService",
        () -> new AuthorizationPolicyService());
    registry.register("dev.ec2double.ec2.clientvpn.RoutesService", () -> new RoutesService());
    registry.register(
        "dev.ec2double.ec2.clientvpn.ConnectionsService", () -> new ConnectionsService());
    registry.register(
        "dev.ec2double.ec2.clientvpn.ClientConfigurationService",
        () ->
            new ClientConfigurationService(
                arn ->
                    certificates
                        .registered(arn)
                        .map(i -> i.chain().size() > 1 ? i.chainPem() : i.certificatePem())
                        .orElseGet(certificates::caPem)));
  }

  /** VM Import/Export, AMI store and restore tasks, and FPGA images. */
  private void registerImports(ImagesService images, Resources resources, StateStore store) {
    LazyService<ImportsService> imports =
        LazyService.of(
            "dev.ec2double.ec2.imports.ImportsService",
            () -> new ImportsService(ebs, images, store::all, resources));
    registry.register("dev.ec2double.ec2.imports.ImportsService", imports);
    registry.register(
        "dev.ec2double.ec2.imports.ConversionTasksService",
        () -> new ConversionTasksService(imports.get()));
    registry.register(
        "dev.ec2double.ec2.imports.ExportTasksService",
        () -> new ExportTasksService(imports.get(), resources));
    registry.register(
        "dev.ec2double.ec2.imports.StoreTasksService", () -> new StoreTasksService(imports.get()));
    LazyService<FpgaImagesService> fpga =
        LazyService.of(
            "dev.ec2double.ec2.fpga.FpgaImagesService",
            () -> new FpgaImagesService(store::all, resources));
    registry.register("dev.ec2double.ec2.fpga.FpgaImagesService", fpga);
    registry.register(
        "dev.ec2double.ec2.fpga.FpgaAttributesService",
        () -> new FpgaAttributesService(fpga.get()));
  }

  private void registerIpam(Resources resources) {
    registry.register("dev.ec2double.ec2.ipam.IpamsService", () -> new IpamsService(resources));
    registry.register("dev.ec2double.ec2.ipam.IpamPoolsService", () -> new IpamPoolsService());
    registry.register("dev.ec2double.ec2.ipam.PoolCidrsService", () -> new PoolCidrsService());
    registry.register(
        "dev.ec2double.ec2.ipam.IpamResourcesService", () -> new IpamResourcesService());
    registry.register(
        "dev.ec2double.ec2.ipam.IpamDiscoveriesService", () -> new IpamDiscoveriesService());
    registry.register(
        "dev.ec2double.ec2.ipam.IpamPoliciesService", () -> new IpamPoliciesService());
    registry.register(
        "dev.ec2double.ec2.ipam.PrefixListResolversService",
        () -> new PrefixListResolversService());
    registry.register("dev.ec2double.ec2.ipam.IpamRoutingService", () -> new IpamRoutingService());
    registry.register("dev.ec2double.ec2.ipam.ByoipService", () -> new ByoipService());
    registry.register("dev.ec2double.ec2.ipam.PublicPoolsService", () -> new PublicPoolsService());
  }

  private void registerAutoScaling(dev.ec2double.autoscaling.AutoScaling as) {
    registry.register(
        "dev.ec2double.autoscaling.GroupsService",
        () -> new dev.ec2double.autoscaling.GroupsService(as));
    registry.register(
        "dev.ec2double.autoscaling.GroupInstancesService",
        () -> new dev.ec2double.autoscaling.GroupInstancesService(as));
    registry.register(
        "dev.ec2double.autoscaling.LaunchConfigurationsService",
        () -> new dev.ec2double.autoscaling.LaunchConfigurationsService());
    registry.register(
        "dev.ec2double.autoscaling.ActivitiesService",
        () -> new dev.ec2double.autoscaling.ActivitiesService(as));
    registry.register(
        "dev.ec2double.autoscaling.TagsService", () -> new dev.ec2double.autoscaling.TagsService());
    registry.register(
        "dev.ec2double.autoscaling.LoadBalancerTargetGroupsService",
        () -> new dev.ec2double.autoscaling.LoadBalancerTargetGroupsService(as));
    registry.register(
        "dev.ec2double.autoscaling.HooksService",
        () -> new dev.ec2double.autoscaling.HooksService(as));
    registry.register(
        "dev.ec2double.autoscaling.PoliciesService",
        () -> new dev.ec2double.autoscaling.PoliciesService(as));
    registry.register(
        "dev.ec2double.autoscaling.ScheduledActionsService",
        () -> new dev.ec2double.autoscaling.ScheduledActionsService(as));
    registry.register(
        "dev.ec2double.autoscaling.NotificationsService",
        () -> new dev.ec2double.autoscaling.NotificationsService());
    registry.register(
        "dev.ec2double.autoscaling.InstanceRefreshService",
        () -> new dev.ec2double.autoscaling.InstanceRefreshService(as));
    registry.register(
        "dev.ec2double.autoscaling.GroupSettingsService",
        () -> new dev.ec2double.autoscaling.GroupSettingsService(as));
    registry.register(
        "dev.ec2double.autoscaling.WarmPoolsService",
        () -> new dev.ec2double.autoscaling.WarmPoolsService(as));
    registry.register(
        "dev.ec2double.autoscaling.ForecastService",
        () -> new dev.ec2double.autoscaling.ForecastService());
    registry.register(
        "dev.ec2double.autoscaling.LaunchInstancesService",
        () -> new dev.ec2double.autoscaling.LaunchInstancesService(as));
  }

  /**
   * Whether security groups are enforced: {@code off} never; {@code enforce} always, failing when
   * the backend cannot; {@code auto} when the backend can, with a log line when it cannot.
   */
  private static boolean enforceSecurityGroups(ServerConfig config, ComputeBackend backend) {
    String mode = config.securityGroups();
    if (mode.equals("off")) {
      LOG.info("security groups are not enforced (--security-groups off)");
      return false;
    }
    String problem = backend.packetFilterProblem();
    if (problem == null) {
      LOG.info("security groups are enforced with the engine host's packet filter");
      return true;
    }
    if (mode.equals("enforce")) {
      throw new IllegalStateException(
          "--security-groups enforce was asked for, but " + problem + ".");
    }
    if (backend.name().equals("mock")) {
      LOG.debug("security groups are not enforced: {}", problem); // nothing runs to enforce on
    } else {
      LOG.info("security groups are not enforced: {}", problem);
    }
    return false;
  }

  /** An instance's HttpPutResponseHopLimit (AWS's default, 1, for one that is gone). */
  private static int metadataHops(RegionState state, String instanceId) {
    InstanceRecord r = Instances.store(state).get(instanceId);
    return r == null ? 1 : r.metadataHopLimit();
  }

  /** Where an instance is, for the networking services (attach, associate). */
  private static InstancePlacements placements() {
    return (state, id) -> {
      InstanceRecord r = Instances.store(state).get(id);
      if (r == null || r.state() == InstanceState.TERMINATED) {
        throw new AwsException(
            "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
      }
      String type = r.instanceType();
      return new InstancePlacements.Placement(
          r.vpcId(),
          r.zone(),
          type,
          type == null
              ? Integer.MAX_VALUE
              : InstanceTypeCatalog.find(type)
                  .map(t -> t.maxNetworkInterfaces())
                  .orElse(Integer.MAX_VALUE));
    };
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

  /** Fleets launch and end their instances as RunInstances and TerminateInstances do. */
  /**
   * The architecture of the image a launch would run (its template's merged under it), which
   * attribute-based instance type selection matches types against; null when it cannot tell (the
   * launch itself reports what is wrong).
   */
  private static java.util.function.BiFunction<
          RequestContext, software.amazon.awssdk.services.ec2.model.RunInstancesRequest, String>
      architectures(ImagesService images, TemplateLaunches templates) {
    return (ctx, req) -> {
      try {
        var merged = req.launchTemplate() == null ? req : templates.merged(ctx, req);
        return merged.imageId() == null
            ? null
            : images.require(ctx.state(), merged.imageId()).architecture();
      } catch (dev.ec2double.errors.AwsException e) {
        return null;
      }
    };
  }

  private static FleetLaunches fleetLaunches(
      InstancesService instances,
      InstanceActionsService actions,
      java.util.function.BiFunction<
              RequestContext, software.amazon.awssdk.services.ec2.model.RunInstancesRequest, String>
          architectures) {
    return new FleetLaunches() {
      @Override
      public String architecture(
          RequestContext ctx, software.amazon.awssdk.services.ec2.model.RunInstancesRequest req) {
        return architectures.apply(ctx, req);
      }

      @Override
      public software.amazon.awssdk.services.ec2.model.RunInstancesResponse run(
          RequestContext ctx, software.amazon.awssdk.services.ec2.model.RunInstancesRequest req) {
        return instances.runInstances(ctx, req);
      }

      @Override
      public void terminate(RequestContext ctx, java.util.List<String> instanceIds) {
        actions.terminateInstances(
            ctx,
            software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest.builder()
                .instanceIds(instanceIds)
                .build());
      }
    };
  }

  /** Spot prices for every type the catalogue has (and m1.small, RunInstances' default). */
  private static SpotPrices spotPrices() {
    return new SpotPrices(
        name ->
            name.equals("m1.small")
                ? Optional.of(new SpotPrices.Size(1, 1740))
                : InstanceTypeCatalog.find(name)
                    .map(t -> new SpotPrices.Size(t.vcpus(), t.memoryMib())),
        () -> InstanceTypeCatalog.all().stream().map(t -> t.name()).toList());
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
                        t.architecture(),
                        t.maxNetworkInterfaces()));
      }

      @Override
      public Optional<String> publicKey(RegionState state, String keyName) {
        return state.part(KeyPairStore.class, KeyPairStore::new).publicKeyOpenSsh(keyName);
      }
    };
  }

  /**
   * After a restart with saved state ({@code --state-dir}): takes back what the state names on the
   * engine. Instances keep running on their networks, whose metadata service answers again; packet
   * filter rules are written again; volumes keep their files and attachments; load balancers listen
   * and check health again. What cannot be adopted is logged, not fatal.
   */
  /** Allowed AMIs (enforced by DescribeImages and RunInstances), fast launch, usage and marks. */
  private void registerImageSettings(ImagesService images, Resources resources) {
    AllowedImagesService allowed = new AllowedImagesService();
    registry.register(allowed);
    images.admission(allowed);
    TemplateImages templates = new TemplateImageIndex();
    registry.register(
        "dev.ec2double.ec2.imagesettings.FastLaunchService",
        () -> new FastLaunchService(images, templates));
    registry.register(
        "dev.ec2double.ec2.imagesettings.ImageUsageService",
        () -> new ImageUsageService(images, templates, resources));
    registry.register(
        "dev.ec2double.ec2.imagesettings.ImageReferencesService",
        () -> new ImageReferencesService(images, templates));
    registry.register(
        "dev.ec2double.ec2.imagesettings.ImageMarksService", () -> new ImageMarksService(images));
    registry.register(
        "dev.ec2double.ec2.enclaves.EnclaveCertificatesService",
        () -> new EnclaveCertificatesService());
  }

  public void adopt(StateStore store) {
    for (RegionState state : store.all()) {
      try {
        networks.adopt(state, InstanceAdoption.adopt(state, lifecycle, instances::releaseOf));
        ebs.adopt(state);
        enforcer.refreshSoon(state).join();
        aclEnforcer.refresh(state);
        peeringEnforcer.refresh(state);
        elbv2.adopt(state);
      } catch (RuntimeException e) {
        LOG.warn(
            "could not take back everything of {}/{}: {}",
            state.account(),
            state.region(),
            e.toString());
      }
    }
    autoScaling.adopted(store.all()); // saved groups: the reconciler starts at once
    appStatus.start(); // saved application status checks are probed again
  }

  /**
   * Whether the state names anything that lives on the engine and is worth keeping for a restart:
   * an instance that is not terminated, a volume, a snapshot with files, an image made by
   * CreateImage. Without such, a server with saved state removes its own objects when it stops.
   */
  public static boolean holdsEngineObjects(StateStore store) {
    for (RegionState state : store.all()) {
      InstanceStore instances = state.existingPart(InstanceStore.class);
      if (instances != null
          && instances.all().stream().anyMatch(r -> r.state() != InstanceState.TERMINATED)) {
        return true;
      }
      EbsStore ebs = state.existingPart(EbsStore.class);
      if (ebs != null
          && (ebs.volumes().stream().anyMatch(v -> !v.root())
              || ebs.snapshots().stream().anyMatch(sn -> sn.hasData))) {
        return true;
      }
      ImageStore images = state.existingPart(ImageStore.class);
      if (images != null && images.all().stream().anyMatch(ImageRecord::managed)) {
        return true;
      }
    }
    return false;
  }

  /** Who to tell when work done off the request path (a launch, a volume step) changed state. */
  public void onChange(Runnable listener) {
    lifecycle.onChange(
        () -> {
          listener.run();
          autoScaling.instancesChanged(); // a member may be InService now, not at the next tick
        });
    ebs.onChange(listener);
  }

  /**
   * Closes every listener port, forgets the load balancers, stops the metadata listeners, removes
   * the instances' machines.
   */
  /** Tells a listener of the VPC networks made ready (those ready now first) and removed. */
  void onNetworks(VpcNetworks.Listener listener) {
    networks.listen(listener);
  }

  /** Where the instances of a network reach the API (network to URL, or null for none). */
  void instanceApiEndpoint(java.util.function.Function<String, String> endpoint) {
    instances.apiEndpoint(endpoint);
  }

  /** The faults a test injects through the control API. */
  Certificates certificates() {
    return elbv2.certificates();
  }

  InstanceFaults faults() {
    return faults;
  }

  /** The instance role credentials the metadata service hands out, which the API takes. */
  public RoleCredentials roleCredentials() {
    return roleCredentials;
  }

  public void reset() {
    networks.forgetAll();
    faults.forgetAll();
    elbv2.reset();
    roleCredentials.clear();
    imds.stopAll();
    lifecycle.forgetAll(); // before the engine's clean-up, which is not an outside kill
  }

  @Override
  public void close() {
    autoScaling.close();
    appStatus.close();
    fleetReconciler.close();
    faults.close();
    elbv2.close();
    imds.close();
    lifecycle.close();
    ebs.close();
  }
}
