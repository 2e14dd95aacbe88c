package dev.ec2double.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagesTest {
  private static final List<Integer> TEN = IntStream.range(0, 10).boxed().toList();

  @Test
  void returnsEverythingWithoutMaxResults() {
    Pages.Page<Integer> page = Pages.page("x", TEN, null, null, 5, 1000);

    assertThat(page.items()).isEqualTo(TEN);
    assertThat(page.nextToken()).isNull();
  }

  @Test
  void walksAllItemsOnceInOrderByNextToken() {
    List<Integer> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Pages.Page<Integer> page = Pages.page("x", TEN, 4, token, 1, 1000);
      seen.addAll(page.items());
      token = page.nextToken();
      pages++;
    } while (token != null);

    assertThat(seen).isEqualTo(TEN);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void hasNoNextTokenWhenThePageEndsExactly() {
    assertThat(Pages.page("x", TEN, 10, null, 5, 1000).nextToken()).isNull();
    assertThat(Pages.page("x", List.of(), 5, null, 5, 1000).items()).isEmpty();
  }

  @Test
  void rejectsMaxResultsOutsideTheApisRange() {
    assertThatThrownBy(() -> Pages.page("x", TEN, 4, null, 5, 1000))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("InvalidParameterValue");
              assertThat(e.getMessage()).contains("between 5 and 1000");
            });
    assertThatThrownBy(() -> Pages.page("x", TEN, 1001, null, 5, 1000))
        .isInstanceOf(AwsException.class);
  }

  @Test
  void rejectsATokenFromAnotherCallOrNotOursAtAll() {
    String token = Pages.page("DescribeInstances", TEN, 5, null, 5, 1000).nextToken();

    for (String bad : new String[] {token + "x", "!!!", "bm90OnVz", "eDotMQ"}) {
      assertThatThrownBy(() -> Pages.page("DescribeVolumes", TEN, 5, bad, 5, 1000))
          .as(bad)
          .isInstanceOfSatisfying(
              AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidPaginationToken"));
    }
    assertThatThrownBy(() -> Pages.page("DescribeVolumes", TEN, 5, token, 5, 1000))
        .isInstanceOf(AwsException.class);
  }
}
