package dev.ec2double.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists every option, with its flag, property, variable. */
class OptionTableTest {
  @Test
  void readmeHasARowForEveryOption() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));

    for (Option o : Option.values()) {
      String defaultCell = o.defaultValue().isEmpty() ? "(none)" : "`" + o.defaultValue() + "`";
      assertThat(readme)
          .as("README row for %s", o.flag())
          .contains(
              "| `"
                  + o.flag()
                  + "` | `"
                  + o.property()
                  + "` | `"
                  + o.env()
                  + "` | "
                  + defaultCell
                  + " | "
                  + o.description()
                  + " |");
    }
  }
}
