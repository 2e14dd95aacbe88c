package dev.ec2double.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;

class FilterSpecTest {
  record Thing(String id, String state, List<String> groups, Map<String, String> tags) {}

  private static final Thing WEB =
      new Thing("i-1", "running", List.of("sg-a", "sg-b"), Map.of("Name", "web", "env", "prod"));
  private static final Thing DB = new Thing("i-2", "stopped", List.of(), Map.of("Name", "db"));
  private static final Thing BARE = new Thing("i-3", null, List.of("sg-c"), Map.of());

  private final FilterSpec<Thing> spec =
      FilterSpec.<Thing>of()
          .field("instance-id", Thing::id)
          .field("instance-state-name", Thing::state)
          .multi("group-id", Thing::groups)
          .tags(Thing::tags);

  private List<Thing> select(Filter... filters) {
    Predicate<Thing> p = spec.compile(List.of(filters));
    return List.of(WEB, DB, BARE).stream().filter(p).toList();
  }

  private static Filter f(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  @Test
  void matchesEverythingWithoutFilters() {
    assertThat(List.of(WEB, DB, BARE).stream().filter(spec.compile(null))).hasSize(3);
    assertThat(select()).hasSize(3);
  }

  @Test
  void orsTheValuesOfOneFilterAndAndsFilters() {
    assertThat(select(f("instance-state-name", "running", "stopped"))).containsExactly(WEB, DB);
    assertThat(select(f("instance-state-name", "running", "stopped"), f("instance-id", "i-2")))
        .containsExactly(DB);
  }

  @Test
  void matchesAnyOfAMultiValuedFieldWithWildcards() {
    assertThat(select(f("group-id", "sg-?"))).containsExactly(WEB, BARE);
    assertThat(select(f("group-id", "sg-b"))).containsExactly(WEB);
  }

  @Test
  void neverMatchesAFieldThatHasNoValue() {
    assertThat(select(f("instance-state-name", "*"))).containsExactly(WEB, DB);
  }

  @Test
  void filtersByTagKeyValueAndPair() {
    assertThat(select(f("tag:Name", "web", "db"))).containsExactly(WEB, DB);
    assertThat(select(f("tag:env", "*"))).containsExactly(WEB);
    assertThat(select(f("tag-key", "env"))).containsExactly(WEB);
    assertThat(select(f("tag-value", "d*"))).containsExactly(DB);
  }

  @Test
  void aFilterWithNoValuesMatchesNothing() {
    assertThat(select(f("instance-id"))).isEmpty();
  }

  @Test
  void rejectsAnUnknownFilterNameWithInvalidParameterValue() {
    assertThatThrownBy(() -> select(f("colour", "red")))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("InvalidParameterValue");
              assertThat(e.getMessage()).contains("colour");
            });
    FilterSpec<Thing> untagged = FilterSpec.<Thing>of().field("instance-id", Thing::id);
    assertThatThrownBy(() -> untagged.compile(List.of(f("tag:Name", "x"))))
        .isInstanceOf(AwsException.class);
  }

  @Test
  void rejectsAFilterWithoutAName() {
    assertThatThrownBy(() -> select(Filter.builder().values("x").build()))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("MissingParameter"));
  }
}
