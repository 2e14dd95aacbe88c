package dev.ec2double.ec2.transitgateways;

import dev.ec2double.core.Resources;

/** The taggable kinds of this package, for CreateTags, DeleteTags and DescribeTags. */
public final class TransitGatewayKinds {
  private TransitGatewayKinds() {}

  public static void registerTaggable(Resources resources) {
    TransitGatewayConnectsService.PEERS.registerTaggable(resources);
    MulticastDomains.KIND.registerTaggable(resources);
    PolicyTablesService.KIND.registerTaggable(resources);
    AnnouncementsService.KIND.registerTaggable(resources);
    MeteringPoliciesService.KIND.registerTaggable(resources);
  }
}
