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
    Pages.Page<Integer> page = Pages.page("DescribeVpcs", TEN, null, null);

    assertThat(page.items()).isEqualTo(TEN);
    assertThat(page.nextToken()).isNull();
  }

  @Test
  void walksAllItemsOnceInOrderByNextToken() {
    List<Integer> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Pages.Page<Integer> page = Pages.page("DescribeVolumesModifications", TEN, 4, token);
      seen.addAll(page.items());
      token = page.nextToken();
      pages++;
    } while (token != null);

    assertThat(seen).isEqualTo(TEN);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void hasNoNextTokenWhenThePageEndsExactly() {
    assertThat(Pages.page("DescribeVpcs", TEN, 10, null).nextToken()).isNull();
    assertThat(Pages.page("DescribeVpcs", List.of(), 5, null).items()).isEmpty();
  }

  @Test
  void rejectsMaxResultsOutsideTheApisRange() {
    assertThatThrownBy(() -> Pages.page("DescribeVpcs", TEN, 4, null))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("InvalidParameterValue");
              assertThat(e.getMessage()).contains("between 5 and 1000");
            });
    assertThatThrownBy(() -> Pages.page("DescribeVpcs", TEN, 1001, null))
        .isInstanceOf(AwsException.class);
  }

  @Test
  void rejectsATokenFromAnotherCallOrNotOursAtAll() {
    String token = Pages.page("DescribeInstances", TEN, 5, null).nextToken();

    for (String bad : new String[] {token + "x", "!!!", "bm90OnVz", "eDotMQ"}) {
      assertThatThrownBy(() -> Pages.page("DescribeVolumes", TEN, 5, bad))
          .as(bad)
          .isInstanceOfSatisfying(
              AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidPaginationToken"));
    }
    assertThatThrownBy(() -> Pages.page("DescribeVolumes", TEN, 5, token))
        .isInstanceOf(AwsException.class);
  }

  private static final List<Integer> MANY = IntStream.range(0, 1200).boxed().toList();

  @Test
  void describeVolumesAnswersAtMost500ForALargerMaxResults() {
    // what `aws ec2 describe-volumes` sends on its own
    Pages.Page<Integer> page = Pages.page("DescribeVolumes", MANY, 1000, null);

    assertThat(page.items()).isEqualTo(MANY.subList(0, 500));
    Pages.Page<Integer> next = Pages.page("DescribeVolumes", MANY, 1000, page.nextToken());
    assertThat(next.items()).isEqualTo(MANY.subList(500, 1000));
    assertThat(Pages.page("DescribeVolumes", MANY, 1000, next.nextToken()).nextToken()).isNull();
    assertThatThrownBy(() -> Pages.page("DescribeVolumes", MANY, 4, null))
        .hasMessageContaining("Expecting a value between 5 and 500");
  }

  @Test
  void actionsThatCapAndActionsThatRefuseFollowTheirReference() {
    assertThat(Pages.page("DescribeSnapshots", MANY, 5000, null).items()).hasSize(1000);
    assertThat(Pages.page("DescribeVolumeStatus", MANY, 1001, null).items()).hasSize(1000);
    assertThat(Pages.page("DescribeVolumesModifications", MANY, 501, null).items()).hasSize(500);
    assertThat(Pages.page("DescribeVolumesModifications", MANY, 1, null).items()).hasSize(1);
    assertThatThrownBy(() -> Pages.page("DescribeInstances", MANY, 1001, null))
        .hasMessageContaining("Expecting a value between 5 and 1000");
    assertThatThrownBy(() -> Pages.page("DescribeRouteTables", MANY, 101, null))
        .hasMessageContaining("Expecting a value between 5 and 100");
    assertThat(Pages.page("DescribeVpcs", MANY, null, null).items()).hasSize(1200);
  }

  @Test
  void someActionsPageWithoutMaxResults() {
    Pages.Page<Integer> page = Pages.page("DescribeInstanceTypes", MANY, null, null);
    assertThat(page.items()).hasSize(100);
    assertThat(page.nextToken()).isNotNull();
  }

  @Test
  void anActionWithoutMaxResultsAnswersEverythingAndOneTheTableShouldKnowIsAnError() {
    // DescribeKeyPairs has no MaxResults: its kind answers all at once
    assertThat(Pages.page("DescribeKeyPairs", TEN, null, null).items()).isEqualTo(TEN);
    assertThatThrownBy(() -> Pages.page("DescribeNothing", TEN, 5, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PageLimits states nothing for DescribeNothing");
  }
}
