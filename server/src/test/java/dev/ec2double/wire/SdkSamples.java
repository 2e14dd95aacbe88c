package dev.ec2double.wire;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Fills any SDK request with random values of the right types, driven by the same field metadata
 * the decoder reads, so a round trip through the SDK's marshaller exercises every member.
 */
final class SdkSamples {
  /** Characters that must survive form encoding: separators, plus, percent, non-ASCII. */
  private static final String AWKWARD = " &=+%/?#.:ü€\u4e2d";

  private final Random random;

  SdkSamples(long seed) {
    this.random = new Random(seed);
  }

  Object build(SdkPojo builder) {
    fill(builder, 0);
    return ((SdkBuilder<?, ?>) builder).build();
  }

  /** Returns whether any member was set: an empty structure does not exist on the wire. */
  private boolean fill(SdkPojo builder, int depth) {
    boolean any = false;
    for (SdkField<?> field : builder.sdkFields()) {
      if (field.location() != MarshallLocation.PAYLOAD) {
        continue;
      }
      Object value = value(field, depth);
      if (value != null) {
        field.set(builder, value);
        any = true;
      }
    }
    return any;
  }

  private Object value(SdkField<?> field, int depth) {
    switch (field.marshallingType().getKnownType()) {
      case STRING:
        return string();
      case INTEGER:
        return random.nextInt(100_000) - 10;
      case LONG:
        return random.nextLong() / 3;
      case SHORT:
        return (short) random.nextInt(Short.MAX_VALUE);
      case BYTE:
        return (byte) random.nextInt(Byte.MAX_VALUE);
      case FLOAT:
        return random.nextInt(10_000) / 8f;
      case DOUBLE:
        return random.nextInt(1_000_000) / 16d;
      case BIG_DECIMAL:
        return new BigDecimal(random.nextInt(1_000_000)).movePointLeft(3);
      case BOOLEAN:
        return random.nextBoolean();
      case INSTANT:
        return Instant.ofEpochMilli(1_500_000_000_000L + random.nextInt(Integer.MAX_VALUE));
      case SDK_BYTES:
        byte[] bytes = new byte[1 + random.nextInt(40)];
        random.nextBytes(bytes);
        return SdkBytes.fromByteArray(bytes);
      case SDK_POJO:
        if (depth > 4) {
          return null;
        }
        SdkPojo nested = field.constructor().get();
        if (!fill(nested, depth + 1)) {
          return null;
        }
        return ((SdkBuilder<?, ?>) nested).build();
      case LIST:
        if (depth > 4) {
          return null;
        }
        SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
        List<Object> list = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
          Object item = value(member, depth + 1);
          if (item == null) {
            return null;
          }
          list.add(item);
        }
        return list;
      case MAP:
        if (depth > 4) {
          return null;
        }
        SdkField<?> valueField = field.getTrait(MapTrait.class).valueFieldInfo();
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
          Object v = value(valueField, depth + 1);
          if (v == null) {
            return null;
          }
          map.put("k" + i + string(), v);
        }
        return map;
      default:
        return null;
    }
  }

  private String string() {
    StringBuilder s = new StringBuilder();
    int n = 1 + random.nextInt(12);
    for (int i = 0; i < n; i++) {
      s.append(
          random.nextInt(4) == 0
              ? AWKWARD.charAt(random.nextInt(AWKWARD.length()))
              : (char) ('a' + random.nextInt(26)));
    }
    return s.toString();
  }
}
