package dev.ec2double.compute.docker;

import dev.ec2double.compute.BootScript;
import dev.ec2double.compute.MachineSpec.BootFile;

/**
 * How the Docker backend gets a machine's boot files in: in environment variables of the container,
 * which its first process writes out before it runs the {@link BootScript}.
 */
final class BootFiles {
  /** The environment variables that carry the boot files into the machine. */
  static final String VARIABLE = "EC2DOUBLE_FILE_";

  /**
   * What the machine runs first: writes the boot files carried by {@code EC2DOUBLE_FILE_n}
   * variables ({@code mode:path:base64}), drops the variables, then runs the boot script. Carrying
   * the files this way costs nothing at launch, where copying them in took a round trip to the
   * engine (see docs/benchmarks.md).
   */
  static final String UNPACK =
      """
      for v in $(env | sed -n 's/^\\(EC2DOUBLE_FILE_[0-9]*\\)=.*/\\1/p'); do
        eval "f=\\$$v"; unset "$v"
        mode=${f%%%%:*}; f=${f#*:}; path=${f%%%%:*}; data=${f#*:}
        mkdir -p "${path%%/*}"
        printf '%%s' "$data" | base64 -d > "$path" && chmod "$mode" "$path"
      done
      exec %1$s "$@"
      """;

  /** The command that unpacks the files and boots, for {@code sh -c}. */
  static String unpackCommand() {
    return String.format(UNPACK, BootScript.PATH);
  }

  /** The variables carrying the files. */
  static java.util.List<String> fileVariables(java.util.Map<String, BootFile> files) {
    java.util.List<String> env = new java.util.ArrayList<>();
    int i = 0;
    for (java.util.Map.Entry<String, BootFile> e : files.entrySet()) {
      env.add(
          VARIABLE
              + (i++)
              + "="
              + Integer.toOctalString(e.getValue().mode())
              + ":"
              + e.getKey()
              + ":"
              + java.util.Base64.getEncoder().encodeToString(e.getValue().content()));
    }
    return env;
  }

  /** The files as a tar archive rooted at {@code /}, for the engine's copy into a container. */
  static byte[] tar(java.util.Map<String, BootFile> files) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(
          org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX);
      for (java.util.Map.Entry<String, BootFile> e : files.entrySet()) {
        var entry =
            new org.apache.commons.compress.archivers.tar.TarArchiveEntry(
                e.getKey().replaceFirst("^/+", ""));
        entry.setSize(e.getValue().content().length);
        entry.setMode(e.getValue().mode());
        tar.putArchiveEntry(entry);
        tar.write(e.getValue().content());
        tar.closeArchiveEntry();
      }
      tar.finish();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private BootFiles() {}
}
