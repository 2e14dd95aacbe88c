package dev.ec2double.ec2.account;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.DescribeAggregateIdFormatRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAggregateIdFormatResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIdFormatRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIdFormatResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIdentityIdFormatRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIdentityIdFormatResponse;
import software.amazon.awssdk.services.ec2.model.DescribePrincipalIdFormatRequest;
import software.amazon.awssdk.services.ec2.model.DescribePrincipalIdFormatResponse;
import software.amazon.awssdk.services.ec2.model.IdFormat;
import software.amazon.awssdk.services.ec2.model.ModifyIdFormatRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIdFormatResponse;
import software.amazon.awssdk.services.ec2.model.ModifyIdentityIdFormatRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIdentityIdFormatResponse;
import software.amazon.awssdk.services.ec2.model.PrincipalIdFormat;

/**
 * The resource id formats. AWS's opt-in period for longer (17-character) ids is over: every
 * resource type uses them for every principal, which is what these calls answer, and what every id
 * ec2-double makes is. Asking for short ids is refused; asking for long ones changes nothing.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html
 */
public final class IdFormatsService {
  /** The resource types whose id format the calls report, as the API reference lists them. */
  static final List<String> RESOURCES =
      List.of(
          "bundle",
          "conversion-task",
          "customer-gateway",
          "dhcp-options",
          "elastic-ip-allocation",
          "elastic-ip-association",
          "export-task",
          "flow-log",
          "image",
          "import-task",
          "instance",
          "internet-gateway",
          "network-acl",
          "network-acl-association",
          "network-interface",
          "network-interface-attachment",
          "prefix-list",
          "reservation",
          "route-table",
          "route-table-association",
          "security-group",
          "snapshot",
          "subnet",
          "subnet-cidr-block-association",
          "volume",
          "vpc",
          "vpc-cidr-block-association",
          "vpc-endpoint",
          "vpc-peering-connection",
          "vpn-connection",
          "vpn-gateway");

  private static final Pattern PRINCIPAL =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:(root|user/.+|role/.+)");

  public DescribeIdFormatResponse describeIdFormat(
      RequestContext ctx, DescribeIdFormatRequest req) {
    return DescribeIdFormatResponse.builder().statuses(statuses(req.resource())).build();
  }

  public DescribeIdentityIdFormatResponse describeIdentityIdFormat(
      RequestContext ctx, DescribeIdentityIdFormatRequest req) {
    principal(req.principalArn(), false);
    return DescribeIdentityIdFormatResponse.builder().statuses(statuses(req.resource())).build();
  }

  /** The root user: principals that chose nothing of their own are not listed, as on AWS. */
  public DescribePrincipalIdFormatResponse describePrincipalIdFormat(
      RequestContext ctx, DescribePrincipalIdFormatRequest req) {
    List<IdFormat> statuses =
        req.resources().isEmpty()
            ? statuses(null)
            : req.resources().stream().flatMap(r -> statuses(r).stream()).toList();
    List<PrincipalIdFormat> principals =
        List.of(
            PrincipalIdFormat.builder()
                .arn("arn:aws:iam::" + ctx.account() + ":root")
                .statuses(statuses)
                .build());
    Pages.Page<PrincipalIdFormat> page =
        Pages.page(ctx.action(), principals, req.maxResults(), req.nextToken());
    return DescribePrincipalIdFormatResponse.builder()
        .principals(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeAggregateIdFormatResponse describeAggregateIdFormat(
      RequestContext ctx, DescribeAggregateIdFormatRequest req) {
    return DescribeAggregateIdFormatResponse.builder()
        .useLongIdsAggregated(true)
        .statuses(statuses(null))
        .build();
  }

  public ModifyIdFormatResponse modifyIdFormat(RequestContext ctx, ModifyIdFormatRequest req) {
    modify(req.resource(), req.useLongIds());
    return ModifyIdFormatResponse.builder().build();
  }

  public ModifyIdentityIdFormatResponse modifyIdentityIdFormat(
      RequestContext ctx, ModifyIdentityIdFormatRequest req) {
    principal(req.principalArn(), true);
    modify(req.resource(), req.useLongIds());
    return ModifyIdentityIdFormatResponse.builder().build();
  }

  private static void modify(String resource, Boolean useLongIds) {
    if (resource == null) {
      throw AwsException.missingParameter("Resource");
    }
    if (useLongIds == null) {
      throw AwsException.missingParameter("UseLongIds");
    }
    if (!resource.equals("all-current")) {
      statuses(resource);
    }
    if (!useLongIds) {
      throw AwsException.invalidParameterValue(
          "The opt-in period for longer IDs has ended: '"
              + resource
              + "' uses longer IDs and cannot be switched back.");
    }
  }

  private static void principal(String arn, boolean allowAll) {
    if (arn == null) {
      throw AwsException.missingParameter("PrincipalArn");
    }
    if (!(allowAll && arn.equals("all")) && !PRINCIPAL.matcher(arn).matches()) {
      throw AwsException.invalidParameterValue("Invalid principal ARN: '" + arn + "'.");
    }
  }

  /** Every type, or the one asked for (an unknown one is AWS's InvalidParameterValue). */
  private static List<IdFormat> statuses(String resource) {
    if (resource != null && !RESOURCES.contains(resource)) {
      throw AwsException.invalidParameterValue(
          "Invalid value '"
              + resource
              + "' for resource: it is not a resource type with an ID"
              + " format.");
    }
    return (resource == null ? RESOURCES : List.of(resource))
        .stream().map(r -> IdFormat.builder().resource(r).useLongIds(true).build()).toList();
  }
}
