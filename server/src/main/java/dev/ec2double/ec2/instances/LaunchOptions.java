package dev.ec2double.ec2.instances;

import dev.ec2double.ec2.images.ImageRecord;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * What RunInstances sets of an instance's options (checked before by the plan): detailed
 * monitoring, CPU options, the Windows platform of its image and, for a Windows instance with a key
 * pair, its administrator password, encrypted as GetPasswordData gives it.
 */
final class LaunchOptions {
  private LaunchOptions() {}

  static void apply(
      InstanceRecord r, RunInstancesRequest req, ImageRecord image, String publicKey) {
    if (req.monitoring() != null && Boolean.TRUE.equals(req.monitoring().enabled())) {
      r.monitoring = "enabled";
    }
    if (req.cpuOptions() != null) {
      r.cpuCores = req.cpuOptions().coreCount();
      r.cpuThreads = req.cpuOptions().threadsPerCore();
    }
    r.disableApiStop = Boolean.TRUE.equals(req.disableApiStop());
    r.windows = Platforms.windows(image);
    if (r.windows && publicKey != null) {
      r.passwordData = WindowsPasswords.encrypted(publicKey);
    }
  }
}
