package dev.ec2double.core;

import java.util.HashMap;
import java.util.Map;

/**
 * The one table of what each paginated action does with {@code MaxResults}, as its API reference
 * says: the range it takes, and whether a larger value is refused ({@code InvalidParameterValue})
 * or answered with at most the maximum. A value below the minimum is refused everywhere.
 *
 * <p>The AWS CLI sends {@code MaxResults=1000} on its own for {@code describe-volumes} and {@code
 * describe-snapshots}; DescribeVolumes' reference says "This value can be between 5 and 500; if
 * MaxResults is given a value larger than 500, only 500 results are returned", so that call gets at
 * most 500 items and a NextToken. Actions whose range is a model constraint (DescribeVpcs' 5-1000,
 * DescribeRouteTables' 5-100) refuse what lies outside it.
 */
public final class PageLimits {
  private PageLimits() {}

  /**
   * @param min the smallest MaxResults taken
   * @param max the largest page
   * @param capsAbove whether a MaxResults above {@code max} is answered with {@code max} items
   *     (else refused)
   * @param whenAbsent the page size without MaxResults, or null for everything at once
   */
  public record Limit(int min, int max, boolean capsAbove, Integer whenAbsent) {}

  private static final Map<String, Limit> TABLE = new HashMap<>();

  static {
    // "This value can be between 5 and 500; if MaxResults is given a value larger than 500, only
    // 500 results are returned."
    caps("DescribeVolumes", 5, 500);
    // "... between 5 and 1,000; if MaxResults is given a value larger than 1,000, only 1,000
    // results are returned."
    caps("DescribeVolumeStatus", 5, 1000);
    caps("DescribeSnapshots", 5, 1000);
    // "The maximum number of results (up to a limit of 500)"
    caps("DescribeVolumesModifications", 1, 500);

    // "This value can be between 5 and 1000."
    refuses("DescribeInstances", 5, 1000);
    refuses("DescribeInstanceStatus", 5, 1000);
    refuses("DescribeTags", 5, 1000);
    refuses("DescribeImages", 5, 1000);
    refuses("DescribeSecurityGroups", 5, 1000);
    refuses("DescribeSecurityGroupRules", 5, 1000);
    // model constraints (min/max of the MaxResults shape)
    refuses("DescribeVpcs", 5, 1000);
    refuses("DescribeSubnets", 5, 1000);
    refuses("DescribeInternetGateways", 5, 1000);
    refuses("DescribeNetworkInterfaces", 5, 1000);
    refuses("DescribeRouteTables", 5, 100);
    refuses("DescribeNatGateways", 5, 1000);
    refuses("DescribeDhcpOptions", 5, 1000);
    refuses("DescribeNetworkAcls", 5, 1000);
    refuses("DescribeEgressOnlyInternetGateways", 5, 255);
    refuses("DescribeVpcPeeringConnections", 5, 1000);
    refuses("DescribeManagedPrefixLists", 1, 100);
    refuses("GetManagedPrefixListEntries", 1, 100);
    refuses("GetManagedPrefixListAssociations", 5, 255);
    refuses("DescribePrefixLists", 5, 1000);
    refuses("DescribeCarrierGateways", 5, 1000);
    refuses("GetSubnetCidrReservations", 5, 1000);
    refuses("DescribeTransitGateways", 5, 1000);
    refuses("DescribeTransitGatewayAttachments", 5, 1000);
    refuses("DescribeTransitGatewayVpcAttachments", 5, 1000);
    refuses("DescribeTransitGatewayRouteTables", 5, 1000);
    refuses("GetTransitGatewayRouteTableAssociations", 5, 1000);
    refuses("GetTransitGatewayRouteTablePropagations", 5, 1000);
    refuses("SearchTransitGatewayRoutes", 5, 1000);
    refuses("DescribeTransitGatewayPeeringAttachments", 5, 1000);
    refuses("DescribeTransitGatewayConnects", 5, 1000);
    refuses("DescribeTransitGatewayConnectPeers", 5, 1000);
    refuses("DescribeTransitGatewayMulticastDomains", 5, 1000);
    refuses("GetTransitGatewayMulticastDomainAssociations", 5, 1000);
    refuses("SearchTransitGatewayMulticastGroups", 5, 1000);
    refuses("DescribeTransitGatewayPolicyTables", 5, 1000);
    refuses("GetTransitGatewayPolicyTableAssociations", 5, 1000);
    refuses("GetTransitGatewayPolicyTableEntries", 5, 1000);
    refuses("GetTransitGatewayPrefixListReferences", 5, 1000);
    refuses("DescribeTransitGatewayRouteTableAnnouncements", 5, 1000);
    refuses("GetTransitGatewayAttachmentPropagations", 5, 1000);
    refuses("DescribeTransitGatewayMeteringPolicies", 5, 1000);
    // misc: declarative policies reports (the model's 1-1000); network performance subscriptions
    // (the model's 0-100: ec2-double refuses 0, a page must hold an item); the data and the
    // application status calls have no range in their model: 1-1000, the data capped
    refuses("DescribeDeclarativePoliciesReports", 1, 1000);
    refuses("DescribeAwsNetworkPerformanceMetricSubscriptions", 1, 100);
    caps("GetAwsNetworkPerformanceData", 1, 1000);
    refuses("DescribeApplicationStatus", 1, 1000);
    refuses("DescribeApplicationStatusChecks", 1, 1000);
    refuses("DescribeApplicationStatusCheckAssociations", 1, 1000);
    refuses("GetTransitGatewayMeteringPolicyEntries", 5, 1000);
    // "Valid Range: Minimum value of 200. Maximum value of 1000."
    refuses("GetVpnConnectionDeviceTypes", 200, 1000);
    refuses("DescribeVpnConcentrators", 200, 1000);
    // Outposts local gateways (model constraints); without an Outpost every list is empty
    refuses("DescribeLocalGateways", 5, 1000);
    refuses("DescribeLocalGatewayRouteTables", 5, 1000);
    refuses("DescribeLocalGatewayVirtualInterfaces", 5, 1000);
    refuses("DescribeLocalGatewayVirtualInterfaceGroups", 5, 1000);
    refuses("DescribeLocalGatewayRouteTableVpcAssociations", 5, 1000);
    refuses("DescribeLocalGatewayRouteTableVirtualInterfaceGroupAssociations", 5, 1000);
    refuses("SearchLocalGatewayRoutes", 5, 1000);
    refuses("DescribeOutpostLags", 5, 1000);
    refuses("DescribeServiceLinkVirtualInterfaces", 5, 1000);
    // net2's families: the ranges of their MaxResults shapes in the model
    refuses("DescribeStaleSecurityGroups", 5, 255);
    refuses("GetSecurityGroupsForVpc", 5, 1000);
    refuses("DescribeSecurityGroupVpcAssociations", 5, 1000);
    refuses("DescribeNetworkInterfacePermissions", 5, 255);
    refuses("DescribeTrunkInterfaceAssociations", 5, 255);
    refuses("DescribeSecondaryInterfaces", 5, 1000);
    refuses("DescribeSecondaryNetworks", 5, 1000);
    refuses("DescribeClientVpnEndpoints", 5, 1000);
    refuses("DescribeClientVpnTargetNetworks", 5, 1000);
    refuses("DescribeClientVpnAuthorizationRules", 5, 1000);
    refuses("DescribeClientVpnRoutes", 5, 1000);
    refuses("DescribeClientVpnConnections", 5, 1000);
    refuses("DescribeRouteServers", 5, 1000);
    refuses("DescribeRouteServerEndpoints", 5, 1000);
    refuses("DescribeRouteServerPeers", 5, 1000);
    refuses("GetRouteServerRoutingDatabase", 5, 1000);
    refuses("DescribeSecondarySubnets", 5, 1000);
    refuses("DescribeAddressesAttribute", 1, 1000);
    refuses("DescribeAddressTransfers", 5, 1000);
    refuses("DescribeMovingAddresses", 5, 1000);
    refuses("DescribeVpcBlockPublicAccessExclusions", 5, 1000);
    refuses("DescribeVpcEncryptionControls", 5, 1000);
    refuses("GetVpcResourcesBlockingEncryptionEnforcement", 5, 1000);
    // "Valid Range: Minimum value of 1. Maximum value of 1000." (no range in the model)
    caps("DescribeFlowLogs", 1, 1000);
    // "Constraint: If the value is greater than 1,000, we return only 1,000 items."
    caps("DescribeVpcEndpoints", 1, 1000);
    caps("DescribeVpcEndpointServices", 1, 1000);
    // "This value can be between 5 and 1,000; if MaxResults is given a value larger than 1,000,
    // only 1,000 results are returned."
    caps("DescribeVpcEndpointServiceConfigurations", 5, 1000);
    caps("DescribeVpcEndpointServicePermissions", 5, 1000);
    caps("DescribeVpcEndpointConnections", 5, 1000);
    caps("DescribeVpcEndpointConnectionNotifications", 5, 1000);
    refuses("DescribeVpcEndpointAssociations", 1, 1000);
    // traffic mirroring: "Valid Range: Minimum value of 5. Maximum value of 1000."
    refuses("DescribeTrafficMirrorFilters", 5, 1000);
    refuses("DescribeTrafficMirrorFilterRules", 5, 1000);
    refuses("DescribeTrafficMirrorSessions", 5, 1000);
    refuses("DescribeTrafficMirrorTargets", 5, 1000);
    // Reachability and Network Access Analyzer: "Valid Range: Minimum value of 1. Maximum value
    // of 100."
    refuses("DescribeNetworkInsightsPaths", 1, 100);
    refuses("DescribeNetworkInsightsAnalyses", 1, 100);
    refuses("DescribeNetworkInsightsAccessScopes", 1, 100);
    refuses("DescribeNetworkInsightsAccessScopeAnalyses", 1, 100);
    refuses("GetNetworkInsightsAccessScopeAnalysisFindings", 1, 100);
    refuses("DescribeIamInstanceProfileAssociations", 5, 1000);
    // snapshots and images in full: "Valid Range: Minimum value of 5. Maximum value of 1000."
    refuses("DescribeLockedSnapshots", 5, 1000);
    refuses("ListSnapshotsInRecycleBin", 5, 1000);
    // "Valid Range: Minimum value of 1. Maximum value of 1000."
    refuses("ListImagesInRecycleBin", 1, 1000);
    // "Valid Range: Minimum value of 0. Maximum value of 200." (ec2-double refuses 0: a page must
    // hold an item)
    refuses("DescribeFastSnapshotRestores", 1, 200);
    // "Valid Range: Minimum value of 1. Maximum value of 50."
    refuses("DescribeReplaceRootVolumeTasks", 1, 50);
    // "Valid Range: Minimum value of 5. Maximum value of 500."
    refuses("ListVolumesInRecycleBin", 5, 500);
    // no range in its reference: at most 1000 a page, as DescribeSnapshots
    caps("DescribeSnapshotTierStatus", 1, 1000);
    // placement: "Valid Range: Minimum value of 1. Maximum value of 1000."
    refuses("DescribeCapacityReservations", 1, 1000);
    refuses("GetCapacityReservationUsage", 1, 1000);
    // the model's ranges (botocore ec2 2016-11-15)
    refuses("DescribeCapacityReservationFleets", 1, 100);
    refuses("DescribeCapacityReservationTopology", 1, 10);
    refuses("GetGroupsForCapacityReservation", 1, 1000);
    refuses("DescribeCapacityReservationBillingRequests", 1, 1000);
    refuses("DescribeCapacityReservationCancellationQuotes", 1, 1000);
    refuses("DescribeCapacityReservationDateChangeQuotes", 1, 1000);
    refuses("DescribeCapacityBlockOfferings", 1, 1000);
    refuses("DescribeCapacityBlocks", 1, 1000);
    refuses("DescribeCapacityBlockStatus", 1, 1000);
    refuses("DescribeCapacityBlockExtensionOfferings", 1, 1000);
    refuses("DescribeCapacityBlockExtensionHistory", 1, 1000);
    refuses("DescribeCapacityManagerDataExports", 1, 1000);
    refuses("GetCapacityManagerMonitoredTagKeys", 1, 1000);
    // "Valid range is 1 to 100,000."
    refuses("GetCapacityManagerMetricData", 1, 100_000);
    refuses("GetCapacityManagerMetricDimensions", 1, 1000);
    // "The maximum is 100. Default: 100" (the model gives no range)
    TABLE.put("DescribeReservedInstancesOfferings", new Limit(1, 100, true, 100));
    // "Valid Range: Minimum value of 5. Maximum value of 300."
    refuses("DescribeScheduledInstanceAvailability", 5, 300);
    // "Maximum value of 300" (the model gives no range)
    caps("DescribeScheduledInstances", 1, 300);
    // "Valid Range: Minimum value of 10. Maximum value of 1000."
    refuses("GetSpotPlacementScores", 10, 1000);
    // "Valid Range: Minimum value of 1. Maximum value of 1000."
    refuses("GetInstanceTypesFromInstanceRequirements", 1, 1000);
    // "This value can be between 5 and 500."
    refuses("DescribeHosts", 5, 500);
    refuses("DescribeHostReservationOfferings", 5, 500);
    refuses("DescribeHostReservations", 5, 500);
    // "This value can be between 1 and 200."
    refuses("DescribeLaunchTemplates", 1, 200);
    refuses("DescribeLaunchTemplateVersions", 1, 200);
    // "Valid Range: Minimum value of 5. Maximum value of 1000."
    refuses("DescribeSpotInstanceRequests", 5, 1000);
    // EC2 Fleet: "Valid Range: Minimum value of 1. Maximum value of 1000."
    refuses("DescribeFleets", 1, 1000);
    // "Valid Range: Minimum value of 5. Maximum value of 1000."
    refuses("DescribeInstanceCreditSpecifications", 5, 1000);
    refuses("DescribeFleetInstances", 1, 1000);
    refuses("DescribeFleetHistory", 1, 1000);
    refuses("DescribeSpotFleetRequests", 1, 1000);
    refuses("DescribeSpotFleetInstances", 1, 1000);
    refuses("DescribeSpotFleetRequestHistory", 1, 1000);
    // instances in full: the ranges of each action's reference (botocore's model)
    refuses("DescribeInstanceTopology", 1, 100);
    refuses("DescribeInstanceEventWindows", 20, 500);
    refuses("DescribeInstanceImageMetadata", 1, 1000);
    refuses("DescribePrincipalIdFormat", 1, 1000);
    refuses("DescribeInstanceConnectEndpoints", 1, 50);
    refuses("DescribeElasticGpus", 10, 1000);
    refuses("DescribeMacHosts", 5, 500);
    refuses("DescribeMacModificationTasks", 1, 500);
    refuses("DescribeInstanceSqlHaStates", 1, 1000);
    refuses("DescribeInstanceSqlHaHistoryStates", 1, 1000);
    // IPAM and address pools: the model's MaxResults ranges (botocore's ec2 service-2.json); the
    // newer registry calls have none in it and take the family's 5-1000
    for (String a :
        new String[] {
          "DescribeIpams",
          "DescribeIpamScopes",
          "DescribeIpamPools",
          "DescribeIpamResourceDiscoveries",
          "DescribeIpamResourceDiscoveryAssociations",
          "DescribeIpamExternalResourceVerificationTokens",
          "DescribeIpamPolicies",
          "DescribeIpamPrefixListResolvers",
          "DescribeIpamPrefixListResolverTargets",
          "GetIpamPoolCidrs",
          "GetIpamResourceCidrs",
          "GetIpamDiscoveredAccounts",
          "GetIpamDiscoveredPublicAddresses",
          "GetIpamDiscoveredResourceCidrs",
          "GetIpamDiscoveredRoutes",
          "GetIpamPolicyAllocationRules",
          "GetIpamPolicyOrganizationTargets",
          "GetIpamPrefixListResolverRules",
          "GetIpamPrefixListResolverVersionEntries",
          "GetIpamPrefixListResolverVersions",
          "DescribeIpamInternetRegistryAssociations",
          "GetIpamInternetRegistryAssociationAsns",
          "GetIpamInternetRegistryAssociationCidrs",
          "GetIpamRouteOriginAuthorizations",
          "GetIpamRouteProtectionFindings",
          "GetIpamRoutingPolicyRegistrationDeltas",
          "GetIpamRoutingPolicyRegistrations",
          "DescribeCoipPools",
          "GetCoipPoolUsage"
        }) {
      refuses(a, 5, 1000);
    }
    refuses("GetIpamPoolAllocations", 1000, 100000);
    refuses("DescribeIpamPoolAllocations", 1000, 100000);
    refuses("GetIpamAddressHistory", 1, 1000);
    refuses("DescribeByoipCidrs", 1, 100);
    refuses("DescribeIpamByoasn", 1, 100);
    refuses("DescribePublicIpv4Pools", 1, 10);
    refuses("DescribeIpv6Pools", 1, 1000);
    refuses("GetAssociatedIpv6PoolCidrs", 1, 1000);
    // image settings: the ranges of their API references
    refuses("DescribeFastLaunchImages", 1, 200);
    refuses("DescribeImageUsageReports", 1, 1000);
    refuses("DescribeImageUsageReportEntries", 1, 10000);
    refuses("DescribeImageReferences", 5, 1000);
    refuses("GetImageFindings", 1, 1000);

    // Verified Access: the model's MaxResults ranges
    refuses("DescribeVerifiedAccessInstances", 5, 200);
    refuses("DescribeVerifiedAccessTrustProviders", 5, 200);
    refuses("DescribeVerifiedAccessGroups", 5, 1000);
    refuses("DescribeVerifiedAccessEndpoints", 5, 1000);
    refuses("GetVerifiedAccessEndpointTargets", 5, 1000);
    refuses("DescribeVerifiedAccessInstanceLoggingConfigurations", 1, 10);
    // VM Import/Export and AMI store tasks, FPGA images: the model's ranges; the import task
    // calls state none, and answer at most 1000 tasks a page
    caps("DescribeImportImageTasks", 1, 1000);
    caps("DescribeImportSnapshotTasks", 1, 1000);
    refuses("DescribeExportImageTasks", 1, 500);
    refuses("DescribeStoreImageTasks", 1, 200);
    refuses("DescribeFpgaImages", 5, 1000);

    // the price history comes in pages of 1000 when MaxResults is not given
    TABLE.put("DescribeSpotPriceHistory", new Limit(5, 1000, false, 1000));
    // AWS pages these even without MaxResults: DescribeInstanceTypes by 100, offerings by 1000
    TABLE.put("DescribeInstanceTypes", new Limit(5, 100, false, 100));
    TABLE.put("DescribeInstanceTypeOfferings", new Limit(5, 1000, false, 1000));
  }

  private static void caps(String action, int min, int max) {
    TABLE.put(action, new Limit(min, max, true, null));
  }

  private static void refuses(String action, int min, int max) {
    TABLE.put(action, new Limit(min, max, false, null));
  }

  /** The action's limit, or null when the table has none. */
  public static Limit of(String action) {
    return TABLE.get(action);
  }
}
