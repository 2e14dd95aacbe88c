package dev.ec2double.ec2.verifiedaccess;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpoint;

/**
 * Verified Access endpoints as a resource kind (the reference lists no filter names; the server
 * takes the ids, types, domains, status and tags). A deleted endpoint stays visible to Describe
 * with status {@code deleted}; every other call answers not-found for it.
 */
final class AccessEndpoints {
  private AccessEndpoints() {}

  static final ResourceKind<AccessStore.Endpoint, VerifiedAccessEndpoint> KIND =
      ResourceKind.<AccessStore.Endpoint, VerifiedAccessEndpoint>of(
              "vae", "verified-access-endpoint")
          .errors("InvalidVerifiedAccessEndpointId.NotFound", "Verified Access endpoint", null)
          .storedIn(AccessStore::of, s -> s.endpoints)
          .id(e -> e.id)
          .view(AccessEndpoints::view, VerifiedAccessEndpoint::tags)
          .filter("verified-access-endpoint-id", VerifiedAccessEndpoint::verifiedAccessEndpointId)
          .filter("verified-access-group-id", VerifiedAccessEndpoint::verifiedAccessGroupId)
          .filter("verified-access-instance-id", VerifiedAccessEndpoint::verifiedAccessInstanceId)
          .filter("endpoint-type", VerifiedAccessEndpoint::endpointTypeAsString)
          .filter("attachment-type", VerifiedAccessEndpoint::attachmentTypeAsString)
          .filter("application-domain", VerifiedAccessEndpoint::applicationDomain)
          .filter("endpoint-domain", VerifiedAccessEndpoint::endpointDomain)
          .filter("status-code", e -> e.status().codeAsString())
          .filter("description", VerifiedAccessEndpoint::description)
          .build();

  /**
   * Runs {@code change} on an endpoint that is not deleted, under the store's lock: the other calls
   * answer not-found for a deleted one.
   */
  static <T> T withLive(
      RequestContext ctx, String id, java.util.function.Function<AccessStore.Endpoint, T> change) {
    if (id == null) {
      throw dev.ec2double.errors.AwsException.missingParameter("VerifiedAccessEndpointId");
    }
    synchronized (AccessStore.of(ctx.state())) {
      return change.apply(KIND.getLive(ctx.state(), id, AccessStore.Endpoint::live));
    }
  }

  private static VerifiedAccessEndpoint view(RequestContext ctx, AccessStore.Endpoint e) {
    return VerifiedAccessEndpoint.builder()
        .verifiedAccessInstanceId(e.instanceId)
        .verifiedAccessGroupId(e.groupId)
        .verifiedAccessEndpointId(e.id)
        .applicationDomain(e.applicationDomain)
        .endpointType(e.type)
        .attachmentType("vpc")
        .domainCertificateArn(e.certificateArn)
        .endpointDomain(e.endpointDomain)
        .securityGroupIds(e.securityGroups)
        .loadBalancerOptions(e.loadBalancer)
        .networkInterfaceOptions(e.networkInterface)
        .rdsOptions(e.rds)
        .cidrOptions(e.cidr)
        .status(s -> s.code(e.status))
        .description(e.description)
        .creationTime(e.created)
        .lastUpdatedTime(e.updated)
        .deletionTime(e.deletionTime)
        .sseSpecification(e.sse)
        .tags(ctx.tags().sdkTags(e.id))
        .build();
  }
}
