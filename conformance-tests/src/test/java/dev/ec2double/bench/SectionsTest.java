package dev.ec2double.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A run of some benchmark sections keeps the file's other sections where they were. */
class SectionsTest {
  private static final String FILE =
      "# Benchmarks\n\nold header\n\n## A\n\na figures\n\n## B\n\nb figures\n\n## C\n\nc figures\n";

  @Test
  void theHeaderIsLeftOutOfTheBody() {
    assertThat(Sections.body(FILE)).startsWith("\n## A\n").doesNotContain("old header");
  }

  @Test
  void aMeasuredSectionReplacesItsNamesakeInPlaceAndANewOneComesLast() {
    String merged = Sections.merge(Sections.body(FILE), "\n## B\n\nnew b\n\n## D\n\nd figures\n");
    assertThat(merged)
        .isEqualTo(
            "\n## A\n\na figures\n\n## B\n\nnew b\n\n## C\n\nc figures\n\n## D\n\nd figures\n");
  }
}
