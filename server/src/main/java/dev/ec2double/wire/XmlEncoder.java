package dev.ec2double.wire;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
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
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private XmlEncoder() {}

  public static void writeResponse(
      OutputStream out, Protocol protocol, String action, SdkPojo response, String requestId) {
    XmlWriter w = new XmlWriter().declaration();
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
    w.writeTo(out);
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

  private static void writeFields(XmlWriter w, SdkPojo pojo) {
    for (SdkField<?> field : pojo.sdkFields()) {
      if (field.location() != MarshallLocation.PAYLOAD) {
        continue;
      }
      Object value = field.getValueOrDefault(pojo);
      if (value != null) {
        writeValue(w, field, field.unmarshallLocationName(), value);
      }
    }
  }

  private static void writeValue(XmlWriter w, SdkField<?> field, String name, Object value) {
    if (value instanceof SdkPojo pojo) {
      w.start(name);
      writeFields(w, pojo);
      w.end();
    } else if (value instanceof List<?> list) {
      if (list instanceof SdkAutoConstructList) {
        return;
      }
      ListTrait trait = field.getTrait(ListTrait.class);
      SdkField<?> member = trait.memberFieldInfo();
      String itemName = member.unmarshallLocationName();
      if (trait.isFlattened()) {
        for (Object item : list) {
          writeValue(w, member, name, item);
        }
        return;
      }
      if (list.isEmpty()) {
        w.empty(name);
        return;
      }
      w.start(name);
      for (Object item : list) {
        writeValue(w, member, itemName, item);
      }
      w.end();
    } else if (value instanceof Map<?, ?> map) {
      if (map instanceof SdkAutoConstructMap) {
        return;
      }
      MapTrait trait = field.getTrait(MapTrait.class);
      w.start(name);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        w.start("entry");
        w.element(trait.keyLocationName(), String.valueOf(e.getKey()));
        if (e.getValue() != null) {
          writeValue(w, trait.valueFieldInfo(), trait.valueLocationName(), e.getValue());
        }
        w.end();
      }
      w.end();
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
