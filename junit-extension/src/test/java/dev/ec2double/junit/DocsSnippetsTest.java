package dev.ec2double.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the code in {@code docs/} equal to compiled, tested code. A doc says where a block comes
 * from with {@code <!-- snippet: path/to/File.java#name -->} right above a fenced block; the source
 * marks the lines with {@code // tag::name[]} and {@code // end::name[]} ({@code #} in a
 * Dockerfile, {@code <!-- -->} in XML). {@code python3 docs/update-snippets.py} rewrites the blocks
 * after a source changed.
 */
class DocsSnippetsTest {
  private static final Path REPO = Path.of(System.getProperty("ec2double.repo", "..")).normalize();
  private static final Pattern SNIPPET =
      Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->\\s*\\n```\\w*\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyUserGuideShowsCompiledCode() throws IOException {
    for (String doc :
        List.of("junit5.md", "testcontainers.md", "docker-image.md", "spring-boot.md")) {
      assertThat(snippets(REPO.resolve("docs").resolve(doc))).as(doc).isNotEmpty();
    }
  }

  @TestFactory
  Stream<DynamicTest> snippetsInTheDocsMatchTheirSources() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> docs = Files.list(REPO.resolve("docs"))) {
      for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        for (Snippet s : snippets(doc)) {
          tests.add(
              DynamicTest.dynamicTest(
                  doc.getFileName() + ": " + s.source + "#" + s.tag,
                  () ->
                      assertThat(s.code)
                          .as("the block in %s under %s#%s", doc, s.source, s.tag)
                          .isEqualTo(region(REPO.resolve(s.source), s.tag))));
        }
      }
    }
    return tests.stream();
  }

  private record Snippet(String source, String tag, String code) {}

  private static List<Snippet> snippets(Path doc) throws IOException {
    Matcher m = SNIPPET.matcher(Files.readString(doc));
    List<Snippet> found = new ArrayList<>();
    while (m.find()) {
      found.add(new Snippet(m.group(1), m.group(2), m.group(3)));
    }
    return found;
  }

  /** The lines between the tag's markers, less their common indentation. */
  static String region(Path source, String tag) throws IOException {
    List<String> lines = Files.readAllLines(source);
    int start = indexOf(lines, "tag::" + tag + "[]", source);
    int end = indexOf(lines, "end::" + tag + "[]", source);
    List<String> body = lines.subList(start + 1, end);
    int indent =
        body.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return body.stream()
        .map(l -> l.isBlank() ? "" : l.substring(indent))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private static int indexOf(List<String> lines, String marker, Path source) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.equals("// " + marker)
          || line.equals("# " + marker)
          || line.equals("<!-- " + marker + " -->")) {
        return i;
      }
    }
    throw new AssertionError(source + " has no line " + marker);
  }
}
