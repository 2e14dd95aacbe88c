package dev.ec2double.it;

import static dev.ec2double.it.KeyPairsIT.assertAwsError;
import static dev.ec2double.it.KeyPairsIT.filter;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** CreateTags, DeleteTags and DescribeTags through the SDK, on key pairs. */
class TagsIT {
  private static final String MISSING_KEY_PAIR = "key-0000000000000000f";
  private static Ec2Client ec2;
  private String name;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @BeforeEach
  void name(TestInfo test) {
    name = "TagsIT-" + test.getTestMethod().orElseThrow().getName();
  }

  @Test
  void tagsAResourceAndDescribesItsTagsInOrder() {
    String id = keyPair("");

    ec2.createTags(r -> r.resources(id).tags(tag("b", "2"), tag("a", "1"), tag("c", null)));

    assertThat(describe(filter("resource-id", id)).tags())
        .extracting(
            TagDescription::resourceId,
            TagDescription::resourceType,
            TagDescription::key,
            TagDescription::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(id, ResourceType.KEY_PAIR, "a", "1"),
            org.assertj.core.groups.Tuple.tuple(id, ResourceType.KEY_PAIR, "b", "2"),
            org.assertj.core.groups.Tuple.tuple(id, ResourceType.KEY_PAIR, "c", ""));
  }

  @Test
  void overwritesTheValueOfAnExistingKey() {
    String id = keyPair("");
    ec2.createTags(r -> r.resources(id).tags(tag("env", "dev")));

    ec2.createTags(r -> r.resources(id).tags(tag("env", "prod")));

    assertThat(values(filter("resource-id", id))).containsExactly("env=prod");
  }

  @Test
  void changesNothingWhenOneResourceDoesNotExist() {
    String id = keyPair("");

    assertAwsError(
        () -> ec2.createTags(r -> r.resources(id, MISSING_KEY_PAIR).tags(tag("k", "v"))),
        "InvalidKeyPairID.NotFound",
        null);
    assertAwsError(
        () -> ec2.createTags(r -> r.resources(id, "not-an-id").tags(tag("k", "v"))),
        "InvalidID",
        "The ID 'not-an-id' is not valid");
    assertThat(describe(filter("resource-id", id)).tags()).isEmpty();
  }

  @Test
  void refusesCallsWithoutResourcesOrTags() {
    String id = keyPair("");

    assertAwsError(() -> ec2.createTags(r -> r.tags(tag("k", "v"))), "MissingParameter", null);
    assertAwsError(() -> ec2.createTags(r -> r.resources(id)), "MissingParameter", null);
    assertAwsError(() -> ec2.deleteTags(r -> r.tags(tag("k", null))), "MissingParameter", null);
    assertAwsError(
        () -> ec2.createTags(r -> r.resources(id).tags(tag("aws:x", "v"))),
        "InvalidParameterValue",
        null);
  }

  @Test
  void refusesMoreThanFiftyTagsOnOneResource() {
    String id = keyPair("");
    List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList();
    ec2.createTags(r -> r.resources(id).tags(fifty));

    assertAwsError(
        () -> ec2.createTags(r -> r.resources(id).tags(tag("one-more", "v"))),
        "TagLimitExceeded",
        null);
  }

  @Test
  void deletesTagsByKeyByKeyAndValueOrAll() {
    String id = keyPair("");
    ec2.createTags(
        r -> r.resources(id).tags(tag("a", "1"), tag("b", "2"), tag("c", ""), tag("d", "4")));

    ec2.deleteTags(r -> r.resources(id).tags(tag("a", null))); // any value
    ec2.deleteTags(r -> r.resources(id).tags(tag("b", "other"))); // value differs: kept
    ec2.deleteTags(r -> r.resources(id).tags(tag("c", ""))); // empty value matches

    assertThat(values(filter("resource-id", id))).containsExactly("b=2", "d=4");

    ec2.deleteTags(r -> r.resources(id));

    assertThat(describe(filter("resource-id", id)).tags()).isEmpty();
    assertAwsError(
        () -> ec2.deleteTags(r -> r.resources(MISSING_KEY_PAIR)),
        "InvalidKeyPairID.NotFound",
        null);
  }

