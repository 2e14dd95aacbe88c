package dev.ec2double.ec2.imports;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.volumes.Ebs;
import dev.ec2double.errors.AwsException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.ClientData;
import software.amazon.awssdk.services.ec2.model.UserBucket;

/**
 * The checks VM Import makes of its input: disk formats, where a disk is (an S3 bucket and key, an
 * {@code s3://} or {@code https://} URL, or a snapshot), license type, platform, architecture, boot
 * mode, role name. https://docs.aws.amazon.com/vm-import/latest/userguide/prerequisites.html
 */
final class DiskInputs {
  static final Set<String> IMAGE_FORMATS = Set.of("OVA", "VHD", "VHDX", "VMDK", "RAW");
  static final Set<String> SNAPSHOT_FORMATS = Set.of("VHD", "VHDX", "VMDK", "RAW");
  private static final Pattern ROLE = Pattern.compile("[\\w+=,.@-]{1,64}");
  private static final Pattern USAGE = Pattern.compile("RunInstances(:[0-9]{4})?");

  /** AWS's smallest root volume, the size of a disk whose upload size was not given. */
  static final int DEFAULT_GIB = 8;

  private DiskInputs() {}

  /** A disk from S3 or a snapshot, checked; {@code formats} are the ones the action takes. */
  static Disk disk(
      RequestContext ctx,
      Ebs ebs,
      String description,
      String deviceName,
      String format,
      String url,
      UserBucket bucket,
      String snapshotId,
      ClientData client,
      Set<String> formats) {
    int sources = (url != null ? 1 : 0) + (bucket != null ? 1 : 0) + (snapshotId != null ? 1 : 0);
    if (sources == 0) {
      throw AwsException.missingParameter("DiskContainer.Url or DiskContainer.UserBucket");
    }
    if (sources > 1) {
      throw AwsException.invalidParameterCombination(
          "A disk container takes one of Url, UserBucket and SnapshotId.");
    }
    int size = size(client);
    if (snapshotId != null) {
      size = Math.max(size, ebs.requireSnapshot(ctx, snapshotId).volumeSize);
      return new Disk(description, deviceName, null, null, null, null, snapshotId, size);
    }
    String f = format(format, formats);
    if (url != null && !(url.startsWith("s3://") || url.startsWith("https://"))) {
      throw AwsException.invalidParameterValue(
          "Invalid URL " + url + ": the disk image URL must be an s3:// or https:// URL.");
    }
    String b = bucket == null ? null : bucket.s3Bucket();
    String k = bucket == null ? null : bucket.s3Key();
    if (bucket != null && (b == null || b.isEmpty())) {
      throw AwsException.missingParameter("UserBucket.S3Bucket");
    }
    if (bucket != null && (k == null || k.isEmpty())) {
      throw AwsException.missingParameter("UserBucket.S3Key");
    }
    return new Disk(description, deviceName, f, url, b, k, null, size);
  }

  /** The format, upper case, one of those the action takes. */
  static String format(String format, Set<String> formats) {
    if (format == null) {
      throw AwsException.missingParameter("DiskContainer.Format");
    }
    String f = format.toUpperCase(Locale.ROOT);
    if (!formats.contains(f)) {
      throw AwsException.invalidParameterValue(
          "Unsupported disk image format: "
              + format
              + ". Supported: "
              + String.join(", ", sorted(formats)));
    }
    return f;
  }

  private static java.util.List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }

  /** GiB of a disk: the client's upload size (GiB, rounded up), else the default. */
  static int size(ClientData client) {
    if (client == null || client.uploadSize() == null || client.uploadSize() <= 0) {
      return DEFAULT_GIB;
    }
    return (int) Math.max(1, Math.ceil(client.uploadSize()));
  }

  /** One of the values, or AWS's error naming the parameter. */
  static String oneOf(String value, String parameter, Set<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      throw AwsException.invalidParameterValue(
          "Value (" + value + ") for parameter " + parameter + " is invalid.");
    }
    return value;
  }

  /** The role VM Import assumes: {@code vmimport} unless named; an IAM role name. */
  static String role(String name) {
    if (name == null) {
      return "vmimport";
    }
    if (!ROLE.matcher(name).matches()) {
      throw AwsException.invalidParameterValue(
          "Value (" + name + ") for parameter RoleName is invalid: not an IAM role name.");
    }
    return name;
  }

  static void usageOperation(String op) {
    if (op != null && !USAGE.matcher(op).matches()) {
      throw AwsException.invalidParameterValue(
          "Value (" + op + ") for parameter UsageOperation is invalid.");
    }
  }

  static void description(String d) {
    if (d != null && d.length() > 255) {
      throw AwsException.invalidParameterValue(
          "The description may be at most 255 characters long.");
    }
  }
}
