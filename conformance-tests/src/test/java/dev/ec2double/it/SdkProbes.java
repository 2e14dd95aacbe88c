package dev.ec2double.it;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A small program of the test classes that runs inside an instance of the local JRE image: its
 * class and the SDK jars it needs from the test classpath, in a directory to copy into the instance
 * ({@code docker cp} to {@code /opt}), run with {@code java -cp /opt/NAME/*:/opt/NAME/classes}.
 */
public final class SdkProbes {
  private SdkProbes() {}

  /** A directory named {@code name} with the probe's class and every classpath jar matching. */
  public static Path directory(String name, Class<?> probe, Pattern jars)
      throws IOException, URISyntaxException {
    Path dir = Files.createTempDirectory("ec2double-probe").resolve(name);
    Path classes = Path.of(probe.getProtectionDomain().getCodeSource().getLocation().toURI());
    String classFile = probe.getName().replace('.', '/') + ".class";
    Path target = dir.resolve("classes").resolve(classFile);
    Files.createDirectories(target.getParent());
    Files.copy(classes.resolve(classFile), target);
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (jars.matcher(entry).matches()) {
        Path jar = Path.of(entry);
        Files.copy(jar, dir.resolve(jar.getFileName()));
      }
    }
    return dir;
  }

  /** Removes what {@link #directory} made. */
  public static void delete(Path directory) throws IOException {
    if (directory == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory.getParent())) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
