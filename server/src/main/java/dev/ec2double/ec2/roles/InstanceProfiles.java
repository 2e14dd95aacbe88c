package dev.ec2double.ec2.roles;

import dev.ec2double.errors.AwsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;

/**
 * Instance profiles without an IAM service: a profile given by name or ARN is taken as it is, and
 * its role is the role of the same name unless {@code --instance-profile PROFILE=ROLE} maps it to
 * another.
 */
public final class InstanceProfiles {
  private static final Pattern ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:iam::(\\d{12}):instance-profile/((?:[\\w+=,.@-]+/)*)([\\w+=,.@-]{1,128})");
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,128}");

  private final Map<String, String> roles;

  /**
   * @param roles role name by profile name, for profiles whose role is named otherwise
   */
  public InstanceProfiles(Map<String, String> roles) {
    this.roles = Map.copyOf(roles);
  }

  /** An instance's profile: what DescribeInstances and the metadata service show. */
  public record Profile(String arn, String id, String name, String role)
      implements java.io.Serializable {}

  /**
   * The profile a request names (by ARN or name, in the caller's account), or AWS's error for one
   * it cannot name.
   */
  public Profile resolve(String account, IamInstanceProfileSpecification spec) {
    if (spec == null || (spec.arn() == null && spec.name() == null)) {
      throw AwsException.missingParameter("IamInstanceProfile");
    }
    String name;
    String arn;
    if (spec.arn() != null) {
      Matcher m = ARN.matcher(spec.arn());
      if (!m.matches()) {
        throw AwsException.invalidParameterValue(
            "Value ("
                + spec.arn()
                + ") for parameter iamInstanceProfile.arn is invalid. Invalid"
                + " IAM Instance Profile ARN");
      }
      name = m.group(3);
      arn = spec.arn();
      if (spec.name() != null && !spec.name().equals(name)) {
        throw AwsException.invalidParameterCombination(
            "The parameter 'iamInstanceProfile.name' may not be used in combination with"
                + " 'iamInstanceProfile.arn'");
      }
    } else {
      if (!NAME.matcher(spec.name()).matches()) {
        throw AwsException.invalidParameterValue(
            "Value ("
                + spec.name()
                + ") for parameter iamInstanceProfile.name is invalid. Invalid"
                + " IAM Instance Profile name");
      }
      name = spec.name();
      arn = "arn:aws:iam::" + account + ":instance-profile/" + name;
    }
    return new Profile(arn, idOf(arn), name, roles.getOrDefault(name, name));
  }

  /** A stable id shaped like IAM's ({@code AIPA} and 17 characters) for the same ARN. */
  static String idOf(String arn) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
      StringBuilder s = new StringBuilder("AIPA");
      for (int i = 0; i < 17; i++) {
        s.append(RoleCredentials.IAM_ID_CHARS[(h[i] & 0xff) % RoleCredentials.IAM_ID_CHARS.length]);
      }
      return s.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
