package dev.ec2double.ec2.instancetypes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instance types ec2-double knows, read once from {@code catalog.csv} beside this class. The
 * data lives in the file, not in code, so that adding a family is adding rows. Other features look
 * types up here: {@code InstanceTypeCatalog.find("t3.micro")} gives the vCPUs, memory and
 * architecture an instance container is given.
 */
public final class InstanceTypeCatalog {
  static final String RESOURCE = "catalog.csv";

  private static final Map<String, InstanceTypeSpec> BY_NAME = load();

  private InstanceTypeCatalog() {}

  public static Optional<InstanceTypeSpec> find(String name) {
    return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
  }

  public static boolean exists(String name) {
    return find(name).isPresent();
  }

  /** Every type, in the order DescribeInstanceTypes lists them: by name. */
  public static List<InstanceTypeSpec> all() {
    return List.copyOf(BY_NAME.values());
  }

  private static Map<String, InstanceTypeSpec> load() {
    try (InputStream in = InstanceTypeCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, InstanceTypeSpec> parse(BufferedReader reader) throws IOException {
    List<InstanceTypeSpec> specs = new ArrayList<>();
    Map<String, Integer> columns = null;
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (columns == null) {
        columns = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
          columns.put(cells[i], i);
        }
        continue;
      }
      if (cells.length != columns.size()) {
        throw new IllegalStateException(
            RESOURCE
                + " line "
                + number
                + ": "
                + cells.length
                + " cells, expected "
                + columns.size());
      }
      specs.add(row(new Row(columns, cells, number)));
    }
    specs.sort((a, b) -> a.name().compareTo(b.name()));
    Map<String, InstanceTypeSpec> byName = new LinkedHashMap<>();
    for (InstanceTypeSpec s : specs) {
      if (byName.put(s.name(), s) != null) {
        throw new IllegalStateException(RESOURCE + ": " + s.name() + " is listed twice");
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  private static InstanceTypeSpec row(Row r) {
    return new InstanceTypeSpec(
        r.text("type"),
        r.integer("vcpus"),
        r.integer("cores"),
        r.integer("threads"),
        Long.parseLong(r.text("memory_mib")),
        r.list("architectures"),
        Double.parseDouble(r.text("clock_ghz")),
        r.text("manufacturer"),
        r.text("hypervisor").isEmpty() ? null : r.text("hypervisor"),
        r.bool("bare_metal"),
        r.bool("burstable"),
        r.bool("free_tier"),
        r.text("network_performance"),
        r.integer("max_enis"),
        r.integer("ipv4_per_eni"),
        r.text("ebs_optimized"),
        r.text("nvme"),
        r.text("ena"),
        r.bool("efa"),
        r.bool("encryption_in_transit"),
        r.bool("dedicated_hosts"),
        r.list("boot_modes"),
        r.list("usage_classes"));
  }

  private record Row(Map<String, Integer> columns, String[] cells, int line) {
    String text(String column) {
      Integer i = columns.get(column);
      if (i == null) {
        throw new IllegalStateException(RESOURCE + " has no column " + column);
      }
      return cells[i].trim();
    }

    int integer(String column) {
      return Integer.parseInt(text(column));
    }

    boolean bool(String column) {
      String v = text(column);
      if (!v.equals("true") && !v.equals("false")) {
        throw new IllegalStateException(
            RESOURCE + " line " + line + ": " + column + " is '" + v + "', not true/false");
      }
      return Boolean.parseBoolean(v);
    }

    List<String> list(String column) {
      return List.copyOf(Arrays.asList(text(column).split("\\|")));
    }
  }
}
