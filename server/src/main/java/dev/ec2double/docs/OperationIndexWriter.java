package dev.ec2double.docs;

import dev.ec2double.compute.MockBackend;
import dev.ec2double.server.Services;
import dev.ec2double.wire.OperationIndex;
import java.nio.file.Path;

/**
 * Writes the operation index into the build's classes ({@code process-classes}): the registry
 * filled by reflection, as the server would fill it without an index.
 */
public final class OperationIndexWriter {
  private OperationIndexWriter() {}

  /** Writes the index under the class directory named by the first argument. */
  public static void main(String[] args) {
    System.setProperty(OperationIndex.PROPERTY, "off");
    Path target = Path.of(args[0]).resolve(OperationIndex.RESOURCE);
    OperationIndex.write(Services.registry(new MockBackend()), target);
    System.out.println("wrote " + target);
  }
}
