package dev.ec2double.elbv2.truststores;

import dev.ec2double.core.RequestContext;
import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.Markers;
import dev.ec2double.elbv2.TrustStoreRecord;
import dev.ec2double.elbv2.runtime.Elbv2;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTrustStoreRevocationsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTrustStoreRevocationsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreRevocation;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreRevocationsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreRevocationsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.GetTrustStoreRevocationContentRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.GetTrustStoreRevocationContentResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTrustStoreRevocationsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTrustStoreRevocationsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RevocationContent;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RevocationType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreRevocation;

/**
 * A trust store's certificate revocation lists: AddTrustStoreRevocations,
 * RemoveTrustStoreRevocations, DescribeTrustStoreRevocations, GetTrustStoreRevocationContent. The
 * lists are named in S3 and not read, so each counts no revoked entries.
 */
public final class RevocationsService {
  private final Elbv2 elbv2;

  public RevocationsService(Elbv2 elbv2) {
    this.elbv2 = elbv2;
  }

  public AddTrustStoreRevocationsResponse addTrustStoreRevocations(
      RequestContext ctx, AddTrustStoreRevocationsRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      TrustStoreRecord t = store.trustStore(req.trustStoreArn());
      List<RevocationContent> checked = new ArrayList<>();
      for (RevocationContent c : req.revocationContents()) {
        if (c.revocationType() != null && c.revocationType() != RevocationType.CRL) {
          throw new AwsException(
              "InvalidRevocationContent",
              "Revocation type '" + c.revocationTypeAsString() + "' is not supported; use CRL");
        }
        Bundles.revocationList(c.s3Bucket(), c.s3Key(), c.s3ObjectVersion());
        checked.add(c.toBuilder().revocationType(RevocationType.CRL).build());
      }
      List<TrustStoreRevocation> added = new ArrayList<>();
      for (RevocationContent c : checked) {
        long id = t.nextRevocationId();
        t.revocations.put(id, c);
        added.add(
            TrustStoreRevocation.builder()
                .trustStoreArn(t.arn)
                .revocationId(id)
                .revocationType(RevocationType.CRL)
                .numberOfRevokedEntries(0L)
                .build());
      }
      return AddTrustStoreRevocationsResponse.builder().trustStoreRevocations(added).build();
    }
  }

  public RemoveTrustStoreRevocationsResponse removeTrustStoreRevocations(
      RequestContext ctx, RemoveTrustStoreRevocationsRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      TrustStoreRecord t = store.trustStore(req.trustStoreArn());
      if (req.revocationIds().isEmpty()) {
        throw Elbv2Errors.validation("At least one revocation ID must be specified");
      }
      requireKnown(t, req.revocationIds());
      req.revocationIds().forEach(t.revocations::remove);
    }
    return RemoveTrustStoreRevocationsResponse.builder().build();
  }

  public DescribeTrustStoreRevocationsResponse describeTrustStoreRevocations(
      RequestContext ctx, DescribeTrustStoreRevocationsRequest req) {
    TrustStoreRecord t = elbv2.store(ctx).trustStore(req.trustStoreArn());
    requireKnown(t, req.revocationIds());
    Map<Long, RevocationContent> chosen = new LinkedHashMap<>(t.revocations);
    if (!req.revocationIds().isEmpty()) {
      chosen.keySet().retainAll(req.revocationIds());
    }
    List<DescribeTrustStoreRevocation> all =
        chosen.keySet().stream()
            .map(
                id ->
                    DescribeTrustStoreRevocation.builder()
                        .trustStoreArn(t.arn)
                        .revocationId(id)
                        .revocationType(RevocationType.CRL)
                        .numberOfRevokedEntries(0L)
                        .build())
            .toList();
    Markers.Page<DescribeTrustStoreRevocation> page =
        Markers.page(all, req.marker(), req.pageSize());
    return DescribeTrustStoreRevocationsResponse.builder()
        .trustStoreRevocations(page.items())
        .nextMarker(page.nextMarker())
        .build();
  }

  /** Where the revocation list is: its S3 object's URL (AWS gives a pre-signed one). */
  public GetTrustStoreRevocationContentResponse getTrustStoreRevocationContent(
      RequestContext ctx, GetTrustStoreRevocationContentRequest req) {
    TrustStoreRecord t = elbv2.store(ctx).trustStore(req.trustStoreArn());
    if (req.revocationId() == null) {
      throw Elbv2Errors.validation("A revocation ID must be specified");
    }
    requireKnown(t, List.of(req.revocationId()));
    RevocationContent c = t.revocations.get(req.revocationId());
    return GetTrustStoreRevocationContentResponse.builder()
        .location(
            new TrustStoreRecord.S3Location(c.s3Bucket(), c.s3Key(), c.s3ObjectVersion())
                .url(ctx.region()))
        .build();
  }

  private static void requireKnown(TrustStoreRecord t, List<Long> ids) {
    List<String> missing =
        ids.stream().filter(id -> !t.revocations.containsKey(id)).map(String::valueOf).toList();
    if (!missing.isEmpty()) {
      throw new AwsException(
          "RevocationIdNotFound",
          "Revocation IDs '" + String.join(", ", missing) + "' not found in " + t.arn);
    }
  }
}
