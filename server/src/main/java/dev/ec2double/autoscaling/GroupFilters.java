package dev.ec2double.autoscaling;

import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.autoscaling.model.Filter;

/**
 * DescribeAutoScalingGroups' filters: {@code tag-key}, {@code tag-value} and {@code tag:KEY}; a
 * group matches every filter, and a filter when any of its values matches.
 */
final class GroupFilters implements Predicate<GroupRecord> {
  private final List<Filter> filters;

  private GroupFilters(List<Filter> filters) {
    this.filters = filters;
  }

  static GroupFilters of(List<Filter> filters) {
    for (Filter f : filters) {
      String n = f.name();
      if (n == null || !(n.equals("tag-key") || n.equals("tag-value") || n.startsWith("tag:"))) {
        throw AutoScalingErrors.validation(
            "Filter type "
                + n
                + " is not correct. Allowed Filter types are: tag-key tag-value tag:");
      }
    }
    return new GroupFilters(filters);
  }

  @Override
  public boolean test(GroupRecord g) {
    for (Filter f : filters) {
      if (!matches(g, f)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(GroupRecord g, Filter f) {
    String n = f.name();
    if (n.equals("tag-key")) {
      return f.values().stream().anyMatch(g.tags::containsKey);
    }
    if (n.equals("tag-value")) {
      return g.tags.values().stream().anyMatch(t -> f.values().contains(t.value()));
    }
    GroupRecord.GroupTag t = g.tags.get(n.substring(4));
    return t != null && f.values().contains(t.value());
  }
}
