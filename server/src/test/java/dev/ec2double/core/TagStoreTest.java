package dev.ec2double.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Tag;

class TagStoreTest {
  private final TagStore store = new TagStore();

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  @Test
  void addsAndOverwritesTagsInOrderOfFirstUse() {
    store.add(List.of("i-1", "i-2"), List.of(tag("Name", "a"), tag("env", "dev")));
    store.add(List.of("i-1"), List.of(tag("Name", "b"), tag("flag", null)));

    assertThat(store.get("i-1"))
        .containsExactly(Map.entry("Name", "b"), Map.entry("env", "dev"), Map.entry("flag", ""));
    assertThat(store.get("i-2")).containsExactly(Map.entry("Name", "a"), Map.entry("env", "dev"));
    assertThat(store.sdkTags("i-1")).extracting(Tag::key).containsExactly("Name", "env", "flag");
    assertThat(store.get("i-9")).isEmpty();
  }

  @Test
  void removesByKeyOrByMatchingValueOrAll() {
    store.add(List.of("i-1"), List.of(tag("a", "1"), tag("b", "2"), tag("c", "3")));

    store.remove("i-1", List.of(tag("a", null), tag("b", "other")), false);
    assertThat(store.get("i-1")).containsOnlyKeys("b", "c");

    store.remove("i-1", List.of(tag("b", "2")), false);
    assertThat(store.get("i-1")).containsOnlyKeys("c");

    store.remove("i-1", List.of(), true);
    assertThat(store.get("i-1")).isEmpty();
    assertThat(store.all()).doesNotContainKey("i-1");
  }

  @Test
  void dropsADeletedResourcesTags() {
    store.add(List.of("i-1"), List.of(tag("a", "1")));

    store.drop("i-1");

    assertThat(store.get("i-1")).isEmpty();
  }

  @Test
  void rejectsBadTagsBeforeStoringAny() {
    store.add(List.of("i-1"), List.of(tag("keep", "1")));

    assertRejected(List.of(tag("ok", "1"), tag("", "x")), "InvalidParameterValue", "empty");
    assertRejected(List.of(tag("k".repeat(129), "x")), "InvalidParameterValue", "128");
    assertRejected(List.of(tag("AWS:thing", "x")), "InvalidParameterValue", "aws:");
    assertRejected(List.of(tag("v", "x".repeat(257))), "InvalidParameterValue", "256");

    assertThat(store.get("i-1")).containsExactly(Map.entry("keep", "1"));
  }

  @Test
  void acceptsFiftyTagsAndRejectsTheFiftyFirstOnAnyResourceAllOrNothing() {
    List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList();
    store.add(List.of("i-1"), fifty);
    store.add(List.of("i-2"), List.of(tag("x", "1")));

    assertThatThrownBy(() -> store.add(List.of("i-2", "i-1"), List.of(tag("new", "1"))))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("TagLimitExceeded");
              assertThat(e.getMessage()).contains("i-1");
            });
    assertThat(store.get("i-2")).containsOnlyKeys("x");
    assertThat(store.get("i-1")).hasSize(50);
  }

  private void assertRejected(List<Tag> tags, String code, String messagePart) {
    assertThatThrownBy(() -> store.add(List.of("i-1"), tags))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).contains(messagePart);
            });
  }
}
