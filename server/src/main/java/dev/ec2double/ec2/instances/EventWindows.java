package dev.ec2double.ec2.instances;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.InstanceEventWindow;
import software.amazon.awssdk.services.ec2.model.InstanceEventWindowAssociationTarget;
import software.amazon.awssdk.services.ec2.model.InstanceEventWindowTimeRange;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Instance event windows: the records, where they live, and how DescribeInstanceEventWindows shows
 * them.
 */
final class EventWindows {
  /** At most this many per account and region (AWS's quota). */
  static final int MAX = 200;

  /** One event window and its targets: instances, instance tags or Dedicated Hosts. */
  static final class Window implements java.io.Serializable {
    final String id;
    String name;
    List<EventWindowTimes.Range> ranges = List.of();
    String cron;
    final Set<String> instanceIds = new LinkedHashSet<>();
    final Map<String, String> instanceTags = new LinkedHashMap<>();
    final Set<String> hostIds = new LinkedHashSet<>();

    Window(String id) {
      this.id = id;
    }

    String id() {
      return id;
    }

    boolean hasTargets() {
      return !instanceIds.isEmpty() || !instanceTags.isEmpty() || !hostIds.isEmpty();
    }
  }

  static final class Store implements java.io.Serializable {
    final Map<String, Window> byId = new LinkedHashMap<>();

    static Store of(RegionState state) {
      return state.part(Store.class, Store::new);
    }
  }

  static final ResourceKind<Window, InstanceEventWindow> KIND =
      ResourceKind.<Window, InstanceEventWindow>of("iew", "instance-event-window")
          .errors(
              "InvalidInstanceEventWindowId.NotFound",
              "instance event window",
              "InvalidInstanceEventWindowId.Malformed")
          .storedIn(Store::of, s -> s.byId)
          .id(Window::id)
          .view(EventWindows::view, InstanceEventWindow::tags)
          .filter("event-window-name", InstanceEventWindow::name)
          .filterMany("instance-id", w -> w.associationTarget().instanceIds())
          .filterMany("dedicated-host-id", w -> w.associationTarget().dedicatedHostIds())
          .filterMany(
              "instance-tag",
              w ->
                  w.associationTarget().tags().stream()
                      .map(t -> t.key() + "=" + t.value())
                      .toList())
          .filterMany(
              "instance-tag-key", w -> w.associationTarget().tags().stream().map(Tag::key).toList())
          .filterMany(
              "instance-tag-value",
              w -> w.associationTarget().tags().stream().map(Tag::value).toList())
          .build();

  private EventWindows() {}

  static InstanceEventWindow view(RequestContext ctx, Window w) {
    List<InstanceEventWindowTimeRange> ranges = new ArrayList<>();
    for (EventWindowTimes.Range r : w.ranges) {
      ranges.add(
          InstanceEventWindowTimeRange.builder()
              .startWeekDay(EventWindowTimes.DAYS.get(r.startDay()))
              .startHour(r.startHour())
              .endWeekDay(EventWindowTimes.DAYS.get(r.endDay()))
              .endHour(r.endHour())
              .build());
    }
    return InstanceEventWindow.builder()
        .instanceEventWindowId(w.id)
        .name(w.name)
        .timeRanges(ranges.isEmpty() ? null : ranges)
        .cronExpression(w.cron)
        .associationTarget(
            InstanceEventWindowAssociationTarget.builder()
                .instanceIds(List.copyOf(w.instanceIds))
                .tags(
                    w.instanceTags.entrySet().stream()
                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                        .toList())
                .dedicatedHostIds(List.copyOf(w.hostIds))
                .build())
        .state("active")
        .tags(ctx.tags().sdkTags(w.id))
        .build();
  }
}
