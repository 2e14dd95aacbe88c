package dev.ec2double.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docs/benchmarks.md as sections, each from its {@code ## } heading to the next: a run of some
 * sections replaces those and keeps the rest.
 */
final class Sections {
  private Sections() {}

  /** The text from the first {@code ## } heading on (the header before it is written anew). */
  static String body(String file) {
    int at = file.startsWith("## ") ? 0 : file.indexOf("\n## ");
    return at < 0 ? "" : file.substring(at);
  }

  /**
   * {@code old} with each of {@code measured}'s sections in place of the one of the same heading,
   * and those it did not have at the end.
   */
  static String merge(String old, String measured) {
    Map<String, String> fresh = split(measured);
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : split(old).entrySet()) {
      String replaced = fresh.remove(e.getKey());
      out.append(replaced != null ? replaced : e.getValue());
    }
    fresh.values().forEach(out::append);
    return out.toString();
  }

  /** Heading line → the section's text (its leading blank lines and heading included). */
  private static Map<String, String> split(String text) {
    Map<String, String> sections = new LinkedHashMap<>();
    List<Integer> starts = new ArrayList<>();
    for (int i = text.startsWith("## ") ? 0 : text.indexOf("\n## ");
        i >= 0;
        i = text.indexOf("\n## ", i + 1)) {
      starts.add(i);
    }
    for (int k = 0; k < starts.size(); k++) {
      int from = starts.get(k);
      int to = k + 1 < starts.size() ? starts.get(k + 1) : text.length();
      String section = text.substring(from, to);
      String heading = section.strip().lines().findFirst().orElse("");
      sections.put(heading, section);
    }
    return sections;
  }
}
