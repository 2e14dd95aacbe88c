package dev.ec2double.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Copies between the SDK models' parallel shapes by member name: a launch template's data
 * (RequestLaunchTemplateData) as DescribeLaunchTemplateVersions shows it
 * (ResponseLaunchTemplateData), or as RunInstances takes it (RunInstancesRequest). The three are
 * made of the same members under the same names ({@code BlockDeviceMappings}, {@code
 * MetadataOptions}...), with shapes of their own at every level, so a copy by the SDK's member
 * metadata follows the model as it grows instead of a hand-written mapping that forgets a member.
 * Instance requirements are copied the same way between CreateFleet's request shape, the shape
 * DescribeFleets shows, Spot Fleet's and Auto Scaling's.
 */
public final class Shapes {
  private Shapes() {}

  /** A copy of {@code source} in the shape {@code builder} builds; unknown members are left out. */
  @SuppressWarnings("unchecked")
  public static <T> T copy(SdkPojo source, SdkPojo builder) {
    fill(source, builder);
    return (T) ((SdkBuilder<?, ?>) builder).build();
  }

  /** Sets on {@code builder} every member it shares with {@code source} that the source has. */
  public static void fill(SdkPojo source, SdkPojo builder) {
    Map<String, SdkField<?>> from = new HashMap<>();
    for (SdkField<?> f : source.sdkFields()) {
      from.put(f.memberName(), f);
    }
    for (SdkField<?> to : builder.sdkFields()) {
      SdkField<?> f = from.get(to.memberName());
      if (f != null) {
        Object v = convert(f.getValueOrDefault(source), to);
        if (v != null) {
          to.set(builder, v);
        }
      }
    }
  }

  /** Whether a member's value is really given (the SDK's unset lists are empty placeholders). */
  public static boolean given(Object v) {
    return v != null
        && !(v instanceof SdkAutoConstructList<?>)
        && !(v instanceof SdkAutoConstructMap<?, ?>)
        && !(v instanceof List<?> l && l.isEmpty());
  }

  private static Object convert(Object v, SdkField<?> to) {
    if (!given(v)) {
      return null;
    }
    switch (to.marshallingType().getKnownType()) {
      case SDK_POJO:
        return v instanceof SdkPojo p ? copy(p, to.constructor().get()) : null;
      case LIST:
        if (!(v instanceof List<?> items)) {
          return null;
        }
        SdkField<?> member = to.getTrait(ListTrait.class).memberFieldInfo();
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
          Object c = convert(item, member);
          if (c != null) {
            out.add(c);
          }
        }
        return out;
      case INTEGER:
        return v instanceof Number n ? Integer.valueOf(n.intValue()) : null;
      case LONG:
        return v instanceof Number n ? Long.valueOf(n.longValue()) : null;
      case STRING:
        return v instanceof String ? v : null;
      case BOOLEAN:
        return v instanceof Boolean ? v : null;
      case INSTANT:
        return v instanceof Instant ? v : null;
      default:
        return v;
    }
  }
}
