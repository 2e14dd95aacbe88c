package dev.ec2double.ec2.endpoints;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.AddedPrincipal;
import software.amazon.awssdk.services.ec2.model.AllowedPrincipal;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServicePermissionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServicePermissionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointServicePermissionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointServicePermissionsResponse;

/**
 * Who may connect to an endpoint service: {@code *}, an account ({@code arn:aws:iam::ID:root}), or
 * an IAM user or role of one. A principal's account then sees the service in
 * DescribeVpcEndpointServices and may CreateVpcEndpoint to it.
 */
public final class ServicePermissionsService {
  private static final Pattern PRINCIPAL =
      Pattern.compile("\\*|arn:aws:iam::[0-9]{12}:(root|user/[\\w+=,.@/-]+|role/[\\w+=,.@/-]+)");

  private static final FilterSpec<AllowedPrincipal> FILTERS =
      FilterSpec.<AllowedPrincipal>of()
          .field("principal", AllowedPrincipal::principal)
          .field("principal-type", AllowedPrincipal::principalTypeAsString);

  static String type(String principal) {
    if (principal.equals("*")) {
      return "All";
    }
    if (principal.endsWith(":root")) {
      return "Account";
    }
    return principal.contains(":user/") ? "User" : "Role";
  }

  public ModifyVpcEndpointServicePermissionsResponse modifyVpcEndpointServicePermissions(
      RequestContext ctx, ModifyVpcEndpointServicePermissionsRequest req) {
    if (req.serviceId() == null) {
      throw AwsException.missingParameter("ServiceId");
    }
    for (String p : req.addAllowedPrincipals()) {
      if (!PRINCIPAL.matcher(p).matches()) {
        throw new AwsException(
            "InvalidPrincipal",
            "Invalid principal " + p + ": * or an ARN arn:aws:iam::ACCOUNT:root|user/..|role/..");
      }
    }
    List<AddedPrincipal> added = new ArrayList<>();
    EndpointServiceConfigs.KIND.modify(
        ctx,
        req.serviceId(),
        s -> {
          for (String p : req.addAllowedPrincipals()) {
            String id = s.principals.computeIfAbsent(p, k -> Ids.next("vpce-svc-perm"));
            added.add(
                AddedPrincipal.builder()
                    .principal(p)
                    .principalType(type(p))
                    .servicePermissionId(id)
                    .serviceId(s.id)
                    .build());
          }
          req.removeAllowedPrincipals().forEach(s.principals::remove);
          return s;
        });
    return ModifyVpcEndpointServicePermissionsResponse.builder()
        .addedPrincipals(added.isEmpty() ? null : added)
        .returnValue(true)
        .build();
  }

  public DescribeVpcEndpointServicePermissionsResponse describeVpcEndpointServicePermissions(
      RequestContext ctx, DescribeVpcEndpointServicePermissionsRequest req) {
    if (req.serviceId() == null) {
      throw AwsException.missingParameter("ServiceId");
    }
    var filter = FILTERS.compile(req.filters());
    List<AllowedPrincipal> all =
        EndpointServiceConfigs.KIND.modify(
            ctx,
            req.serviceId(),
            s -> {
              List<AllowedPrincipal> out = new ArrayList<>();
              for (Map.Entry<String, String> e : s.principals.entrySet()) {
                out.add(
                    AllowedPrincipal.builder()
                        .principal(e.getKey())
                        .principalType(type(e.getKey()))
                        .servicePermissionId(e.getValue())
                        .serviceId(s.id)
                        .build());
              }
              return out;
            });
    var page =
        Pages.page(
            ctx.action(), all.stream().filter(filter).toList(), req.maxResults(), req.nextToken());
    return DescribeVpcEndpointServicePermissionsResponse.builder()
        .allowedPrincipals(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
