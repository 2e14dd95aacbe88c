package dev.ec2double.ec2.images;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AMIs every account sees: documented defaults that map to public images (for users whose
 * engine can pull), and the mappings given with {@code --ami}. Both are owned by "amazon".
 */
public final class AmiCatalog {
  /** Defaults: the ids are ec2-double's own, the images the public ones they name. */
  public static final Map<String, String[]> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put(
        "ami-0ec2d0000000a2023", new String[] {"al2023-ami-ec2-double-x86_64", "amazonlinux:2023"});
    DEFAULTS.put(
        "ami-0ec2d000000b22404",
        new String[] {"ubuntu/images/hvm-ssd/ubuntu-noble-24.04-amd64-server", "ubuntu:24.04"});
    DEFAULTS.put("ami-0ec2d00000000de12", new String[] {"debian-12-amd64", "debian:12"});
    DEFAULTS.put("ami-0ec2d00000000a320", new String[] {"alpine-3.20-x86_64", "alpine:3.20"});
  }

  private final Map<String, String> configured;

  /** The records, made on first use: a record's block devices load SDK model classes. */
  private volatile Map<String, ImageRecord> images;

  public AmiCatalog(Map<String, String> configured) {
    this.configured = new LinkedHashMap<>(configured); // in the order given
  }

  private Map<String, ImageRecord> images() {
    Map<String, ImageRecord> m = images;
    if (m == null) {
      Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
      Map<String, ImageRecord> made = new LinkedHashMap<>();
      DEFAULTS.forEach((id, v) -> made.put(id, record(id, v[0], v[1], epoch)));
      configured.forEach((id, ref) -> made.put(id, record(id, nameFor(ref), ref, epoch)));
      synchronized (this) {
        if (images == null) {
          images = made;
        }
        m = images;
      }
    }
    return m;
  }

  private static ImageRecord record(String id, String name, String ref, Instant created) {
    return new ImageRecord(
        id,
        name,
        "ec2-double image " + ref,
        ref,
        ImageRecord.AMAZON_OWNER,
        "amazon",
        "x86_64",
        created,
        "available",
        true,
        false);
  }

  private static String nameFor(String ref) {
    return ref.replaceAll("[^a-zA-Z0-9()\\[\\] ./'@_-]", "-");
  }

  public ImageRecord find(String id) {
    return images().get(id);
  }

  public Collection<ImageRecord> all() {
    return new ArrayList<>(images().values());
  }

  public List<String> ids() {
    return List.copyOf(images().keySet());
  }
}
