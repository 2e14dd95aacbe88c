package dev.ec2double.persist;

import dev.ec2double.core.StateStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The saved state: a header line, then the {@link StateStore} graph in Java serialization. Written
 * to a temporary file and renamed over the old one, so a reader sees the old state or the new,
 * never half of one. Reading only admits the classes state is made of (ours, the JDK's, the AWS SDK
 * model's).
 */
public final class StateFile {
  static final String NAME = "state.bin";
  private static final byte[] MAGIC = "ec2-double state 1\n".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectInputFilter ALLOWED =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=2000;dev.ec2double.**;java.**;software.amazon.awssdk.**;!*");

  private StateFile() {}

  /** The state as bytes; throws {@link java.util.ConcurrentModificationException} to retry. */
  static byte[] encode(StateStore store) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    bytes.write(MAGIC);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(store);
    }
    return bytes.toByteArray();
  }

  static StateStore decode(byte[] data, Path from) {
    if (data.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(data, MAGIC.length), MAGIC)) {
      throw unreadable(from, "it is not an ec2-double state file");
    }
    try (ObjectInputStream in =
        new ObjectInputStream(
            new ByteArrayInputStream(data, MAGIC.length, data.length - MAGIC.length))) {
      in.setObjectInputFilter(ALLOWED);
      Object o = in.readObject();
      if (!(o instanceof StateStore s)) {
        throw unreadable(from, "it holds " + o.getClass().getName());
      }
      return s;
    } catch (InvalidClassException e) {
      if (String.valueOf(e.getMessage()).contains("REJECTED")) {
        throw unreadable(from, "it holds objects that are not ec2-double state (" + e + ")");
      }
      throw unreadable(
          from,
          "it was written by a build of ec2-double whose state classes differ from this one's ("
              + e.getMessage()
              + ")");
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw unreadable(from, "it is damaged (" + e + ")");
    }
  }

  static IllegalStateException unreadable(Path file, String why) {
    return new IllegalStateException(
        "cannot read the saved state "
            + file
            + ": "
            + why
            + ". The server does not start rather than lose that state: move the state directory"
            + " away (or delete it) to start empty.");
  }

  /** Reads the state, or null when none was saved yet. */
  public static StateStore read(Path dir) {
    Path file = dir.resolve(NAME);
    if (!Files.exists(file)) {
      return null;
    }
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (IOException e) {
      throw unreadable(file, "it cannot be read (" + e + ")");
    }
    return decode(data, file);
  }

  /** Replaces the saved state in one rename; the new file is on disk before it. */
  static void write(Path dir, byte[] data) throws IOException {
    Path tmp = dir.resolve(NAME + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(data));
      ch.force(false);
    }
    try {
      Files.move(
          tmp,
          dir.resolve(NAME),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
