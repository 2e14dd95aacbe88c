package dev.ec2double.ec2.verifiedaccess;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.errors.AwsException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessTrustProviderRequest;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessTrustProviderResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessTrustProviderRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessTrustProviderResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessTrustProvidersRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessTrustProvidersResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessTrustProviderRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessTrustProviderResponse;

/**
 * Trust providers: user providers ({@code iam-identity-center}, or {@code oidc} with its options)
 * and device providers ({@code jamf}, {@code crowdstrike}, {@code jumpcloud}, with the tenant of
 * the device management service). Records: no identity provider is called.
 * https://docs.aws.amazon.com/verified-access/latest/ug/trust-providers.html
 */
public final class TrustProvidersService {
  private static final List<String> USER_TYPES = List.of("iam-identity-center", "oidc");
  private static final List<String> DEVICE_TYPES = List.of("jamf", "crowdstrike", "jumpcloud");
  private static final Pattern REFERENCE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

  public TrustProvidersService(Resources resources) {
    TrustProviders.KIND.registerTaggable(resources);
    AccessInstances.KIND.registerTaggable(resources);
    AccessGroups.KIND.registerTaggable(resources);
    AccessEndpoints.KIND.registerTaggable(resources);
  }

  public CreateVerifiedAccessTrustProviderResponse createVerifiedAccessTrustProvider(
      RequestContext ctx, CreateVerifiedAccessTrustProviderRequest req) {
    var tags = TrustProviders.KIND.tags(req.tagSpecifications());
    String type = req.trustProviderTypeAsString();
    if (type == null) {
      throw AwsException.missingParameter("TrustProviderType");
    }
    if (req.policyReferenceName() == null) {
      throw AwsException.missingParameter("PolicyReferenceName");
    }
    if (!REFERENCE_NAME.matcher(req.policyReferenceName()).matches()) {
      throw AwsException.invalidParameterValue(
          "Invalid value '"
              + req.policyReferenceName()
              + "' for PolicyReferenceName: letters, digits and underscores, not starting with a"
              + " digit, at most 100");
    }
    Map<String, String> oidc = ProviderOptions.members(req.oidcOptions());
    Map<String, String> nativeOidc = ProviderOptions.members(req.nativeApplicationOidcOptions());
    Map<String, String> device = ProviderOptions.members(req.deviceOptions());
    String userType = req.userTrustProviderTypeAsString();
    String deviceType = req.deviceTrustProviderTypeAsString();
    switch (type) {
      case "user" -> checkUser(userType, deviceType, oidc, nativeOidc, device);
      case "device" -> checkDevice(userType, deviceType, oidc, nativeOidc, device);
      default ->
          throw AwsException.invalidParameterValue(
              "Invalid value '" + type + "' for TrustProviderType: user or device");
    }
    var sse = Policies.sse(req.sseSpecification(), null);
    AccessStore.TrustProvider p =
        TrustProviders.KIND.create(
            ctx,
            tags,
            id -> {
              var made =
                  new AccessStore.TrustProvider(
                      id, req.description(), type, userType, deviceType, req.policyReferenceName());
              made.oidc.putAll(oidc);
              made.nativeOidc.putAll(nativeOidc);
              made.tenantId = device.get("TenantId");
              made.publicSigningKeyUrl = device.get("PublicSigningKeyUrl");
              made.sse = sse;
              return made;
            });
    return CreateVerifiedAccessTrustProviderResponse.builder()
        .verifiedAccessTrustProvider(TrustProviders.KIND.view(ctx, p))
        .build();
  }

