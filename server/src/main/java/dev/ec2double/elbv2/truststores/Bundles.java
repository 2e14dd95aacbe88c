package dev.ec2double.elbv2.truststores;

import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.TrustStoreRecord.S3Location;
import dev.ec2double.errors.AwsException;
import java.util.regex.Pattern;

/**
 * The S3 objects a trust store is made from (its CA bundle, its revocation lists). ec2-double has
 * no S3: a location is checked for form only, and one that no S3 could hold (a bucket name S3 would
 * refuse, an empty key) is not found, as AWS answers for an object it cannot read.
 */
final class Bundles {
  /** S3's bucket naming rules: 3 to 63 lowercase letters, digits, dots and hyphens. */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private Bundles() {}

  static S3Location caBundle(String bucket, String key, String version) {
    require(bucket, "CaCertificatesBundleS3Bucket");
    require(key, "CaCertificatesBundleS3Key");
    if (!BUCKET.matcher(bucket).matches() || key.isEmpty()) {
      throw new AwsException(
          "CaCertificatesBundleNotFound",
          "The specified ca certificate bundle does not exist: s3://" + bucket + "/" + key);
    }
    return new S3Location(bucket, key, version);
  }

  static S3Location revocationList(String bucket, String key, String version) {
    if (bucket == null || key == null || !BUCKET.matcher(bucket).matches() || key.isEmpty()) {
      throw new AwsException(
          "RevocationContentNotFound",
          "The specified revocation file does not exist: s3://" + bucket + "/" + key);
    }
    return new S3Location(bucket, key, version);
  }

  private static void require(String value, String parameter) {
    if (value == null) {
      throw Elbv2Errors.validation("'" + parameter + "' must be specified");
    }
  }
}
