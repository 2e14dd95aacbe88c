package dev.ec2double.ec2.volumes;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.regex.Pattern;

/**
 * EBS encryption by default and the default KMS key, per account and region: new volumes, and
 * copies of snapshots, come out encrypted with that key while it is on. Recorded: the files on the
 * engine are never encrypted.
 * https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html
 */
public final class EbsEncryption implements java.io.Serializable {
  private static final Pattern KEY_ID =
      Pattern.compile(
          "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}");
  private static final Pattern KEY_ARN =
      Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key/.+|alias/[A-Za-z0-9/_-]+)");
  private static final Pattern ALIAS = Pattern.compile("alias/[A-Za-z0-9/_-]+");

  boolean byDefault;

  /** The key ModifyEbsDefaultKmsKeyId set, as an ARN; null for the AWS managed key. */
  String kmsKeyArn;

  static EbsEncryption of(RegionState state) {
    return state.part(EbsEncryption.class, EbsEncryption::new);
  }

  /** The AWS managed key for EBS of the caller's account and region. */
  static String managedKey(RequestContext ctx) {
    return "arn:aws:kms:" + ctx.region() + ":" + ctx.account() + ":alias/aws/ebs";
  }

  synchronized String defaultKey(RequestContext ctx) {
    return kmsKeyArn != null ? kmsKeyArn : managedKey(ctx);
  }

  /** A key given by id, alias, or ARN, as an ARN; AWS's error for anything else. */
  static String keyArn(RequestContext ctx, String key) {
    if (KEY_ARN.matcher(key).matches()) {
      return key;
    }
    String prefix = "arn:aws:kms:" + ctx.region() + ":" + ctx.account() + ":";
    if (KEY_ID.matcher(key).matches()) {
      return prefix + "key/" + key;
    }
    if (ALIAS.matcher(key).matches()) {
      return prefix + key;
    }
    throw AwsException.invalidParameterValue(
        "Value (" + key + ") for parameter kmsKeyId is invalid. Expected a key ID, alias or ARN.");
  }

  /** What a new volume or snapshot copy is: encrypted with which key, or not (null). */
  public record Choice(boolean encrypted, String kmsKeyId) {}

  /** {@link #choose} for a volume made from a snapshot, or from nothing when it is null. */
  static Choice choose(
      RequestContext ctx, Boolean encrypted, String kmsKeyId, SnapshotRecord from) {
    return choose(
        ctx,
        encrypted,
        kmsKeyId,
        from != null && from.encrypted,
        from == null ? null : from.kmsKeyId);
  }

  /**
   * Whether a new volume or copy is encrypted and with which key: encrypted when asked, when its
   * source is, or when encryption by default is on; the key asked for, else the source's, else the
   * default key. A key without {@code Encrypted} is AWS's {@code InvalidParameterDependency}.
   */
  public static Choice choose(
      RequestContext ctx,
      Boolean encrypted,
      String kmsKeyId,
      boolean fromEncrypted,
      String fromKey) {
    if (kmsKeyId != null && !Boolean.TRUE.equals(encrypted)) {
      throw new AwsException(
          "InvalidParameterDependency",
          "The parameter KmsKeyId requires the parameter Encrypted to be set.");
    }
    EbsEncryption settings = of(ctx.state());
    boolean on;
    synchronized (settings) {
      on = settings.byDefault;
    }
    if (!Boolean.TRUE.equals(encrypted) && !fromEncrypted && !on) {
      return new Choice(false, null);
    }
    String key =
        kmsKeyId != null
            ? keyArn(ctx, kmsKeyId)
            : fromEncrypted && fromKey != null ? fromKey : settings.defaultKey(ctx);
    return new Choice(true, key);
  }
}
