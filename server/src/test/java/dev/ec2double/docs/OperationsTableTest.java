package dev.ec2double.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.MockBackend;
import dev.ec2double.server.Services;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OperationsTableTest {
  /** Surefire runs in the module directory; the docs live at the repository root. */
  private static final Path DOC = Path.of("..", "docs", "operations.md");

  @Test
  void docsOperationsMdMatchesWhatTheServerImplements() throws Exception {
    String expected = OperationsTable.render(Services.registry(new MockBackend()));

    String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";

    assertThat(actual)
        .as(
            "docs/operations.md is out of date with the operations the code implements."
                + " Regenerate it from the repository root with:\n  "
                + OperationsTable.REGENERATE
                + "\n")
        .isEqualTo(expected);
  }

  @Test
  void listsEveryActionAndMarksTheImplementedOnes() {
    String table = OperationsTable.render(Services.registry(new MockBackend()));

    assertThat(table)
        .contains(OperationsTable.REGENERATE)
        .contains("| DescribeRegions | yes | `RegionsService.describeRegions` |")
        .containsPattern("\\| [A-Za-z0-9]+ \\| no \\|  \\|")
        .contains("| EnableVolumeIO |")
        .contains("| DescribeSSLPolicies |")
        .contains("| CreateLoadBalancer |");
  }
}
