package dev.ec2double.ec2.regions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commercial EC2 regions and their availability zones, as AWS lists them. Every region is
 * enabled for every account of ec2-double: regions that need an opt-in on AWS report {@code
 * opted-in}.
 */
public final class RegionCatalog {
  public record Zone(String name, String zoneId, String region) {}

  private static final Map<String, Integer> ZONES = new LinkedHashMap<>();
  private static final List<String> OPT_IN = new ArrayList<>();

  static {
    zones(6, "us-east-1");
    zones(
        3,
        "us-east-2",
        "ap-south-1",
        "ap-northeast-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ca-central-1",
        "eu-central-1",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "eu-north-1",
        "sa-east-1",
        "ap-northeast-3");
    zones(2, "us-west-1");
    zones(4, "us-west-2");
    zones(4, "ap-northeast-1");
    optIn(
        3,
        "af-south-1",
        "ap-east-1",
        "ap-south-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ap-southeast-5",
        "ap-southeast-7",
        "ca-west-1",
        "eu-south-1",
        "eu-south-2",
        "eu-central-2",
        "il-central-1",
        "me-south-1",
        "me-central-1",
        "mx-central-1");
  }

  private RegionCatalog() {}

  private static void zones(int count, String... regions) {
    for (String r : regions) {
      ZONES.put(r, count);
    }
  }

  private static void optIn(int count, String... regions) {
    zones(count, regions);
    OPT_IN.addAll(List.of(regions));
  }

  public static boolean isRegion(String region) {
    return region != null && ZONES.containsKey(region);
  }

  public static List<String> regions() {
    return List.copyOf(ZONES.keySet());
  }

  public static String optInStatus(String region) {
    return OPT_IN.contains(region) ? "opted-in" : "opt-in-not-required";
  }

  public static String endpoint(String region) {
    return "ec2." + region + ".amazonaws.com";
  }

  /**
   * A zone of the region by name or by id, the region's first when neither is given, or null when
   * none has that name or id.
   */
  public static Zone zoneOrNull(String region, String name, String zoneId) {
    List<Zone> zones = zones(region);
    if (name == null && zoneId == null) {
      return zones.get(0);
    }
    for (Zone z : zones) {
      if (z.name().equals(name) || z.zoneId().equals(zoneId)) {
        return z;
      }
    }
    return null;
  }

  public static List<Zone> zones(String region) {
    List<Zone> out = new ArrayList<>();
    int n = ZONES.getOrDefault(region, 0);
    for (int i = 0; i < n; i++) {
      out.add(new Zone(region + (char) ('a' + i), shortName(region) + "-az" + (i + 1), region));
    }
    return out;
  }

  /** {@code us-east-1} → {@code use1}, {@code ap-southeast-2} → {@code apse2}, as zone ids use. */
  static String shortName(String region) {
    String[] p = region.split("-");
    String direction =
        switch (p[1]) {
          case "northeast" -> "ne";
          case "southeast" -> "se";
          case "northwest" -> "nw";
          case "southwest" -> "sw";
          default -> p[1].substring(0, 1);
        };
    return p[0] + direction + p[2];
  }
}
