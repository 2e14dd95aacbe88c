package dev.ec2double.ec2.instances;

import dev.ec2double.core.RegionState;
import dev.ec2double.errors.AwsException;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataDefaultsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataDefaultsRequest;

/**
 * The account's default IMDS settings in one region (ModifyInstanceMetadataDefaults): each is null
 * for no preference. A launch takes each setting its request does not make, so the metadata service
 * of instances launched afterwards behaves by them; instances already running keep theirs.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html#instance-metadata-options-order-of-precedence
 */
final class MetadataDefaults implements java.io.Serializable {
  private static final Set<String> TOKENS = Set.of("optional", "required", "no-preference");
  private static final Set<String> SWITCH = Set.of("enabled", "disabled", "no-preference");

  private String httpTokens;
  private Integer hopLimit;
  private String httpEndpoint;
  private String metadataTags;
  private String tokensEnforced;

  static MetadataDefaults of(RegionState state) {
    return state.part(MetadataDefaults.class, MetadataDefaults::new);
  }

  /** The launch's metadata options with the region's defaults under them. */
  static InstanceMetadataOptionsRequest under(
      RegionState state, InstanceMetadataOptionsRequest asked) {
    MetadataDefaults d = state.existingPart(MetadataDefaults.class);
    if (d == null) {
      return asked;
    }
    InstanceMetadataOptionsRequest.Builder b =
        asked == null ? InstanceMetadataOptionsRequest.builder() : asked.toBuilder();
    synchronized (d) {
      if ((asked == null || asked.httpTokens() == null) && d.httpTokens != null) {
        b.httpTokens(d.httpTokens);
      }
      if ((asked == null || asked.httpPutResponseHopLimit() == null) && d.hopLimit != null) {
        b.httpPutResponseHopLimit(d.hopLimit);
      }
      if ((asked == null || asked.httpEndpoint() == null) && d.httpEndpoint != null) {
        b.httpEndpoint(d.httpEndpoint);
      }
      if ((asked == null || asked.instanceMetadataTags() == null) && d.metadataTags != null) {
        b.instanceMetadataTags(d.metadataTags);
      }
      InstanceMetadataOptionsRequest merged = b.build();
      if ("enabled".equals(d.tokensEnforced) && !"required".equals(merged.httpTokensAsString())) {
        throw AwsException.invalidParameterValue(
            "IMDSv2 is enforced in this Region (HttpTokensEnforced): launch with HttpTokens"
                + " required.");
      }
      return merged;
    }
  }

  /** ModifyInstanceMetadataDefaults: every value checked before any is changed. */
  synchronized void modify(ModifyInstanceMetadataDefaultsRequest req) {
    String tokens = checked(req.httpTokensAsString(), "HttpTokens", TOKENS);
    String endpoint = checked(req.httpEndpointAsString(), "HttpEndpoint", SWITCH);
    String tags = checked(req.instanceMetadataTagsAsString(), "InstanceMetadataTags", SWITCH);
    String enforced = checked(req.httpTokensEnforcedAsString(), "HttpTokensEnforced", SWITCH);
    Integer hops = req.httpPutResponseHopLimit();
    if (hops != null && hops != -1 && (hops < 1 || hops > 64)) {
      throw AwsException.invalidParameterValue(
          "The HttpPutResponseHopLimit must be between 1 and 64, or -1 for no preference; got "
              + hops
              + ".");
    }
    if (tokens == null && endpoint == null && tags == null && enforced == null && hops == null) {
      throw AwsException.missingParameter("HttpTokens");
    }
    if (tokens != null) {
      httpTokens = preference(tokens);
    }
    if (endpoint != null) {
      httpEndpoint = preference(endpoint);
    }
    if (tags != null) {
      metadataTags = preference(tags);
    }
    if (enforced != null) {
      tokensEnforced = preference(enforced);
    }
    if (hops != null) {
      hopLimit = hops == -1 ? null : hops;
    }
  }

  synchronized InstanceMetadataDefaultsResponse view() {
    boolean any =
        httpTokens != null
            || hopLimit != null
            || httpEndpoint != null
            || metadataTags != null
            || tokensEnforced != null;
    return InstanceMetadataDefaultsResponse.builder()
        .httpTokens(httpTokens)
        .httpPutResponseHopLimit(hopLimit)
        .httpEndpoint(httpEndpoint)
        .instanceMetadataTags(metadataTags)
        .httpTokensEnforced(tokensEnforced)
        .managedBy(any ? "account" : null)
        .build();
  }

  private static String checked(String value, String parameter, Set<String> allowed) {
    return value == null ? null : InstanceOptions.oneOf(value, parameter, allowed);
  }

  private static String preference(String v) {
    return v.equals("no-preference") ? null : v;
  }
}