  private static void checkUser(
      String userType,
      String deviceType,
      Map<String, String> oidc,
      Map<String, String> nativeOidc,
      Map<String, String> device) {
    if (userType == null) {
      throw AwsException.missingParameter("UserTrustProviderType");
    }
    if (!USER_TYPES.contains(userType)) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + userType + "' for UserTrustProviderType: one of " + USER_TYPES);
    }
    if (deviceType != null || !device.isEmpty()) {
      throw AwsException.invalidParameterCombination(
          "DeviceTrustProviderType and DeviceOptions are for device trust providers only.");
    }
    if (userType.equals("oidc")) {
      ProviderOptions.oidc("OidcOptions", oidc, ProviderOptions.OIDC_REQUIRED);
    } else if (!oidc.isEmpty()) {
      throw AwsException.invalidParameterCombination(
          "OidcOptions are for oidc trust providers only.");
    }
    if (!nativeOidc.isEmpty() && !userType.equals("oidc")) {
      throw AwsException.invalidParameterCombination(
          "NativeApplicationOidcOptions are for oidc trust providers only.");
    }
    ProviderOptions.urls("NativeApplicationOidcOptions", nativeOidc);
  }

  private static void checkDevice(
      String userType,
      String deviceType,
      Map<String, String> oidc,
      Map<String, String> nativeOidc,
      Map<String, String> device) {
    if (deviceType == null) {
      throw AwsException.missingParameter("DeviceTrustProviderType");
    }
    if (!DEVICE_TYPES.contains(deviceType)) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + deviceType + "' for DeviceTrustProviderType: one of " + DEVICE_TYPES);
    }
    if (userType != null || !oidc.isEmpty() || !nativeOidc.isEmpty()) {
      throw AwsException.invalidParameterCombination(
          "UserTrustProviderType and OIDC options are for user trust providers only.");
    }
    if (device.get("TenantId") == null || device.get("TenantId").isBlank()) {
      throw AwsException.missingParameter("DeviceOptions.TenantId");
    }
    ProviderOptions.urls("DeviceOptions", device);
  }

  public DescribeVerifiedAccessTrustProvidersResponse describeVerifiedAccessTrustProviders(
      RequestContext ctx, DescribeVerifiedAccessTrustProvidersRequest req) {
    var page =
        TrustProviders.KIND.describe(
            ctx,
            req.verifiedAccessTrustProviderIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeVerifiedAccessTrustProvidersResponse.builder()
        .verifiedAccessTrustProviders(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Options change only where they belong: OIDC on an oidc provider, device on a device one. */
  public ModifyVerifiedAccessTrustProviderResponse modifyVerifiedAccessTrustProvider(
      RequestContext ctx, ModifyVerifiedAccessTrustProviderRequest req) {
    String id = required(req.verifiedAccessTrustProviderId(), "VerifiedAccessTrustProviderId");
    Map<String, String> oidc = ProviderOptions.members(req.oidcOptions());
    Map<String, String> nativeOidc = ProviderOptions.members(req.nativeApplicationOidcOptions());
    Map<String, String> device = ProviderOptions.members(req.deviceOptions());
    AccessStore.TrustProvider p =
        TrustProviders.KIND.modify(
            ctx,
            id,
            r -> {
              boolean oidcType = "oidc".equals(r.userType);
              if ((!oidc.isEmpty() || !nativeOidc.isEmpty()) && !oidcType) {
                throw AwsException.invalidParameterCombination(
                    "Trust provider " + r.id + " is not an oidc trust provider.");
              }
              if (!device.isEmpty() && r.user()) {
                throw AwsException.invalidParameterCombination(
                    "Trust provider " + r.id + " is not a device trust provider.");
              }
              var merged = new java.util.LinkedHashMap<>(r.oidc);
              merged.putAll(oidc);
              if (oidcType) {
                ProviderOptions.oidc("OidcOptions", merged, ProviderOptions.OIDC_REQUIRED);
              }
              ProviderOptions.urls("NativeApplicationOidcOptions", nativeOidc);
              ProviderOptions.urls("DeviceOptions", device);
              var sse = Policies.sse(req.sseSpecification(), r.sse);
              r.oidc.putAll(oidc);
              r.nativeOidc.putAll(nativeOidc);
              if (device.containsKey("PublicSigningKeyUrl")) {
                r.publicSigningKeyUrl = device.get("PublicSigningKeyUrl");
              }
              if (req.description() != null) {
                r.description = req.description();
              }
              r.sse = sse;
              r.touch();
              return r;
            });
    return ModifyVerifiedAccessTrustProviderResponse.builder()
        .verifiedAccessTrustProvider(TrustProviders.KIND.view(ctx, p))
        .build();
  }

  public DeleteVerifiedAccessTrustProviderResponse deleteVerifiedAccessTrustProvider(
      RequestContext ctx, DeleteVerifiedAccessTrustProviderRequest req) {
    String id = required(req.verifiedAccessTrustProviderId(), "VerifiedAccessTrustProviderId");
    var view = TrustProviders.KIND.view(ctx, TrustProviders.KIND.get(ctx.state(), id));
    TrustProviders.KIND.delete(ctx, id);
    return DeleteVerifiedAccessTrustProviderResponse.builder()
        .verifiedAccessTrustProvider(view)
        .build();
  }

  static String required(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw AwsException.missingParameter(name);
    }
    return value;
  }
}
