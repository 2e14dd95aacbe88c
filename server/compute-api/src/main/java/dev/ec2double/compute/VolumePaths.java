package dev.ec2double.compute;

import java.util.regex.Pattern;

/**
 * Where an attached volume shows up inside an instance: {@code /dev/sdf} at {@code
 * /mnt/ec2-double/sdf}. A container cannot get a block device without privileges the engine may not
 * grant, so the volume's filesystem is already mounted, at a path derived from the device name the
 * API was given (docs/volumes.md says why this place).
 */
public final class VolumePaths {
  /** The directory every instance has, holding one directory per attached volume. */
  public static final String ROOT = "/mnt/ec2-double";

  private static final Pattern DEVICE = Pattern.compile("(/dev/)?([a-z]{2,4}[a-z0-9]{0,4})");

  private VolumePaths() {}

  /** The device's last path element ({@code sdf} of {@code /dev/sdf}), or null when malformed. */
  public static String leaf(String device) {
    if (device == null) {
      return null;
    }
    var m = DEVICE.matcher(device);
    return m.matches() ? m.group(2) : null;
  }

  public static String mountPoint(String device) {
    return ROOT + "/" + leaf(device);
  }
}
