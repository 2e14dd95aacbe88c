package dev.ec2double.ec2.verifiedaccess;

import static dev.ec2double.ec2.verifiedaccess.TrustProvidersService.required;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessInstanceRequest;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessInstanceResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessInstanceRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessInstanceResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessInstancesResponse;
import software.amazon.awssdk.services.ec2.model.ExportVerifiedAccessInstanceClientConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.ExportVerifiedAccessInstanceClientConfigurationResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessInstanceRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessInstanceResponse;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstanceOpenVpnClientConfiguration;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstanceOpenVpnClientConfigurationRoute;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstanceUserTrustProviderClientConfiguration;

/**
 * Verified Access instances, and the client configuration of their native-application (CIDR)
 * endpoints. An instance with groups cannot be deleted.
 */
public final class AccessInstancesService {
  private static final Pattern SUB_DOMAIN =
      Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

  public CreateVerifiedAccessInstanceResponse createVerifiedAccessInstance(
      RequestContext ctx, CreateVerifiedAccessInstanceRequest req) {
    var tags = AccessInstances.KIND.tags(req.tagSpecifications());
    String subDomain = subDomain(req.cidrEndpointsCustomSubDomain());
    AccessStore.Instance i =
        AccessInstances.KIND.create(
            ctx,
            tags,
            id -> {
              var made =
                  new AccessStore.Instance(
                      id, req.description(), Boolean.TRUE.equals(req.fipsEnabled()));
              made.customSubDomain = subDomain;
              return made;
            });
    return CreateVerifiedAccessInstanceResponse.builder()
        .verifiedAccessInstance(AccessInstances.KIND.view(ctx, i))
        .build();
  }

  private static String subDomain(String name) {
    if (name != null && (name.length() > 255 || !SUB_DOMAIN.matcher(name).matches())) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + name + "' for CidrEndpointsCustomSubDomain: not a domain name");
    }
    return name;
  }

  public DescribeVerifiedAccessInstancesResponse describeVerifiedAccessInstances(
      RequestContext ctx, DescribeVerifiedAccessInstancesRequest req) {
    var page =
        AccessInstances.KIND.describe(
            ctx, req.verifiedAccessInstanceIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeVerifiedAccessInstancesResponse.builder()
        .verifiedAccessInstances(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyVerifiedAccessInstanceResponse modifyVerifiedAccessInstance(
      RequestContext ctx, ModifyVerifiedAccessInstanceRequest req) {
    String id = required(req.verifiedAccessInstanceId(), "VerifiedAccessInstanceId");
    String subDomain = subDomain(req.cidrEndpointsCustomSubDomain());
    AccessStore.Instance i =
        AccessInstances.KIND.modify(
            ctx,
            id,
            r -> {
              if (req.description() != null) {
                r.description = req.description();
              }
              if (subDomain != null) {
                r.customSubDomain = subDomain;
              }
              r.touch();
              return r;
            });
    return ModifyVerifiedAccessInstanceResponse.builder()
        .verifiedAccessInstance(AccessInstances.KIND.view(ctx, i))
        .build();
  }

  public DeleteVerifiedAccessInstanceResponse deleteVerifiedAccessInstance(
      RequestContext ctx, DeleteVerifiedAccessInstanceRequest req) {
    String id = required(req.verifiedAccessInstanceId(), "VerifiedAccessInstanceId");
    var view = AccessInstances.KIND.view(ctx, AccessInstances.KIND.get(ctx.state(), id));
    AccessInstances.KIND.delete(ctx, id);
    return DeleteVerifiedAccessInstanceResponse.builder().verifiedAccessInstance(view).build();
  }

  /**
   * What the Connectivity Client needs: the attached providers' types, the user provider's OIDC
   * settings for native applications, and an OpenVPN profile whose routes are the CIDRs of the
   * instance's live CIDR endpoints (none without such endpoints).
   */
  public ExportVerifiedAccessInstanceClientConfigurationResponse
      exportVerifiedAccessInstanceClientConfiguration(
          RequestContext ctx, ExportVerifiedAccessInstanceClientConfigurationRequest req) {
    String id = required(req.verifiedAccessInstanceId(), "VerifiedAccessInstanceId");
    AccessStore store = AccessStore.of(ctx.state());
    synchronized (store) {
      AccessStore.Instance i = AccessInstances.KIND.get(ctx.state(), id);
      List<String> devices = new ArrayList<>();
      VerifiedAccessInstanceUserTrustProviderClientConfiguration user = null;
      for (String pid : i.providers) {
        AccessStore.TrustProvider p = store.providers.get(pid);
        if (p == null) {
          continue;
        }
        if (p.user()) {
          user = userConfiguration(p);
        } else {
          devices.add(p.deviceType);
        }
      }
      List<VerifiedAccessInstanceOpenVpnClientConfigurationRoute> routes =
          store.endpoints.values().stream()
              .filter(e -> e.live() && e.instanceId.equals(i.id) && e.cidr != null)
              .map(
                  e ->
                      VerifiedAccessInstanceOpenVpnClientConfigurationRoute.builder()
                          .cidr(e.cidr.cidr())
                          .build())
              .toList();
      return ExportVerifiedAccessInstanceClientConfigurationResponse.builder()
          .version("1.0")
          .verifiedAccessInstanceId(i.id)
          .region(ctx.region())
          .deviceTrustProvidersWithStrings(devices)
          .userTrustProvider(user)
          .openVpnConfigurations(
              routes.isEmpty()
                  ? List.of()
                  : List.of(
                      VerifiedAccessInstanceOpenVpnClientConfiguration.builder()
                          .config(openVpnProfile(ctx, i))
                          .routes(routes)
                          .build()))
          .build();
    }
  }

  private static VerifiedAccessInstanceUserTrustProviderClientConfiguration userConfiguration(
      AccessStore.TrustProvider p) {
    var o = p.nativeOidc.isEmpty() ? p.oidc : p.nativeOidc;
    return VerifiedAccessInstanceUserTrustProviderClientConfiguration.builder()
        .type(p.userType)
        .scopes(o.get("Scope"))
        .issuer(o.get("Issuer"))
        .authorizationEndpoint(o.get("AuthorizationEndpoint"))
        .publicSigningKeyEndpoint(o.get("PublicSigningKeyEndpoint"))
        .tokenEndpoint(o.get("TokenEndpoint"))
        .userInfoEndpoint(o.get("UserInfoEndpoint"))
        .clientId(o.get("ClientId"))
        .clientSecret(p.oidc.get("ClientSecret"))
        .pkceEnabled(true)
        .build();
  }

  private static String openVpnProfile(RequestContext ctx, AccessStore.Instance i) {
    return "client\ndev tun\nproto tcp\nremote "
        + i.id
        + ".prod.verified-access."
        + ctx.region()
        + ".amazonaws.com 443\nremote-cert-tls server\nauth-user-pass\nverb 3\n";
  }
}
