package dev.ec2double.ec2.imagesettings;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.images.ImageAdmission;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DisableAllowedImagesSettingsRequest;
import software.amazon.awssdk.services.ec2.model.DisableAllowedImagesSettingsResponse;
import software.amazon.awssdk.services.ec2.model.EnableAllowedImagesSettingsRequest;
import software.amazon.awssdk.services.ec2.model.EnableAllowedImagesSettingsResponse;
import software.amazon.awssdk.services.ec2.model.GetAllowedImagesSettingsRequest;
import software.amazon.awssdk.services.ec2.model.GetAllowedImagesSettingsResponse;
import software.amazon.awssdk.services.ec2.model.ImageCriterion;
import software.amazon.awssdk.services.ec2.model.ReplaceImageCriteriaInAllowedImagesSettingsRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceImageCriteriaInAllowedImagesSettingsResponse;

/**
 * Allowed AMIs, per account and region: {@code disabled} (the default), {@code audit-mode}
 * (DescribeImages flags each AMI with imageAllowed) or {@code enabled} (AMIs that do not meet the
 * criteria are not listed by DescribeImages and RunInstances refuses them). Enforced for real: the
 * images feature asks this service through {@link ImageAdmission}.
 */
public final class AllowedImagesService implements ImageAdmission {
  public EnableAllowedImagesSettingsResponse enableAllowedImagesSettings(
      RequestContext ctx, EnableAllowedImagesSettingsRequest req) {
    String state = req.allowedImagesSettingsStateAsString();
    if (state == null) {
      throw AwsException.missingParameter("AllowedImagesSettingsState");
    }
    if (!state.equals("enabled") && !state.equals("audit-mode")) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + state
              + ") for parameter AllowedImagesSettingsState is invalid. Valid values: enabled,"
              + " audit-mode.");
    }
    set(ctx, st -> st.allowedState = state);
    return EnableAllowedImagesSettingsResponse.builder().allowedImagesSettingsState(state).build();
  }

  public DisableAllowedImagesSettingsResponse disableAllowedImagesSettings(
      RequestContext ctx, DisableAllowedImagesSettingsRequest req) {
    set(ctx, st -> st.allowedState = "disabled");
    return DisableAllowedImagesSettingsResponse.builder()
        .allowedImagesSettingsState("disabled")
        .build();
  }

  public GetAllowedImagesSettingsResponse getAllowedImagesSettings(
      RequestContext ctx, GetAllowedImagesSettingsRequest req) {
    ImageSettingsState st = ImageSettingsState.of(ctx.state());
    synchronized (st) {
      return GetAllowedImagesSettingsResponse.builder()
          .state(st.allowedState)
          .imageCriteria(st.criteria)
          .managedBy("account")
          .build();
    }
  }

  public ReplaceImageCriteriaInAllowedImagesSettingsResponse
      replaceImageCriteriaInAllowedImagesSettings(
          RequestContext ctx, ReplaceImageCriteriaInAllowedImagesSettingsRequest req) {
    List<ImageCriterion> criteria = ImageCriteria.of(req.imageCriteria());
    set(ctx, st -> st.criteria = List.copyOf(criteria));
    return ReplaceImageCriteriaInAllowedImagesSettingsResponse.builder().returnValue(true).build();
  }

  private static void set(RequestContext ctx, java.util.function.Consumer<ImageSettingsState> c) {
    ImageSettingsState st = ImageSettingsState.of(ctx.state());
    synchronized (st) {
      c.accept(st);
    }
    ctx.state().changed();
  }

  @Override
  public boolean meets(RegionState state, ImageRecord image) {
    ImageSettingsState st = state.existingPart(ImageSettingsState.class);
    if (st == null) {
      return true;
    }
    synchronized (st) {
      return st.allowedState.equals("disabled")
          || ImageCriteria.meets(st.criteria, image, state.account());
    }
  }

  @Override
  public boolean enforced(RegionState state) {
    ImageSettingsState st = state.existingPart(ImageSettingsState.class);
    if (st == null) {
      return false;
    }
    synchronized (st) {
      return st.allowedState.equals("enabled");
    }
  }
}
