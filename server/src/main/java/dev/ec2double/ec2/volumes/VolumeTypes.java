package dev.ec2double.ec2.volumes;

import dev.ec2double.errors.AwsException;
import java.util.Map;

/**
 * EBS volume types: their sizes, IOPS and throughput, checked as AWS checks them
 * (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html, CreateVolume's {@code
 * Iops} and {@code Throughput}): IOPS within the type's range and at most its IOPS per GiB of size,
 * except that gp3's 3,000 IOPS baseline holds at any size (a 1 GiB gp3 volume has 3,000 IOPS, asked
 * for or not); gp3 throughput within 125-1,000 MiB/s and at most 0.25 MiB/s per provisioned IOPS,
 * except that its 125 MiB/s baseline holds at any IOPS.
 */
final class VolumeTypes {
  record Type(
      String name, int minSize, int maxSize, Range iops, Range throughput, int iopsPerGib) {}

  record Range(int min, int max, Integer byDefault) {}

  static final Map<String, Type> TYPES =
      Map.of(
          "standard", new Type("standard", 1, 1024, null, null, 0),
          "gp2", new Type("gp2", 1, 16384, null, null, 0),
          "gp3",
              new Type(
                  "gp3", 1, 16384, new Range(3000, 16000, 3000), new Range(125, 1000, 125), 500),
          "io1", new Type("io1", 4, 16384, new Range(100, 64000, null), null, 50),
          "io2", new Type("io2", 4, 65536, new Range(100, 256000, null), null, 1000),
          "st1", new Type("st1", 125, 16384, null, null, 0),
          "sc1", new Type("sc1", 125, 16384, null, null, 0));

  /** A volume's type, size, IOPS and throughput after the defaults are filled in. */
  record Shape(String type, int size, Integer iops, Integer throughput) {}

  private VolumeTypes() {}

  static Shape check(String typeName, int size, Integer iops, Integer throughput) {
    Type t = TYPES.get(typeName);
    if (t == null) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + typeName
              + ") for parameter volumeType is invalid. Valid values: standard, io1, io2, gp2, sc1,"
              + " st1, gp3");
    }
    if (size < t.minSize || size > t.maxSize) {
      throw AwsException.invalidParameterValue(
          "Volume of "
              + size
              + "GiB is "
              + (size < t.minSize
                  ? "too small; minimum is " + t.minSize
                  : "too large; maximum is " + t.maxSize)
              + "GiB for volume type "
              + typeName
              + ".");
    }
    if (t.iops == null && iops != null) {
      throw AwsException.invalidParameterCombination(
          "The parameter iops is not supported for " + typeName + " volumes.");
    }
    if (t.throughput == null && throughput != null) {
      throw AwsException.invalidParameterCombination(
          "The parameter throughput is not supported for " + typeName + " volumes.");
    }
    Integer effectiveIops = iops;
    if (t.iops != null) {
      if (iops == null && t.iops.byDefault() == null) {
        throw AwsException.missingParameter("iops");
      }
      effectiveIops = iops == null ? t.iops.byDefault() : iops;
      if (effectiveIops < t.iops.min() || effectiveIops > t.iops.max()) {
        throw AwsException.invalidParameterValue(
            "Value ("
                + effectiveIops
                + ") for parameter iops is invalid. Expected a value from "
                + t.iops.min()
                + " to "
                + t.iops.max()
                + " for "
                + typeName
                + " volumes.");
      }
      // the baseline (gp3's default) holds at any size; above it, IOPS per GiB
      long maxForSize =
          Math.max(t.iops.byDefault() == null ? 0 : t.iops.byDefault(), (long) t.iopsPerGib * size);
      if (iops != null && iops > maxForSize) {
        throw AwsException.invalidParameterValue(
            "Volume iops of "
                + iops
                + " is too high; maximum is "
                + maxForSize
                + " for a "
                + size
                + "GiB "
                + typeName
                + " volume ("
                + t.iopsPerGib
                + " IOPS per GiB).");
      }
    } else if (typeName.equals("gp2")) {
      effectiveIops = Math.max(100, Math.min(16000, 3 * size)); // gp2's baseline, as AWS reports
    }
    Integer effectiveThroughput = null;
    if (t.throughput != null) {
      effectiveThroughput = throughput == null ? t.throughput.byDefault() : throughput;
      if (effectiveThroughput < t.throughput.min() || effectiveThroughput > t.throughput.max()) {
        throw AwsException.invalidParameterValue(
            "Value ("
                + effectiveThroughput
                + ") for parameter throughput is invalid. Expected a value from "
                + t.throughput.min()
                + " to "
                + t.throughput.max()
                + ".");
      }
      // the baseline holds at any IOPS; above it, 0.25 MiB/s per provisioned IOPS
      if (throughput != null
          && throughput > t.throughput.byDefault()
          && throughput * 4L > effectiveIops) {
        throw AwsException.invalidParameterValue(
            "Throughput (MiBps) to iops ratio of "
                + String.format(java.util.Locale.ROOT, "%.6f", throughput / (double) effectiveIops)
                + " is too high; maximum is 0.250000 MiBps per iops.");
      }
    }
    return new Shape(typeName, size, effectiveIops, effectiveThroughput);
  }
}
