package dev.ec2double.ec2.account;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.Set;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.ec2.model.GetManagedResourceVisibilityRequest;
import software.amazon.awssdk.services.ec2.model.GetManagedResourceVisibilityResponse;
import software.amazon.awssdk.services.ec2.model.ManagedResourceVisibilitySettings;
import software.amazon.awssdk.services.ec2.model.ModifyManagedResourceVisibilityRequest;
import software.amazon.awssdk.services.ec2.model.ModifyManagedResourceVisibilityResponse;

/**
 * Managed resource visibility: whether resources that an AWS service manages on the account's
 * behalf show in Describe calls by default. The setting is account-wide (every Region answers the
 * same), {@code visible} until changed. A record: ec2-double makes no managed resources, so the
 * setting hides nothing.
 */
public final class ManagedVisibilityService {
  private static final Set<String> VALUES = Set.of("hidden", "visible");

  /** Where an account-wide setting is kept: one Region's state of the account. */
  private static final String HOME = "us-east-1";

  /** The setting, one per account. */
  static final class Setting implements java.io.Serializable {
    String defaultVisibility = "visible";
  }

  private final BiFunction<String, String, RegionState> regions;

  /**
   * @param regions the state of an account in a Region (the server's state store)
   */
  public ManagedVisibilityService(BiFunction<String, String, RegionState> regions) {
    this.regions = regions;
  }

  public GetManagedResourceVisibilityResponse getManagedResourceVisibility(
      RequestContext ctx, GetManagedResourceVisibilityRequest req) {
    Setting s = setting(ctx);
    synchronized (s) {
      return GetManagedResourceVisibilityResponse.builder()
          .visibility(view(s.defaultVisibility))
          .build();
    }
  }

  public ModifyManagedResourceVisibilityResponse modifyManagedResourceVisibility(
      RequestContext ctx, ModifyManagedResourceVisibilityRequest req) {
    String value = req.defaultVisibilityAsString();
    if (value == null) {
      throw AwsException.missingParameter("DefaultVisibility");
    }
    if (!VALUES.contains(value)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + value
              + ") for parameter DefaultVisibility is invalid. Valid values: hidden, visible.");
    }
    Setting s = setting(ctx);
    synchronized (s) {
      s.defaultVisibility = value;
    }
    regions.apply(ctx.account(), HOME).changed();
    return ModifyManagedResourceVisibilityResponse.builder().visibility(view(value)).build();
  }

  private Setting setting(RequestContext ctx) {
    return regions.apply(ctx.account(), HOME).part(Setting.class, Setting::new);
  }

  private static ManagedResourceVisibilitySettings view(String value) {
    return ManagedResourceVisibilitySettings.builder().defaultVisibility(value).build();
  }
}
