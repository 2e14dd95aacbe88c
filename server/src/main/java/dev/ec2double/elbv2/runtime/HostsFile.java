package dev.ec2double.elbv2.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load balancers' DNS names in a hosts file ({@code --hosts-file}), so that clients that know
 * nothing of ec2-double resolve them: a JVM started with {@code -Djdk.net.hosts.file=FILE} (which
 * reads the file at every lookup, and only that file), or {@code /etc/hosts} for every program of
 * the machine. Each line this server writes ends with its own mark; other lines stay as they are. A
 * file that does not exist yet starts as a copy of {@code /etc/hosts}, so that a JVM reading only
 * it still resolves {@code localhost} and its own host name. Servers sharing the file take turns
 * through a lock file next to it.
 */
public final class HostsFile {
  private static final Logger LOG = LoggerFactory.getLogger(HostsFile.class);

  private final Path file;
  private final String mark;
  private final Map<String, String> names = new TreeMap<>();

  /**
   * @param file the hosts file, or null for none (every call is then a no-op)
   */
  public HostsFile(Path file, String serverId) {
    this.file = file;
    this.mark = "# ec2-double " + serverId;
  }

  public synchronized void put(String name, String address) {
    if (file != null && !address.equals(names.put(name, address))) {
      write();
    }
  }

  public synchronized void remove(String name) {
    if (file != null && names.remove(name) != null) {
      write();
    }
  }

  /** Takes this server's names out of the file (a reset, a stop). */
  public synchronized void clear() {
    if (file != null && !names.isEmpty()) {
      names.clear();
      write();
    }
  }

  private void write() {
    Path lock = file.resolveSibling("." + file.getFileName() + ".ec2double-lock");
    try (FileChannel ch =
            FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      List<String> lines = new ArrayList<>();
      Path source = Files.exists(file) ? file : Path.of("/etc/hosts");
      if (Files.isReadable(source)) {
        for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
          if (!line.endsWith(mark)) {
            lines.add(line);
          }
        }
      }
      names.forEach((name, address) -> lines.add(address + " " + name + " " + mark));
      byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
      replace(text);
    } catch (IOException e) {
      LOG.warn("cannot write the load balancers' names to {}: {}", file, e.toString());
    }
  }

  /** A new file moved over the old one, so readers never see half of it; in place otherwise. */
  private void replace(byte[] text) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".ec2double-new");
    Files.write(tmp, text);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (java.nio.file.FileSystemException busy) {
      // /etc/hosts in a container is a mount point: it can only be written in place
      Files.deleteIfExists(tmp);
      Files.write(file, text);
    }
  }
}
