package dev.ec2double.core.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.errors.AwsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

class ResourceKindTest {
  /** A record-style resource: a widget, in use while it has a user. */
  static final class Widget implements java.io.Serializable {
    final String id;
    final String color;
    String user;

    Widget(String id, String color) {
      this.id = id;
      this.color = color;
    }
  }

  record WidgetView(String id, String color, List<Tag> tags) {}

  static final class Widgets implements java.io.Serializable {
    final Map<String, Widget> byId = new LinkedHashMap<>();
  }

  static final ResourceKind<Widget, WidgetView> KIND =
      ResourceKind.<Widget, WidgetView>of("wdg", "widget")
          .errors("InvalidWidgetID.NotFound", "widget", "InvalidWidgetId.Malformed")
          .storedIn(s -> s.part(Widgets.class, Widgets::new), w -> w.byId)
          .id(w -> w.id)
          .view(
              (ctx, w) -> new WidgetView(w.id, w.color, ctx.tags().sdkTags(w.id)), WidgetView::tags)
          .filter("widget-id", WidgetView::id)
          .filter("color", WidgetView::color)
          .inUseWhen((region, w) -> w.user != null)
          .build();

  private final RegionState region = new RegionState("123456789012", "us-east-1");
  private final RequestContext ctx =
      new RequestContext("123456789012", "us-east-1", "AKID", "DescribeDhcpOptions", "r-1", region);

  private Widget make(String color, Tag... tags) {
    return KIND.create(ctx, List.of(tags), id -> new Widget(id, color));
  }

  private static Filter filter(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  private static String code(Runnable r) {
    try {
      r.run();
    } catch (AwsException e) {
      return e.code();
    }
    return "no error";
  }

  @Test
  void createsRecordsWithIdsOfThePrefixAndTheirTags() {
    Widget w = make("red", Tag.builder().key("Name").value("one").build());
    assertThat(w.id).matches("wdg-[0-9a-f]{17}");
    assertThat(KIND.view(ctx, w).tags()).extracting(Tag::value).containsExactly("one");
    assertThat(KIND.exists(region, w.id)).isTrue();
  }

  @Test
  void describesByIdsOrAllInTheOrderTheyWereMade() {
    Widget a = make("red");
    Widget b = make("blue");
    assertThat(KIND.describe(ctx, List.of(), null, null, null).items())
        .extracting(WidgetView::id)
        .containsExactly(a.id, b.id);
    assertThat(KIND.describe(ctx, List.of(b.id), null, null, null).items())
        .extracting(WidgetView::id)
        .containsExactly(b.id);
  }

  @Test
  void answersNotFoundAndMalformedIdsWithTheKindsCodes() {
    assertThat(code(() -> KIND.describe(ctx, List.of("wdg-0123456789abcdef0"), null, null, null)))
        .isEqualTo("InvalidWidgetID.NotFound");
    assertThat(code(() -> KIND.describe(ctx, List.of("wdg-12"), null, null, null)))
        .isEqualTo("InvalidWidgetId.Malformed");
    assertThat(code(() -> KIND.delete(ctx, "sg-0123456789abcdef0")))
        .isEqualTo("InvalidWidgetId.Malformed");
    assertThat(code(() -> KIND.modify(ctx, "wdg-01234567", w -> w)))
        .isEqualTo("InvalidWidgetID.NotFound");
  }

  @Test
  void filtersByDeclaredFieldsAndTagsAndRefusesOthers() {
    make("red", Tag.builder().key("env").value("prod").build());
    Widget blue = make("blue", Tag.builder().key("env").value("dev").build());
    assertThat(KIND.describe(ctx, List.of(), List.of(filter("tag:env", "d*")), null, null).items())
        .extracting(WidgetView::id)
        .containsExactly(blue.id);
    assertThat(KIND.describe(ctx, List.of(), List.of(filter("color", "red")), null, null).items())
        .hasSize(1);
    assertThat(code(() -> KIND.describe(ctx, List.of(), List.of(filter("shape", "x")), null, null)))
        .isEqualTo("InvalidParameterValue");
  }

  @Test
  void pagesWithinTheBoundsAndTokensOfTheAction() {
    for (int i = 0; i < 7; i++) {
      make("c" + i);
    }
    var first = KIND.describe(ctx, List.of(), null, 5, null);
    assertThat(first.items()).hasSize(5);
    var rest = KIND.describe(ctx, List.of(), null, 5, first.nextToken());
    assertThat(rest.items()).hasSize(2);
    assertThat(rest.nextToken()).isNull();
    assertThat(code(() -> KIND.describe(ctx, List.of(), null, 4, null)))
        .isEqualTo("InvalidParameterValue");
  }

  @Test
  void refusesToDeleteWhatIsInUseAndForgetsTheTagsOfWhatItDeletes() {
    Widget w = make("red", Tag.builder().key("k").value("v").build());
    KIND.modify(ctx, w.id, x -> x.user = "someone");
    assertThat(code(() -> KIND.delete(ctx, w.id))).isEqualTo("DependencyViolation");
    assertThat(KIND.exists(region, w.id)).isTrue();
    KIND.modify(ctx, w.id, x -> x.user = null);
    KIND.delete(ctx, w.id);
    assertThat(KIND.exists(region, w.id)).isFalse();
    assertThat(ctx.tags().get(w.id)).isEmpty();
    assertThat(KIND.remove(ctx, w.id)).isEmpty();
  }

  @Test
  void checksTagSpecificationsBeforeAnythingIsMade() {
    TagSpecification wrongType =
        TagSpecification.builder()
            .resourceType("vpc")
            .tags(Tag.builder().key("a").value("b").build())
            .build();
    assertThatThrownBy(() -> KIND.tags(List.of(wrongType)))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("'vpc' is not a valid taggable resource type");
    TagSpecification twice =
        TagSpecification.builder()
            .resourceType("widget")
            .tags(
                Tag.builder().key("a").value("1").build(),
                Tag.builder().key("a").value("2").build())
            .build();
    assertThat(KIND.tags(List.of(twice))).extracting(Tag::value).containsExactly("2");
  }

  @Test
  void registersForTheTagActions() {
    Resources resources = new Resources();
    KIND.registerTaggable(resources);
    Widget w = make("red");
    assertThat(resources.typeOf(w.id)).isEqualTo("widget");
    assertThat(resources.requireExisting(region, w.id).prefix()).isEqualTo("wdg");
  }
}
