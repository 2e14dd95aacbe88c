package dev.ec2double.elbv2;

import dev.ec2double.errors.AwsException;
import java.util.regex.Pattern;

/**
 * The certificates a listener may name: an ACM certificate ({@code
 * arn:aws:acm:REGION:ACCOUNT:certificate/ID}) or an IAM server certificate ({@code
 * arn:aws:iam::ACCOUNT:server-certificate/NAME}). ec2-double keeps no certificates yet, so any ARN
 * of that form is found; one of another form is not.
 */
public final class CertificateArns {
  private static final Pattern ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:(acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+"
              + "|iam::\\d{12}:server-certificate/[\\w+=,.@/-]+)");

  private CertificateArns() {}

  public static void check(String arn) {
    if (arn == null || !ARN.matcher(arn).matches()) {
      throw new AwsException("CertificateNotFound", "Certificate '" + arn + "' not found");
    }
  }
}
