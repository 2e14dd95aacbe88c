package dev.ec2double.sts;

import dev.ec2double.core.RequestContext;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * STS {@code GetCallerIdentity} on the same endpoint, which the AWS CLI, Ansible's AWS modules and
 * Terraform's AWS provider call before anything else. ec2-double has no IAM: every access key acts
 * for its account (a 12-digit key is that account, any other the server's default), so the caller
 * is answered as AWS answers the account's root credentials: {@code UserId} the account id, {@code
 * Arn} {@code arn:aws:iam::ACCOUNT:root}
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
 */
public final class CallerIdentityService {
  public GetCallerIdentityResponse getCallerIdentity(
      RequestContext ctx, GetCallerIdentityRequest req) {
    String account = ctx.account();
    return GetCallerIdentityResponse.builder()
        .userId(account)
        .account(account)
        .arn("arn:" + partition(ctx.region()) + ":iam::" + account + ":root")
        .build();
  }

  /** The partition of a region: aws-cn, aws-us-gov, or aws. */
  static String partition(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    return "aws";
  }
}
