package dev.ec2double.ec2.policyreports;

import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a report's TargetId names, checked as AWS checks its shape: an account ({@code
 * 123456789012}), an organizational unit ({@code ou-ab12-cdef1234}) or the root ({@code r-ab12}).
 * ec2-double has no AWS Organizations: the organization is the accounts this server holds, any
 * well-formed root id is its root (every account), an OU holds the caller's account, and an account
 * must be one the server holds.
 */
final class Targets {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ROOT = Pattern.compile("r-[0-9a-z]{4,32}");
  private static final Pattern OU = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}");

  private Targets() {}

  /** The accounts in the target's scope, the caller's first. */
  static List<String> accounts(String targetId, String caller, Collection<String> known) {
    if (targetId == null) {
      throw AwsException.missingParameter("TargetId");
    }
    if (ACCOUNT.matcher(targetId).matches()) {
      if (!targetId.equals(caller) && !known.contains(targetId)) {
        throw AwsException.invalidParameterValue(
            "The account " + targetId + " is not a member of your organization.");
      }
      return List.of(targetId);
    }
    if (OU.matcher(targetId).matches()) {
      return List.of(caller);
    }
    if (ROOT.matcher(targetId).matches()) {
      List<String> all = new ArrayList<>();
      all.add(caller);
      known.stream().filter(a -> !a.equals(caller)).sorted().forEach(all::add);
      return all;
    }
    throw AwsException.invalidParameterValue(
        "Value ("
            + targetId
            + ") for parameter TargetId is invalid. Expected a root ID (r-ab12), an"
            + " organizational unit ID (ou-ab12-cdef1234) or an account ID (123456789012).");
  }

  /** An S3 bucket name as S3 takes it: 3-63 lowercase letters, digits, dots and hyphens. */
  static void checkBucket(String bucket) {
    if (bucket == null) {
      throw AwsException.missingParameter("S3Bucket");
    }
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") || bucket.contains("..")) {
      throw AwsException.invalidParameterValue(
          "Value (" + bucket + ") for parameter S3Bucket is not a valid S3 bucket name.");
    }
  }
}
