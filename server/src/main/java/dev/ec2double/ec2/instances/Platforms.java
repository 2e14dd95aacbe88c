package dev.ec2double.ec2.instances;

import dev.ec2double.ec2.images.ImageRecord;

/**
 * Which images are Windows images. ec2-double runs every image as a Linux container; an AMI named
 * as Amazon names its Windows AMIs ({@code Windows_Server-2022-English-Full-Base-...}), or any name
 * starting with "Windows", stands for the Windows platform: its instances show {@code platform:
 * windows} and have an administrator password for GetPasswordData.
 */
final class Platforms {
  private Platforms() {}

  static boolean windows(ImageRecord image) {
    return image.windows();
  }
}
