package dev.ec2double.wire;

import dev.ec2double.errors.AwsException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Writes SDK response objects as the documents AWS sends, with element names taken from the SDK
 * model ({@code unmarshallLocationName}) and list items named by the list trait ({@code item} for
 * EC2, {@code member} for the query protocol). Lists a service left unset are omitted; lists it
 * set, even empty, are written, as AWS writes {@code <reservationSet/>}.
 */
public final class XmlEncoder {
  static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private XmlEncoder() {}

  public static void writeResponse(
      OutputStream out, Protocol protocol, String action, SdkPojo response, String requestId) {
    try {
      out.write(response(protocol, action, response, requestId));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The response document as UTF-8 bytes. */
  public static byte[] response(
      Protocol protocol, String action, SdkPojo response, String requestId) {
    Shape shape = SHAPES.get(response.getClass());
    XmlWriter w = new XmlWriter(shape.lastLength + 1024).declaration();
    w.root(action + "Response", protocol.namespace());
    if (protocol == Protocol.EC2) {
      w.element("requestId", requestId);
      writeFields(w, response);
    } else {
      w.start(action + "Result");
      writeFields(w, response);
      w.end();
      w.start("ResponseMetadata");
      w.element("RequestId", requestId);
      w.end();
    }
    byte[] bytes = w.toBytes();
    shape.lastLength = bytes.length;
    return bytes;
  }

  /** EC2: {@code <Response><Errors><Error>}; query: {@code <ErrorResponse><Error><Type>}. */
  public static void writeError(
      OutputStream out, Protocol protocol, AwsException error, String requestId) {
    XmlWriter w = new XmlWriter().declaration();
    if (protocol == Protocol.EC2) {
      w.start("Response");
      w.start("Errors");
      w.start("Error");
      w.element("Code", error.code());
      w.element("Message", error.getMessage());
      w.end();
      w.end();
      w.element("RequestID", requestId);
    } else {
      w.root("ErrorResponse", protocol.namespace());
      w.start("Error");
      w.element("Type", error.status() >= 500 ? "Receiver" : "Sender");
      w.element("Code", error.code());
      w.element("Message", error.getMessage());
      w.end();
      w.element("RequestId", requestId);
    }
    w.writeTo(out);
  }

  /**
   * What the encoder needs of one payload member of a shape, worked out once per class: the SDK's
   * field list, its traits and names are the same for every object of the class.
   */
  private record Member(
      SdkField<?> field,
      String name,
      boolean scalar,
      boolean flattened,
      Member item,
      String itemName,
      MapTrait map,
      Member mapValue) {
    static Member of(SdkField<?> field) {
      ListTrait list = field.getTrait(ListTrait.class);
      MapTrait map = field.getTrait(MapTrait.class);
      return new Member(
          field,
          field.unmarshallLocationName(),
          list == null && map == null && field.marshallingType() != MarshallingType.SDK_POJO,
          list != null && list.isFlattened(),
          list == null ? null : of(list.memberFieldInfo()),
          list == null ? null : list.memberFieldInfo().unmarshallLocationName(),
          map,
          map == null ? null : of(map.valueFieldInfo()));
    }
  }

  /** A shape's payload members, filled from the first object of the class the encoder sees. */
  private static final class Shape {
    volatile Member[] members;

    /** The length of the last document of this response shape: where the next one starts. */
    volatile int lastLength = 3072;
  }

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return new Shape();
        }
      };

  private static Member[] members(SdkPojo pojo) {
    Shape shape = SHAPES.get(pojo.getClass());
    Member[] m = shape.members;
    if (m == null) {
      m =
          pojo.sdkFields().stream()
              .filter(f -> f.location() == MarshallLocation.PAYLOAD)
              .map(Member::of)
              .toArray(Member[]::new);
      shape.members = m;
    }
    return m;
  }

  private static void writeFields(XmlWriter w, SdkPojo pojo) {
    for (Member m : members(pojo)) {
      Object value = m.field().getValueOrDefault(pojo);
      if (value != null) {
        writeValue(w, m, m.name(), value);
      }
    }
  }

  /** A list item; a large one's XML comes from {@link ItemMemo} when an equal one was written. */
  private static void writeItem(XmlWriter w, Member m, String name, Object item) {
    if (!(item instanceof SdkPojo pojo) || members(pojo).length < ItemMemo.MIN_MEMBERS) {
      writeValue(w, m, name, item);
      return;
    }
    int key = memoKey(pojo, name);
    byte[] xml = ItemMemo.get(key, item, name);
    if (xml == null) {
      XmlWriter one = new XmlWriter();
      writeValue(one, m, name, item);
      xml = one.bytes();
      ItemMemo.put(key, item, name, xml);
    }
    w.raw(xml);
  }

  /**
   * The hash of an item's top-level scalars and its element name: equal items have equal keys, and
   * the versions of one resource share theirs, so a changed item takes its old one's place.
   */
  private static int memoKey(SdkPojo pojo, String name) {
    int h = name.hashCode();
    for (Member m : members(pojo)) {
      if (m.scalar()) {
        h = 31 * h + Objects.hashCode(m.field().getValueOrDefault(pojo));
      }
    }
    return h;
  }

  private static void writeValue(XmlWriter w, Member m, String name, Object value) {
    if (value instanceof String text) {
      w.element(name, text);
    } else if (value instanceof SdkPojo pojo) {
      w.start(name);
      writeFields(w, pojo);
      w.end();
    } else if (value instanceof List<?> list) {
      if (list instanceof SdkAutoConstructList) {
        return;
      }
      Member item = m.item();
      if (m.flattened()) {
        for (Object each : list) {
          writeValue(w, item, name, each);
        }
        return;
      }
      if (list.isEmpty()) {
        w.empty(name);
        return;
      }
      w.start(name);
      for (Object each : list) {
        writeItem(w, item, m.itemName(), each);
      }
      w.end();
    } else if (value instanceof Map<?, ?> map) {
      if (map instanceof SdkAutoConstructMap) {
        return;
      }
      MapTrait trait = m.map();
      Member valueMember = m.mapValue();
      w.start(name);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        w.start("entry");
        w.element(trait.keyLocationName(), String.valueOf(e.getKey()));
        if (e.getValue() != null) {
          writeValue(w, valueMember, trait.valueLocationName(), e.getValue());
        }
        w.end();
      }
      w.end();
    } else if (value instanceof Instant instant) {
      w.timestamp(name, instant);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
      w.plain(name, value.toString()); // digits, a sign, true or false: nothing to escape
    } else {
      w.element(name, scalar(value));
    }
  }

  static String scalar(Object value) {
    if (value instanceof Instant instant) {
      return ISO_MILLIS.format(instant);
    }
    if (value instanceof SdkBytes bytes) {
      return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }

  /**
   * Text as XML 1.0 can carry it: characters it forbids (control characters, lone surrogates,
   * U+FFFE/U+FFFF), which a caller can smuggle in through any echoed parameter, become U+FFFD
   * instead of failing the whole answer.
   */
  static String xmlSafe(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (out != null) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
        continue;
      }
      ok =
          c == 0x9
              || c == 0xA
              || c == 0xD
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD);
      if (!ok && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(ok ? c : '\uFFFD');
      }
    }
    return out == null ? text : out.toString();
  }
}
