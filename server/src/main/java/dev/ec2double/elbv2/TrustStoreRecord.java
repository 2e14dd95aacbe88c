package dev.ec2double.elbv2;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RevocationContent;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStore;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreStatus;

/**
 * One trust store: its name, where its CA bundle was said to be (S3 bucket, key, version) and its
 * revocation lists by id. ec2-double has no S3, so neither the bundle nor the lists are read: a
 * trust store counts {@link #CA_CERTIFICATES} certificates and a revocation list no entries.
 */
public final class TrustStoreRecord implements java.io.Serializable {
  /** What NumberOfCaCertificates shows: a bundle of one CA, the usual test setup. */
  public static final int CA_CERTIFICATES = 1;

  public final long seq;
  public final String arn;
  public final String name;
  private volatile S3Location bundle;
  private long nextRevocationId = 1;
  public final Map<Long, RevocationContent> revocations = new ConcurrentSkipListMap<>();

  /** Where an S3 object is: a bucket, a key and, when given, a version. */
  public record S3Location(String bucket, String key, String version)
      implements java.io.Serializable {
    public String url(String region) {
      return "https://"
          + bucket
          + ".s3."
          + region
          + ".amazonaws.com/"
          + key
          + (version == null ? "" : "?versionId=" + version);
    }
  }

  public TrustStoreRecord(long seq, String arn, String name, S3Location bundle) {
    this.seq = seq;
    this.arn = arn;
    this.name = name;
    this.bundle = bundle;
  }

  public S3Location bundle() {
    return bundle;
  }

  public void bundle(S3Location bundle) {
    this.bundle = bundle;
  }

  /** The next revocation id: AWS numbers a trust store's revocation lists from 1. */
  public long nextRevocationId() {
    return nextRevocationId++;
  }

  public TrustStore sdk() {
    return TrustStore.builder()
        .name(name)
        .trustStoreArn(arn)
        .status(TrustStoreStatus.ACTIVE)
        .numberOfCaCertificates(CA_CERTIFICATES)
        .totalRevokedEntries(0L)
        .build();
  }
}
