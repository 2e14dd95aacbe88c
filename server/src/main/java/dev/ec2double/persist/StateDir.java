package dev.ec2double.persist;

import dev.ec2double.compute.Labels;
import dev.ec2double.core.Ids;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A state directory ({@code --state-dir}): the saved state, the server identity that the labels of
 * everything it made on the engine carry (stable across restarts, unlike a process), and a lock
 * that keeps a second server from using the same directory at the same time.
 */
public final class StateDir implements AutoCloseable {
  static final String IDENTITY = Labels.STATE_DIR_IDENTITY;
  private static final String LOCK = "lock";

  private final Path dir;
  private final String serverId;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private StateDir(Path dir, String serverId, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.serverId = serverId;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Opens (or makes) the directory and takes its lock; fails when another server holds it. */
  public static StateDir open(String path) {
    Path dir = Path.of(path).toAbsolutePath().normalize();
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel =
          FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new IllegalStateException(
            "the state directory " + dir + " is in use by another ec2-double server");
      }
      return new StateDir(dir, identity(dir), channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new IllegalStateException("cannot use the state directory " + dir + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** The directory's server id: made on first use, then the same on every start. */
  private static String identity(Path dir) throws IOException {
    Path file = dir.resolve(IDENTITY);
    if (Files.exists(file)) {
      String id = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (!id.matches("srv-[0-9a-f]{17}")) {
        throw new IllegalStateException(
            "the state directory's identity file "
                + file
                + " is damaged ('"
                + id
                + "'); move the state directory away to start empty");
      }
      return id;
    }
    String id = Ids.next("srv");
    Path tmp = dir.resolve(IDENTITY + ".tmp");
    Files.writeString(tmp, id + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return id;
  }

  public Path path() {
    return dir;
  }

  public String serverId() {
    return serverId;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the channel's close releases it too
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }
  }
}
