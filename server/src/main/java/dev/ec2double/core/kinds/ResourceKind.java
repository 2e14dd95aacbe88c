package dev.ec2double.core.kinds;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * A record-style EC2 resource, declared once: its id prefix, where its records live, how a record
 * looks to a client, the filters its Describe call lists, what still uses a record, and its error
 * codes. The four verbs most EC2 actions are made of (create with TagSpecifications, describe by
 * ids and filters with pagination, modify, delete with DependencyViolation) then come from here,
 * with AWS's errors, so a service method is a few lines of request mapping. DryRun and ClientToken
 * are answered for every action by the API handler, before the service runs.
 *
 * <p>Every read and change holds the lock of the object the records live in (for the networking
 * kinds, the region's VPC state), so a dependency check and the delete it guards are one step.
 * docs/resource-kinds.md shows how to add one.
 *
 * @param <R> the stored record (serializable: it is saved with {@code --state-dir})
 * @param <V> the record as the Describe call shows it (an SDK model class)
 */
public final class ResourceKind<R extends java.io.Serializable, V> {
  private final String prefix;
  private final String resourceType;
  private final String noun;
  private final String notFoundCode;
  private final String malformedCode;
  private final Pattern idShape;
  private final Function<RegionState, Object> lock;
  private final Function<RegionState, Map<String, R>> records;
  private final Function<R, String> idOf;
  private final BiFunction<RequestContext, R, V> view;
  private final FilterSpec<V> filters;
  private final List<BiPredicate<RegionState, R>> inUse;
  private final Comparator<V> order;

  private ResourceKind(Builder<R, V> b) {
    this.prefix = b.prefix;
    this.resourceType = b.resourceType;
    this.noun = b.noun;
    this.notFoundCode = b.notFoundCode;
    this.malformedCode = b.malformedCode;
    this.idShape = Pattern.compile(Pattern.quote(b.prefix) + "-([0-9a-f]{8}|[0-9a-f]{17})");
    this.lock = b.lock;
    this.records = b.records;
    this.idOf = b.idOf;
    this.view = b.view;
    this.filters = b.filters;
    this.inUse = List.copyOf(b.inUse);
    this.order = b.order;
  }

  /**
   * Starts a declaration.
   *
   * @param prefix the id prefix ({@code dopt} for {@code dopt-0123...})
   * @param resourceType the type TagSpecifications and DescribeTags name ({@code dhcp-options})
   */
  public static <R extends java.io.Serializable, V> Builder<R, V> of(
      String prefix, String resourceType) {
    return new Builder<>(prefix, resourceType);
  }

  public String prefix() {
    return prefix;
  }

  public String resourceType() {
    return resourceType;
  }

  /** Registers the kind for CreateTags, DeleteTags and DescribeTags. */
  public void registerTaggable(Resources resources) {
    resources.register(
        new Resources.Kind(prefix, resourceType, notFoundCode, (state, id) -> exists(state, id)));
  }

  /**
   * The tags of a Create call's TagSpecifications, checked before anything is made: each must name
   * this kind's resource type; duplicate keys keep the last value; AWS's tag limits hold.
   */
  public List<Tag> tags(List<TagSpecification> specs) {
    return CreateTags.of(specs, resourceType);
  }

  /**
   * Makes a record with a new id and stores it, then tags it. {@code make} runs under the lock with
   * the new id, so it may check what must be unique and throw.
   */
  public R create(RequestContext ctx, List<Tag> tags, Function<String, R> make) {
    R record;
    Object l = lock.apply(ctx.state());
    synchronized (l) {
      record = make.apply(Ids.next(prefix));
      records.apply(ctx.state()).put(idOf.apply(record), record);
    }
    if (!tags.isEmpty()) {
      ctx.tags().add(List.of(idOf.apply(record)), tags);
    }
    return record;
  }

  /** A stored record without the lock, for code that holds it already. */
  public R get(RegionState state, String id) {
    Object l = lock.apply(state);
    synchronized (l) {
      checkShape(id);
      R r = id == null ? null : records.apply(state).get(id);
      if (r == null) {
        throw notFound(id);
      }
      return r;
    }
  }

  /**
   * A stored record that is still live: records that stay visible after their delete (state {@code
   * deleted}) answer the kind's not-found error to every other call, as AWS does.
   */
  public R getLive(RegionState state, String id, Predicate<R> live) {
    R r = get(state, id);
    if (!live.test(r)) {
      throw notFound(id);
    }
    return r;
  }

  /** Whether a record with this id exists. */
  public boolean exists(RegionState state, String id) {
    Object l = lock.apply(state);
    synchronized (l) {
      return id != null && records.apply(state).containsKey(id);
    }
  }

  /** Runs {@code change} on a record under the lock: ModifyX, AttachX, AssociateX. */
  public <T> T modify(RequestContext ctx, String id, Function<R, T> change) {
    Object l = lock.apply(ctx.state());
    synchronized (l) {
      return change.apply(get(ctx.state(), id));
    }
  }

  /**
   * DeleteX: the record goes, with its tags, unless something still uses it (AWS's
   * DependencyViolation).
   */
  public R delete(RequestContext ctx, String id) {
    R r;
    Object l = lock.apply(ctx.state());
    synchronized (l) {
      r = get(ctx.state(), id);
      for (BiPredicate<RegionState, R> used : inUse) {
        if (used.test(ctx.state(), r)) {
          throw new AwsException(
              "DependencyViolation",
              "The " + noun + " '" + id + "' has dependencies and cannot be deleted.");
        }
      }
      records.apply(ctx.state()).remove(id);
    }
    ctx.tags().drop(id);
    return r;
  }

  /** Removes a record if there is one, without errors (the idempotent deletes: DeleteKeyPair). */
  public Optional<R> remove(RequestContext ctx, String id) {
    R r;
    Object l = lock.apply(ctx.state());
    synchronized (l) {
      r = id == null ? null : records.apply(ctx.state()).remove(id);
    }
    if (r != null) {
      ctx.tags().drop(id);
    }
    return Optional.ofNullable(r);
  }

  /** Every record, in the order they were made, for code that reads them under the lock. */
  public List<R> all(RegionState state) {
    Object l = lock.apply(state);
    synchronized (l) {
      return new ArrayList<>(records.apply(state).values());
    }
  }

  /**
   * DescribeX: the records with these ids (each must exist), or all when none is given, as views
   * that pass the filters, in the kind's order, one page of them.
   */
  public Pages.Page<V> describe(
      RequestContext ctx,
      Collection<String> ids,
      List<Filter> filterList,
      Integer maxResults,
      String nextToken) {
    Predicate<V> filter = filters.compile(filterList);
    List<V> views;
    Object l = lock.apply(ctx.state());
    synchronized (l) {
      List<R> selected = new ArrayList<>();
      for (String id : ids) {
        selected.add(get(ctx.state(), id));
      }
      if (ids.isEmpty()) {
        selected.addAll(records.apply(ctx.state()).values());
      }
      views = views(ctx, selected, filter);
    }
    return Pages.page(ctx.action(), views, maxResults, nextToken);
  }

  /** Throws AWS's error for a filter the Describe call does not have, before anything is read. */
  public void checkFilters(List<Filter> filterList) {
    filters.compile(filterList);
  }

  /**
   * The views of the records {@code which} selects that pass the filters, in the kind's order: for
   * Describe calls that select by more than ids (DescribeKeyPairs' names).
   */
  public List<V> select(RequestContext ctx, Predicate<R> which, List<Filter> filterList) {
    Predicate<V> filter = filters.compile(filterList);
    Object l = lock.apply(ctx.state());
    synchronized (l) {
      return views(
          ctx, records.apply(ctx.state()).values().stream().filter(which).toList(), filter);
    }
  }

  /** How a record looks to a client (Create answers show it too). */
  public V view(RequestContext ctx, R record) {
    Object l = lock.apply(ctx.state());
    synchronized (l) {
      return view.apply(ctx, record);
    }
  }

  private List<V> views(RequestContext ctx, List<R> selected, Predicate<V> filter) {
    List<V> out = new ArrayList<>(selected.size());
    for (R r : selected) {
      V v = view.apply(ctx, r);
      if (filter.test(v)) {
        out.add(v);
      }
    }
    if (order != null) {
      out.sort(order);
    }
    return out;
  }

  private void checkShape(String id) {
    if (malformedCode != null && (id == null || !idShape.matcher(id).matches())) {
      throw new AwsException(
          malformedCode, "Invalid id: \"" + id + "\" (expecting \"" + prefix + "-...\")");
    }
  }

  private AwsException notFound(String id) {
    return new AwsException(notFoundCode, "The " + noun + " ID '" + id + "' does not exist");
  }

  /** The declaration of a kind; {@link #build} checks that it is complete. */
  public static final class Builder<R extends java.io.Serializable, V> {
    private final String prefix;
    private final String resourceType;
    private String noun;
    private String notFoundCode;
    private String malformedCode;
    private Function<RegionState, Object> lock;
    private Function<RegionState, Map<String, R>> records;
    private Function<R, String> idOf;
    private BiFunction<RequestContext, R, V> view;
    private final FilterSpec<V> filters = FilterSpec.of();
    private final List<BiPredicate<RegionState, R>> inUse = new ArrayList<>();
    private Comparator<V> order;

    private Builder(String prefix, String resourceType) {
      this.prefix = prefix;
      this.resourceType = resourceType;
    }

    /**
     * The errors for ids: AWS's not-found code, the noun its messages use ({@code The dhcpOptions
     * ID 'dopt-1' does not exist}), and the code for an id of the wrong shape, or null when AWS
     * answers not-found for those too.
     */
    public Builder<R, V> errors(String notFoundCode, String noun, String malformedCode) {
      this.notFoundCode = notFoundCode;
      this.noun = noun;
      this.malformedCode = malformedCode;
      return this;
    }

    /**
     * Where the records live: a map by id inside a state object of the region, whose lock guards
     * them (an insertion-ordered map: Describe answers in that order unless {@link #order} says).
     */
    public <S> Builder<R, V> storedIn(
        Function<RegionState, S> owner, Function<S, Map<String, R>> map) {
      this.lock = owner::apply;
      this.records = state -> map.apply(owner.apply(state));
      return this;
    }

    /** A record's id. */
    public Builder<R, V> id(Function<R, String> idOf) {
      this.idOf = idOf;
      return this;
    }

    /**
     * How a record looks to a client, and the tags in that view (which make the {@code tag:<key>},
     * {@code tag-key} and {@code tag-value} filters).
     */
    public Builder<R, V> view(BiFunction<RequestContext, R, V> view, Function<V, List<Tag>> tags) {
      this.view = view;
      filters.tags(v -> tagMap(tags.apply(v)));
      return this;
    }

    /** A filter of the Describe call with one value per record. */
    public Builder<R, V> filter(String name, Function<V, Object> value) {
      filters.field(name, value);
      return this;
    }

    /** A filter of the Describe call with any number of values per record. */
    public Builder<R, V> filterMany(String name, Function<V, Collection<String>> values) {
      filters.multi(name, values);
      return this;
    }

    /** Something that uses a record, so that deleting it is AWS's DependencyViolation. */
    public Builder<R, V> inUseWhen(BiPredicate<RegionState, R> used) {
      inUse.add(used);
      return this;
    }

    /** The order Describe answers in, when it is not the order the records were made in. */
    public Builder<R, V> order(Comparator<V> order) {
      this.order = order;
      return this;
    }

    public ResourceKind<R, V> build() {
      if (noun == null || lock == null || idOf == null || view == null) {
        throw new IllegalStateException(
            "resource kind " + prefix + " needs errors(), storedIn(), id() and view()");
      }
      return new ResourceKind<>(this);
    }

    private static Map<String, String> tagMap(List<Tag> tags) {
      Map<String, String> out = new LinkedHashMap<>();
      if (tags != null) {
        tags.forEach(t -> out.put(t.key(), t.value()));
      }
      return out;
    }
  }
}
