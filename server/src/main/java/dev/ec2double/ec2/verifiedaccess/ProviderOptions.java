package dev.ec2double.ec2.verifiedaccess;

import dev.ec2double.errors.AwsException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The options of trust providers: the OIDC settings of a user provider (read from the request's
 * model object by member name, so Create's and Modify's shapes share one check) and the device
 * provider's tenant and signing key URL. Endpoints of an OIDC provider are https URLs.
 */
final class ProviderOptions {
  private ProviderOptions() {}

  static final List<String> OIDC_REQUIRED =
      List.of(
          "Issuer",
          "AuthorizationEndpoint",
          "TokenEndpoint",
          "UserInfoEndpoint",
          "ClientId",
          "ClientSecret");

  private static final List<String> URLS =
      List.of(
          "Issuer",
          "AuthorizationEndpoint",
          "TokenEndpoint",
          "UserInfoEndpoint",
          "PublicSigningKeyEndpoint",
          "PublicSigningKeyUrl");

  /** The members that are set, by their model names. */
  static Map<String, String> members(SdkPojo options) {
    Map<String, String> out = new LinkedHashMap<>();
    if (options != null) {
      for (SdkField<?> f : options.sdkFields()) {
        Object v = f.getValueOrDefault(options);
        if (v != null) {
          out.put(f.memberName(), v.toString());
        }
      }
    }
    return out;
  }

  /** Checks OIDC options (a merged set when modifying): each required member, URLs https. */
  static Map<String, String> oidc(String what, Map<String, String> options, List<String> required) {
    for (String name : required) {
      if (options.get(name) == null || options.get(name).isBlank()) {
        throw AwsException.missingParameter(what + "." + name);
      }
    }
    urls(what, options);
    return options;
  }

  static void urls(String what, Map<String, String> options) {
    for (String name : URLS) {
      String v = options.get(name);
      if (v != null && !https(v)) {
        throw AwsException.invalidParameterValue(
            "Invalid value '" + v + "' for " + what + "." + name + ": not an https URL");
      }
    }
  }

  private static boolean https(String url) {
    try {
      URI u = new URI(url);
      return "https".equals(u.getScheme()) && u.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
