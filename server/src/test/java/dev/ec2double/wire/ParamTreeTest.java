package dev.ec2double.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamTreeTest {
  @Test
  void splitsDottedNamesIntoAPath() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Filter.1.Name", "tag:Name");
    params.put("Filter.1.Value.2", "b");
    params.put("Filter.1.Value.1", "a");
    params.put("Action", "DescribeInstances");

    ParamTree root = ParamTree.of(params);

    assertThat(root.children().keySet()).containsExactly("Filter", "Action");
    assertThat(root.child("Action").value()).isEqualTo("DescribeInstances");
    ParamTree filter = root.child("Filter").child("1");
    assertThat(filter.child("Name").value()).isEqualTo("tag:Name");
    assertThat(filter.child("Value").children().keySet()).containsExactly("2", "1");
    assertThat(filter.child("Value").child("1").value()).isEqualTo("a");
    assertThat(filter.value()).isNull();
  }

  @Test
  void keepsAValueAndChildrenOnTheSameNode() {
    ParamTree root = ParamTree.of(Map.of("Names", "", "Names.member.1", "x"));

    assertThat(root.child("Names").value()).isEmpty();
    assertThat(root.child("Names").child("member").child("1").value()).isEqualTo("x");
  }

  @Test
  void keepsEmptySegmentsAsNamesRatherThanFailing() {
    ParamTree root = ParamTree.of(Map.of("a..b", "1", ".", "2"));

    assertThat(root.child("a").child("").child("b").value()).isEqualTo("1");
    assertThat(root.child("").child("").value()).isEqualTo("2");
  }

  @Test
  void hasNoChildrenWhenEmpty() {
    ParamTree root = ParamTree.of(Map.of());

    assertThat(root.children()).isEmpty();
    assertThat(root.child("x")).isNull();
    assertThat(root.value()).isNull();
  }

  @Test
  void acceptsSixteenLevelsAndRejectsDeeperNesting() {
    String sixteen = "a" + ".a".repeat(15);
    assertThat(ParamTree.of(Map.of(sixteen, "v")).child("a")).isNotNull();

    assertThatThrownBy(() -> ParamTree.of(Map.of(sixteen + ".a", "v")))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("InvalidParameterValue");
              assertThat(e.getMessage()).contains("deeper than 16");
            });
  }
}
