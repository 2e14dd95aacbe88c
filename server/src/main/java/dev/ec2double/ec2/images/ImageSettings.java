package dev.ec2double.ec2.images;

import dev.ec2double.core.RegionState;

/** An account's AMI settings in one region: block public access for AMIs. */
final class ImageSettings implements java.io.Serializable {
  /** {@code unblocked} (ec2-double's default) or {@code block-new-sharing}. */
  volatile String blockPublicAccess = "unblocked";

  static ImageSettings of(RegionState state) {
    return state.part(ImageSettings.class, ImageSettings::new);
  }

  boolean blocksPublicSharing() {
    return blockPublicAccess.equals("block-new-sharing");
  }
}
