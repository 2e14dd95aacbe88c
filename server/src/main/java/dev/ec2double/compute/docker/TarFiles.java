package dev.ec2double.compute.docker;

import dev.ec2double.compute.MachineSpec.BootFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Packs boot files into a tar stream for the engine's copy-into-container call. */
final class TarFiles {
  private TarFiles() {}

  static byte[] pack(Map<String, BootFile> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      Set<String> dirs = new HashSet<>();
      for (Map.Entry<String, BootFile> e : files.entrySet()) {
        String path = e.getKey().replaceFirst("^/+", "");
        int slash = path.indexOf('/');
        while (slash > 0) {
          String dir = path.substring(0, slash + 1);
          if (dirs.add(dir)) {
            TarArchiveEntry d = new TarArchiveEntry(dir);
            d.setMode(040755);
            tar.putArchiveEntry(d);
            tar.closeArchiveEntry();
          }
          slash = path.indexOf('/', slash + 1);
        }
        TarArchiveEntry entry = new TarArchiveEntry(path);
        entry.setSize(e.getValue().content().length);
        entry.setMode(0100000 | e.getValue().mode());
        tar.putArchiveEntry(entry);
        tar.write(e.getValue().content());
        tar.closeArchiveEntry();
      }
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
