package dev.ec2double.docs;

import dev.ec2double.compute.MockBackend;
import dev.ec2double.server.Services;
import dev.ec2double.wire.Operation;
import dev.ec2double.wire.OperationRegistry;
import dev.ec2double.wire.Protocol;
import dev.ec2double.wire.SdkActions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code docs/operations.md}: every EC2, ELBv2 and STS action the SDK knows, and which of
 * them ec2-double implements, read from the same registry the server answers with.
 */
public final class OperationsTable {
  public static final String REGENERATE =
      "mvn -B -ntp -q -pl server -am process-classes -Pregenerate-operations";

  private OperationsTable() {}

  /** Writes the table to the file named by the first argument (default docs/operations.md). */
  public static void main(String[] args) throws IOException {
    Path target = Path.of(args.length > 0 ? args[0] : "docs/operations.md");
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.writeString(target, render(Services.registry(new MockBackend())), StandardCharsets.UTF_8);
    System.out.println("wrote " + target.toAbsolutePath().normalize());
  }

  public static String render(OperationRegistry registry) {
    StringBuilder md = new StringBuilder();
    md.append("# Supported operations\n\n")
        .append("Generated from the code by `dev.ec2double.docs.OperationsTable`; do not edit.")
        .append(" After adding an operation, regenerate it from the repository root with:\n\n")
        .append("```\n")
        .append(REGENERATE)
        .append("\n```\n\n")
        .append("Every action of the AWS SDK for Java v2 model on the server's classpath,")
        .append(" and whether ec2-double answers it.")
        .append(" An action it does not implement answers `UnsupportedOperation`.\n");
    section(md, "Amazon EC2", Protocol.EC2, registry);
    section(md, "Elastic Load Balancing v2", Protocol.QUERY, registry);
    section(md, "AWS Security Token Service", Protocol.STS, registry);
    section(md, "Amazon EC2 Auto Scaling", Protocol.AUTOSCALING, registry);
    return md.toString();
  }

  private static void section(
      StringBuilder md, String title, Protocol protocol, OperationRegistry registry) {
    Map<String, Class<?>> all = SdkActions.of(protocol);
    Map<String, Operation> implemented = registry.implemented(protocol);
    md.append("\n## ")
        .append(title)
        .append("\n\n")
        .append(implemented.size())
        .append(" of ")
        .append(all.size())
        .append(" actions implemented.\n\n")
        .append("| Action | Implemented | By |\n")
        .append("| --- | --- | --- |\n");
    for (String action : all.keySet()) {
      Operation op = implemented.get(action);
      md.append("| ")
          .append(action)
          .append(" | ")
          .append(op == null ? "no" : "yes")
          .append(" | ")
          .append(op == null ? "" : "`" + op.serviceMethod() + "`")
          .append(" |\n");
    }
  }
}
