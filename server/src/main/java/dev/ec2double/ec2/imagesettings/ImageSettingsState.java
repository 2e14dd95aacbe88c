package dev.ec2double.ec2.imagesettings;

import dev.ec2double.core.RegionState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.ImageCriterion;

/**
 * One account's image settings in one region: Allowed AMIs, Windows fast launch, and image usage
 * reports. Every read and change holds this object's lock.
 */
final class ImageSettingsState implements java.io.Serializable {
  /** {@code disabled}, {@code enabled} or {@code audit-mode}. */
  String allowedState = "disabled";

  /** The Allowed AMIs criteria, as GetAllowedImagesSettings shows them. */
  List<ImageCriterion> criteria = new ArrayList<>();

  /** Fast launch per AMI id. */
  final Map<String, FastLaunches.Config> fastLaunch = new LinkedHashMap<>();

  /** Image usage reports by id. */
  final Map<String, UsageReports.Report> reports = new LinkedHashMap<>();

  static ImageSettingsState of(RegionState state) {
    return state.part(ImageSettingsState.class, ImageSettingsState::new);
  }
}
