package dev.ec2double.elbv2.truststores;

import dev.ec2double.core.RequestContext;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.Markers;
import dev.ec2double.elbv2.TrustStoreRecord;
import dev.ec2double.elbv2.runtime.Elbv2;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteSharedTrustStoreAssociationRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteSharedTrustStoreAssociationResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreAssociationsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreAssociationsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.GetResourcePolicyRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.GetResourcePolicyResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreAssociation;

/**
 * Who uses a trust store: DescribeTrustStoreAssociations (the listeners whose mutual authentication
 * names it), and the calls of sharing through AWS RAM. ec2-double has no RAM, so a trust store is
 * used only in its own account: DeleteSharedTrustStoreAssociation answers {@code
 * DeleteAssociationSameAccount} as AWS does for an owner, and GetResourcePolicy finds no policy.
 */
public final class TrustStoreSharingService {
  private final Elbv2 elbv2;

  public TrustStoreSharingService(Elbv2 elbv2) {
    this.elbv2 = elbv2;
  }

  public DescribeTrustStoreAssociationsResponse describeTrustStoreAssociations(
      RequestContext ctx, DescribeTrustStoreAssociationsRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    TrustStoreRecord t = store.trustStore(req.trustStoreArn());
    List<TrustStoreAssociation> all =
        store.listenersTrusting(t.arn).stream()
            .map(arn -> TrustStoreAssociation.builder().resourceArn(arn).build())
            .toList();
    Markers.Page<TrustStoreAssociation> page = Markers.page(all, req.marker(), req.pageSize());
    return DescribeTrustStoreAssociationsResponse.builder()
        .trustStoreAssociations(page.items())
        .nextMarker(page.nextMarker())
        .build();
  }

  public DeleteSharedTrustStoreAssociationResponse deleteSharedTrustStoreAssociation(
      RequestContext ctx, DeleteSharedTrustStoreAssociationRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    TrustStoreRecord t = store.trustStore(req.trustStoreArn());
    if (req.resourceArn() != null && !store.listenersTrusting(t.arn).contains(req.resourceArn())) {
      throw new AwsException(
          "AssociationNotFound",
          "No association of '" + req.resourceArn() + "' with trust store '" + t.arn + "'");
    }
    throw new AwsException(
        "DeleteAssociationSameAccount",
        "The trust store and the resource belong to the same account: remove the association"
            + " by modifying the listener's mutual authentication instead");
  }

  public GetResourcePolicyResponse getResourcePolicy(
      RequestContext ctx, GetResourcePolicyRequest req) {
    String arn = req.resourceArn();
    Elbv2Store store = elbv2.store(ctx);
    if (arn == null || !store.trustStores.containsKey(arn)) {
      throw new AwsException(
          "ResourceNotFound", "The specified resource '" + arn + "' does not exist");
    }
    // never shared through RAM here, so no policy: the element is left out
    return GetResourcePolicyResponse.builder().build();
  }
}
