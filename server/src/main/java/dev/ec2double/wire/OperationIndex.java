package dev.ec2double.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of every service class, written by the build ({@code process-classes}) from the
 * same reflection the registry falls back to, so that a server can register its actions without
 * loading the SDK model classes in their signatures. Each service class is listed with the size of
 * its class file: a class compiled since (an IDE build that did not rewrite the index) no longer
 * matches and is read by reflection instead.
 */
public final class OperationIndex {
  /** The index's place on the class path. */
  public static final String RESOURCE = "dev/ec2double/wire/operations.idx";

  /** Set to {@code off} to register every service by reflection (the build does, to write it). */
  public static final String PROPERTY = "ec2double.operation-index";

  /** One operation: the service method and the classes of its signature, by name. */
  public record Entry(
      String serviceClass,
      long classSize,
      String method,
      String requestClass,
      String responseClass,
      Protocol protocol,
      String action) {

    String line() {
      return String.join(
          "\t",
          serviceClass,
          Long.toString(classSize),
          method,
          requestClass,
          responseClass,
          protocol.name(),
          action);
    }

    static Entry parse(String line) {
      String[] f = line.split("\t");
      return new Entry(f[0], Long.parseLong(f[1]), f[2], f[3], f[4], Protocol.valueOf(f[5]), f[6]);
    }
  }

  private static volatile Map<String, List<Entry>> byService;

  /**
   * Whether the index was read from a jar: the build wrote it with the classes it packed, so their
   * sizes are not looked up one by one (a connection per service class at start). An index in a
   * directory may be older than classes an IDE compiled since: those are checked.
   */
  private static volatile boolean inJar;

  private OperationIndex() {}

  /**
   * The indexed operations of this class, or null when the index does not have it as it is now (no
   * index, a class not in it, or a class file that changed since).
   */
  public static List<Entry> of(Class<?> serviceClass) {
    return of(serviceClass.getName(), serviceClass.getClassLoader());
  }

  /** The same by the class's name, without loading it. */
  public static List<Entry> of(String serviceClass, ClassLoader loader) {
    if ("off".equals(System.getProperty(PROPERTY)) || loader == null) {
      return null;
    }
    List<Entry> entries = load(loader).get(serviceClass);
    if (entries == null || entries.isEmpty()) {
      return null;
    }
    if (inJar) {
      return entries; // a jar's index was written by the build that compiled the jar's classes
    }
    URL file = loader.getResource(serviceClass.replace('.', '/') + ".class");
    return entries.get(0).classSize() == sizeOf(file) ? entries : null;
  }

  private static Map<String, List<Entry>> load(ClassLoader loader) {
    Map<String, List<Entry>> m = byService;
    if (m != null) {
      return m;
    }
    m = new HashMap<>();
    URL url = loader == null ? null : loader.getResource(RESOURCE);
    try (InputStream in = url == null ? null : url.openStream()) {
      if (in != null) {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (!line.isBlank() && !line.startsWith("#")) {
            Entry e = Entry.parse(line);
            m.computeIfAbsent(e.serviceClass(), k -> new ArrayList<>()).add(e);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      m = Map.of(); // unreadable: every service by reflection
    }
    inJar = url != null && url.getProtocol().equals("jar");
    byService = m;
    return m;
  }

  /** The size of the class file this class was loaded from, or -1 when it cannot be told. */
  static long classFileSize(Class<?> type) {
    String name = type.getName();
    return sizeOf(type.getResource(name.substring(name.lastIndexOf('.') + 1) + ".class"));
  }

  private static long sizeOf(URL url) {
    if (url == null) {
      return -1;
    }
    try {
      if (url.getProtocol().equals("file")) {
        // a directory (an IDE's or the reactor's classes): a file connection would format its
        // date headers too, for each of some 200 service classes at start
        return Files.size(Path.of(url.toURI()));
      }
      return url.openConnection().getContentLengthLong();
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return -1;
    }
  }

  /** Writes the index of a registry that was filled by reflection. */
  public static void write(OperationRegistry registry, Path target) {
    List<String> lines = new ArrayList<>();
    lines.add("# written by the build from the service classes (OperationIndex); do not edit");
    registry.all().stream()
        .map(OperationIndex::entryOf)
        .sorted(Comparator.comparing(Entry::serviceClass).thenComparing(Entry::action))
        .forEach(e -> lines.add(e.line()));
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.write(target, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Entry entryOf(Operation op) {
    Class<?> service = op.service().getClass();
    String method = op.serviceMethod().substring(op.serviceMethod().lastIndexOf('.') + 1);
    return new Entry(
        service.getName(),
        classFileSize(service),
        method,
        op.requestType().getName(),
        op.handler().type().returnType().getName(),
        op.protocol(),
        SdkActions.actionOf(op.requestType()));
  }
}
