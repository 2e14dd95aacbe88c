package dev.ec2double.core;

import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The filter engine every Describe call uses. A spec names the filters a resource type supports and
 * how to read each value; {@code tag:<key>}, {@code tag-key} and {@code tag-value} come for free
 * when the spec knows the resource's tags. Filters are ANDed; the values of one filter ORed; values
 * may use {@code *} and {@code ?}
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Filtering.html).
 */
public final class FilterSpec<T> {
  private final Map<String, Function<T, Collection<String>>> fields = new HashMap<>();
  private Function<T, Map<String, String>> tags;
  private Map<String, String> aliases = Map.of();

  public static <T> FilterSpec<T> of() {
    return new FilterSpec<>();
  }

  public FilterSpec<T> field(String name, Function<T, Object> value) {
    fields.put(
        name,
        t -> {
          Object v = value.apply(t);
          return v == null ? List.of() : List.of(String.valueOf(v));
        });
    return this;
  }

  public FilterSpec<T> multi(String name, Function<T, Collection<String>> values) {
    fields.put(name, values);
    return this;
  }

  /**
   * Takes the undocumented names real EC2 takes for this action as well ({@link FilterAliases}),
   * each reading what its documented filter reads.
   */
  public FilterSpec<T> aliasesOf(String action) {
    this.aliases = FilterAliases.of(action);
    for (Map.Entry<String, String> a : aliases.entrySet()) {
      if (!fields.containsKey(a.getValue())) {
        throw new IllegalStateException(
            action + ": alias " + a.getKey() + " names no filter of the spec: " + a.getValue());
      }
    }
    return this;
  }

  public FilterSpec<T> tags(Function<T, Map<String, String>> tagsOf) {
    this.tags = tagsOf;
    return this;
  }

  /** Compiles the request's filters; an unknown filter name is AWS's InvalidParameterValue. */
  public Predicate<T> compile(List<Filter> filters) {
    Predicate<T> all = t -> true;
    if (filters == null) {
      return all;
    }
    for (Filter f : filters) {
      all = all.and(one(f));
    }
    return all;
  }

  private Predicate<T> one(Filter filter) {
    String name = filter.name();
    if (name == null || name.isEmpty()) {
      throw AwsException.missingParameter("Filter.Name");
    }
    List<Predicate<String>> values = new ArrayList<>();
    for (String v : filter.values()) {
      values.add(Wildcard.compile(v));
    }
    Predicate<String> anyValue = s -> values.stream().anyMatch(p -> p.test(s));
    Function<T, Collection<String>> read = fields.get(name);
    if (read == null && aliases.containsKey(name)) {
      read = fields.get(aliases.get(name));
    }
    if (read != null) {
      Function<T, Collection<String>> r = read;
      return t -> r.apply(t).stream().anyMatch(anyValue);
    }
    if (tags != null && name.startsWith("tag:") && name.length() > 4) {
      String key = name.substring(4);
      return t -> {
        String v = tags.apply(t).get(key);
        return v != null && anyValue.test(v);
      };
    }
    if (tags != null && name.equals("tag-key")) {
      return t -> tags.apply(t).keySet().stream().anyMatch(anyValue);
    }
    if (tags != null && name.equals("tag-value")) {
      return t -> tags.apply(t).values().stream().anyMatch(anyValue);
    }
    throw AwsException.invalidFilter(name);
  }
}
