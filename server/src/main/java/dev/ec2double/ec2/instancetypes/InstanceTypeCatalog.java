package dev.ec2double.ec2.instancetypes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

  /** Read when a feature first asks for a type (the class is loaded then), not at server start. */
  private static final Map<String, InstanceTypeSpec> BY_NAME = load();

  private static final List<InstanceTypeSpec> ALL = List.copyOf(BY_NAME.values());

  private InstanceTypeCatalog() {}

  public static Optional<InstanceTypeSpec> find(String name) {
    return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
  }

  public static boolean exists(String name) {
    return find(name).isPresent();
  }

  /** Every type, in the order DescribeInstanceTypes lists them: by name. */
  public static List<InstanceTypeSpec> all() {
    return ALL;
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
        optionalDouble(r.text("clock_ghz")),
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
        r.list("usage_classes"),
        details(r));
  }

  private static InstanceTypeSpec.Details details(Row r) {
    return new InstanceTypeSpec.Details(
        r.bool("current_generation"),
        r.integers("valid_cores"),
        r.integers("valid_threads"),
        r.list("cpu_features"),
        r.bool("auto_recovery"),
        r.bool("hibernation"),
        r.list("root_device_types"),
        r.list("virtualization_types"),
        r.list("placement_strategies"),
        r.text("ebs_encryption"),
        r.text("ebs_attachment_limit"),
        r.optionalInteger("ebs_max_attachments"),
        ebsBandwidth(r.list("ebs_bandwidth")),
        storage(r.list("storage")),
        r.items("accelerators").stream().map(InstanceTypeCatalog::accelerator).toList(),
        r.items("network_cards").stream().map(InstanceTypeCatalog::networkCard).toList(),
        r.integer("default_card"),
        r.integer("ipv6_per_eni"),
        r.bool("ipv6_supported"),
        r.optionalInteger("efa_max"),
        r.bool("ena_srd"),
        r.text("flexible_ena_queues"),
        r.list("bandwidth_weightings"),
        r.text("nitro_enclaves"),
        r.text("nitro_tpm"),
        r.list("nitro_tpm_versions"),
        r.text("phc"),
        r.text("reboot_migration"));
  }

  private static InstanceTypeSpec.EbsBandwidth ebsBandwidth(List<String> p) {
    return p.isEmpty()
        ? null
        : new InstanceTypeSpec.EbsBandwidth(
            Integer.parseInt(p.get(0)),
            Integer.parseInt(p.get(1)),
            Double.parseDouble(p.get(2)),
            Integer.parseInt(p.get(3)),
            Integer.parseInt(p.get(4)),
            Double.parseDouble(p.get(5)));
  }

  private static InstanceTypeSpec.Storage storage(List<String> p) {
    return p.isEmpty()
        ? null
        : new InstanceTypeSpec.Storage(
            Integer.parseInt(p.get(0)), Long.parseLong(p.get(1)), p.get(2), p.get(3), p.get(4));
  }

  private static InstanceTypeSpec.Accelerator accelerator(String[] p) {
    return new InstanceTypeSpec.Accelerator(
        p[0],
        Integer.parseInt(p[1]),
        p[2],
        p[3],
        Long.parseLong(p[4]),
        optionalInt(p[5]),
        optionalInt(p[6]));
  }

  private static InstanceTypeSpec.NetworkCard networkCard(String[] p) {
    return new InstanceTypeSpec.NetworkCard(
        p[0], Integer.parseInt(p[1]), optionalDouble(p[2]), optionalDouble(p[3]));
  }

  private static Integer optionalInt(String v) {
    return v.isEmpty() ? null : Integer.valueOf(v);
  }

  private static Double optionalDouble(String v) {
    return v.isEmpty() ? null : Double.valueOf(v);
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

    /** A '|'-separated list; an empty cell is an empty list. */
    List<String> list(String column) {
      String v = text(column);
      return v.isEmpty() ? List.of() : List.of(v.split("\\|"));
    }

    List<Integer> integers(String column) {
      return list(column).stream().map(Integer::valueOf).toList();
    }

    Integer optionalInteger(String column) {
      return optionalInt(text(column));
    }

    /** A '|'-separated list of items whose parts are ';'-separated. */
    List<String[]> items(String column) {
      return list(column).stream().map(item -> item.split(";", -1)).toList();
    }
  }
}
