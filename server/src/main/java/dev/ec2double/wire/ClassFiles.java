package dev.ec2double.wire;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The file names in one directory of the jar (or class directory) a class was loaded from. */
final class ClassFiles {
  private ClassFiles() {}

  /**
   * @param dir a directory inside the jar, with a trailing slash ({@code a/b/})
   * @return the names of the files directly in it, or none when the source cannot be read
   */
  static List<String> list(Class<?> from, String dir) {
    List<String> out = new ArrayList<>();
    try {
      var source = from.getProtectionDomain().getCodeSource();
      if (source == null) {
        return out;
      }
      Path path = Path.of(source.getLocation().toURI());
      if (Files.isDirectory(path)) {
        try (Stream<Path> files = Files.list(path.resolve(dir))) {
          files.forEach(f -> out.add(f.getFileName().toString()));
        }
        return out;
      }
      try (JarFile jar = new JarFile(path.toFile())) {
        for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
          String name = e.getName();
          if (name.startsWith(dir) && name.indexOf('/', dir.length()) < 0) {
            out.add(name.substring(dir.length()));
          }
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      out.clear(); // the caller falls back to looking at the classes themselves
    }
    return out;
  }
}