  @Test
  void filtersByKeyValueResourceTypeAndTag() {
    String a = keyPair("-a");
    String b = keyPair("-b");
    ec2.createTags(r -> r.resources(a, b).tags(tag(name, "shared")));
    ec2.createTags(r -> r.resources(a).tags(tag(name + "-team", "blue")));
    ec2.createTags(r -> r.resources(b).tags(tag(name + "-team", "green")));

    assertThat(describe(filter("key", name)).tags())
        .extracting(TagDescription::resourceId)
        .containsExactlyElementsOf(a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a));
    assertThat(values(filter("key", name + "-*"), filter("value", "gr?en")))
        .containsExactly(name + "-team=green");
    assertThat(describe(filter("key", name + "*"), filter("resource-type", "key-pair")).tags())
        .hasSize(4);
    assertThat(describe(filter("key", name + "*"), filter("resource-type", "instance")).tags())
        .isEmpty();
    assertThat(describe(filter("tag:" + name + "-team", "blue")).tags())
        .extracting(TagDescription::resourceId)
        .containsOnly(a);
    assertAwsError(() -> describe(filter("colour", "red")), "InvalidParameterValue", null);
  }

  @Test
  void describesTagsOfResourcesCreatedWithTagSpecifications() {
    String id =
        ec2.createKeyPair(
                r ->
                    r.keyName(name)
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.KEY_PAIR)
                                .tags(tag("Name", name))
                                .build()))
            .keyPairId();

    assertThat(values(filter("resource-id", id))).containsExactly("Name=" + name);

    ec2.deleteKeyPair(r -> r.keyPairId(id));

    assertThat(describe(filter("resource-id", id)).tags()).isEmpty();
  }

  @Test
  void pagesThroughResultsWithMaxResultsAndNextToken() {
    for (int i = 0; i < 7; i++) {
      String id = keyPair("-" + i);
      ec2.createTags(r -> r.resources(id).tags(tag(name, "v")));
    }
    Filter mine = filter("key", name);

    DescribeTagsResponse first = ec2.describeTags(r -> r.filters(mine).maxResults(5));
    DescribeTagsResponse second =
        ec2.describeTags(r -> r.filters(mine).maxResults(5).nextToken(first.nextToken()));

    assertThat(first.tags()).hasSize(5);
    assertThat(first.nextToken()).isNotEmpty();
    assertThat(second.tags()).hasSize(2);
    assertThat(second.nextToken()).isNull();
    List<String> ids = new ArrayList<>();
    first.tags().forEach(t -> ids.add(t.resourceId()));
    second.tags().forEach(t -> ids.add(t.resourceId()));
    assertThat(ids).isSorted().doesNotHaveDuplicates().hasSize(7);
    assertAwsError(
        () -> ec2.describeTags(r -> r.filters(mine).maxResults(4)), "InvalidParameterValue", null);
    assertAwsError(
        () -> ec2.describeTags(r -> r.filters(mine).nextToken("bogus")),
        "InvalidPaginationToken",
        null);
    assertThat(ec2.describeTagsPaginator(r -> r.filters(mine).maxResults(5)).tags()).hasSize(7);
  }

  private String keyPair(String suffix) {
    return ec2.createKeyPair(r -> r.keyName(name + suffix).keyType("ed25519")).keyPairId();
  }

  private static DescribeTagsResponse describe(Filter... filters) {
    return ec2.describeTags(r -> r.filters(filters));
  }

  private static List<String> values(Filter... filters) {
    return describe(filters).tags().stream().map(t -> t.key() + "=" + t.value()).toList();
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
