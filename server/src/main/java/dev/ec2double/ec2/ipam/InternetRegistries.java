package dev.ec2double.ec2.ipam;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import software.amazon.awssdk.services.ec2.model.IpamInternetRegistryAssociation;
import software.amazon.awssdk.services.ec2.model.IpamRoutingPolicyRegistration;
import software.amazon.awssdk.services.ec2.model.IpamRoutingPolicyRegistrationDelta;

/** Associations of an IPAM with a regional internet registry, as a resource kind. */
final class InternetRegistries {
  private InternetRegistries() {}

  static final ResourceKind<RegistryRecords.Association, IpamInternetRegistryAssociation> KIND =
      ResourceKind.<RegistryRecords.Association, IpamInternetRegistryAssociation>of(
              "ipam-ira", "ipam-internet-registry-association")
          .errors(
              "InvalidIpamInternetRegistryAssociationId.NotFound",
              "ipamInternetRegistryAssociation",
              "InvalidIpamInternetRegistryAssociationId.Malformed")
          .storedIn(IpamState::of, st -> st.registries)
          .id(r -> r.id)
          .view(InternetRegistries::view, IpamInternetRegistryAssociation::tags)
          .filter(
              "ipam-internet-registry-association-id",
              IpamInternetRegistryAssociation::ipamInternetRegistryAssociationId)
          .filter("ipam-id", IpamInternetRegistryAssociation::ipamId)
          .filter("rir", IpamInternetRegistryAssociation::rirAsString)
          .filter("organization-handle", IpamInternetRegistryAssociation::organizationHandle)
          .filter("state", IpamInternetRegistryAssociation::stateAsString)
          .filter("owner-id", IpamInternetRegistryAssociation::ownerId)
          .build();

  private static IpamInternetRegistryAssociation view(
      RequestContext ctx, RegistryRecords.Association r) {
    return IpamInternetRegistryAssociation.builder()
        .ownerId(ctx.account())
        .ipamInternetRegistryAssociationId(r.id)
        .ipamInternetRegistryAssociationArn(
            Ipams.arn(ctx, "ipam-internet-registry-association", r.id))
        .ipamId(r.ipamId)
        .ipamRegion(ctx.region())
        .rir(r.rir)
        .organizationHandle(r.organizationHandle)
        .description(r.description)
        .state(r.state)
        .childRequestXml(r.childRequestXml)
        .tags(ctx.tags().sdkTags(r.id))
        .build();
  }

  static IpamRoutingPolicyRegistration registration(RegistryRecords.Registration g) {
    return IpamRoutingPolicyRegistration.builder()
        .cidr(g.cidr)
        .asns(g.asns)
        .permitMoreSpecificAnnouncements(g.permitMoreSpecific)
        .maxLength(g.maxLength)
        .description(g.description)
        .latestDeltaId(g.latestDeltaId)
        .state(g.state)
        .build();
  }

  static IpamRoutingPolicyRegistrationDelta delta(RegistryRecords.Delta d) {
    return IpamRoutingPolicyRegistrationDelta.builder()
        .deltaId(d.id())
        .deltaJson(d.json())
        .state("published")
        .build();
  }
}
