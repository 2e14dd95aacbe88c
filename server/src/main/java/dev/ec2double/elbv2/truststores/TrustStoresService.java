package dev.ec2double.elbv2.truststores;

import dev.ec2double.core.RequestContext;
import dev.ec2double.elbv2.Arns;
import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.Elbv2Tags;
import dev.ec2double.elbv2.Markers;
import dev.ec2double.elbv2.Names;
import dev.ec2double.elbv2.TrustStoreRecord;
import dev.ec2double.elbv2.runtime.Elbv2;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTrustStoreRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTrustStoreResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTrustStoreRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTrustStoreResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoresRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoresResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.GetTrustStoreCaCertificatesBundleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.GetTrustStoreCaCertificatesBundleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTrustStoreRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTrustStoreResponse;

/**
 * Trust stores for mutual TLS: CreateTrustStore, ModifyTrustStore, DeleteTrustStore,
 * DescribeTrustStores and GetTrustStoreCaCertificatesBundle. Records only: the CA bundle named in
 * S3 is not read (see {@link TrustStoreRecord}); a trust store is {@code ACTIVE} at once.
 */
public final class TrustStoresService {
  /** AWS's default quota of trust stores per account and region. */
  static final int MAX_TRUST_STORES = 20;

  private final Elbv2 elbv2;

  public TrustStoresService(Elbv2 elbv2) {
    this.elbv2 = elbv2;
  }

  public CreateTrustStoreResponse createTrustStore(
      RequestContext ctx, CreateTrustStoreRequest req) {
    Names.check("trust store", req.name());
    Elbv2Tags.validate(req.tags());
    TrustStoreRecord.S3Location bundle =
        Bundles.caBundle(
            req.caCertificatesBundleS3Bucket(),
            req.caCertificatesBundleS3Key(),
            req.caCertificatesBundleS3ObjectVersion());
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      if (store.trustStores.values().stream().anyMatch(t -> t.name.equals(req.name()))) {
        throw new AwsException(
            "DuplicateTrustStoreName", "A trust store with the name '" + req.name() + "' exists");
      }
      if (store.trustStores.size() >= MAX_TRUST_STORES) {
        throw new AwsException(
            "TooManyTrustStores", "You've reached the limit on the number of trust stores");
      }
      String arn = Arns.trustStore(ctx.region(), ctx.account(), req.name());
      TrustStoreRecord record = new TrustStoreRecord(store.nextSeq(), arn, req.name(), bundle);
      store.trustStores.put(arn, record);
      Elbv2Tags.put(store, arn, req.tags());
      return CreateTrustStoreResponse.builder().trustStores(record.sdk()).build();
    }
  }

  public ModifyTrustStoreResponse modifyTrustStore(
      RequestContext ctx, ModifyTrustStoreRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      TrustStoreRecord t = store.trustStore(req.trustStoreArn());
      t.bundle(
          Bundles.caBundle(
              req.caCertificatesBundleS3Bucket(),
              req.caCertificatesBundleS3Key(),
              req.caCertificatesBundleS3ObjectVersion()));
      return ModifyTrustStoreResponse.builder().trustStores(t.sdk()).build();
    }
  }

  public DeleteTrustStoreResponse deleteTrustStore(
      RequestContext ctx, DeleteTrustStoreRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      TrustStoreRecord t = store.trustStore(req.trustStoreArn());
      List<String> users = store.listenersTrusting(t.arn);
      if (!users.isEmpty()) {
        throw new AwsException(
            "TrustStoreInUse",
            "Trust store '" + t.arn + "' is in use by listeners: " + String.join(", ", users));
      }
      store.trustStores.remove(t.arn);
      store.tags.remove(t.arn);
    }
    return DeleteTrustStoreResponse.builder().build();
  }

  public DescribeTrustStoresResponse describeTrustStores(
      RequestContext ctx, DescribeTrustStoresRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    if (!req.trustStoreArns().isEmpty() && !req.names().isEmpty()) {
      throw Elbv2Errors.validation(
          "Trust store names and trust store ARNs cannot be specified at the same time");
    }
    List<TrustStoreRecord> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String arn : req.trustStoreArns()) {
      TrustStoreRecord t = store.trustStores.get(arn);
      if (t == null) {
        missing.add(arn);
      } else {
        found.add(t);
      }
    }
    for (String name : req.names()) {
      store.trustStores().stream()
          .filter(t -> t.name.equals(name))
          .findFirst()
          .ifPresentOrElse(found::add, () -> missing.add(name));
    }
    if (!missing.isEmpty()) {
      throw Elbv2Errors.trustStoreNotFound(String.join(", ", missing));
    }
    if (req.trustStoreArns().isEmpty() && req.names().isEmpty()) {
      found.addAll(store.trustStores());
    }
    Markers.Page<TrustStoreRecord> page = Markers.page(found, req.marker(), req.pageSize());
    return DescribeTrustStoresResponse.builder()
        .trustStores(page.items().stream().map(TrustStoreRecord::sdk).toList())
        .nextMarker(page.nextMarker())
        .build();
  }

  /**
   * Where the CA bundle is: on AWS a pre-signed S3 URL to a copy ELB keeps; here the S3 object's
   * plain URL, since there is no copy to serve.
   */
  public GetTrustStoreCaCertificatesBundleResponse getTrustStoreCaCertificatesBundle(
      RequestContext ctx, GetTrustStoreCaCertificatesBundleRequest req) {
    TrustStoreRecord t = elbv2.store(ctx).trustStore(req.trustStoreArn());
    return GetTrustStoreCaCertificatesBundleResponse.builder()
        .location(t.bundle().url(ctx.region()))
        .build();
  }
}
