package dev.ec2double.wire;

import com.ctc.wstx.api.WstxOutputProperties;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
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
  private static final XMLOutputFactory OUTPUT = outputFactory();

  /** Woodstox, as Jackson's XML module uses it: no namespace repairing, AWS's XML declaration. */
  private static XMLOutputFactory outputFactory() {
    XMLOutputFactory f = new XmlFactory().getXMLOutputFactory();
    f.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, false);
    f.setProperty(WstxOutputProperties.P_USE_DOUBLE_QUOTES_IN_XML_DECL, true);
    return f;
  }

  private XmlEncoder() {}

  public static void writeResponse(
      OutputStream out, Protocol protocol, String action, SdkPojo response, String requestId) {
    try {
      XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      root(w, action + "Response", protocol.namespace());
      if (protocol == Protocol.EC2) {
        element(w, "requestId", requestId);
        writeFields(w, response);
      } else {
        w.writeStartElement(action + "Result");
        writeFields(w, response);
        w.writeEndElement();
        w.writeStartElement("ResponseMetadata");
        element(w, "RequestId", requestId);
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write " + action + " response", e);
    }
  }

  /** EC2: {@code <Response><Errors><Error>}; query: {@code <ErrorResponse><Error><Type>}. */
  public static void writeError(
      OutputStream out, Protocol protocol, AwsException error, String requestId) {
    try {
      XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      if (protocol == Protocol.EC2) {
        w.writeStartElement("Response");
        w.writeStartElement("Errors");
        w.writeStartElement("Error");
        element(w, "Code", error.code());
        element(w, "Message", error.getMessage());
        w.writeEndElement();
        w.writeEndElement();
        element(w, "RequestID", requestId);
      } else {
        root(w, "ErrorResponse", protocol.namespace());
        w.writeStartElement("Error");
        element(w, "Type", error.status() >= 500 ? "Receiver" : "Sender");
        element(w, "Code", error.code());
        element(w, "Message", error.getMessage());
        w.writeEndElement();
        element(w, "RequestId", requestId);
      }
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write error " + error.code(), e);
    }
  }

  private static void writeFields(XMLStreamWriter w, SdkPojo pojo) throws XMLStreamException {
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

  private static void writeValue(XMLStreamWriter w, SdkField<?> field, String name, Object value)
      throws XMLStreamException {
    if (value instanceof SdkPojo pojo) {
      w.writeStartElement(name);
      writeFields(w, pojo);
      w.writeEndElement();
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
        w.writeEmptyElement(name);
        return;
      }
      w.writeStartElement(name);
      for (Object item : list) {
        writeValue(w, member, itemName, item);
      }
      w.writeEndElement();
    } else if (value instanceof Map<?, ?> map) {
      if (map instanceof SdkAutoConstructMap) {
        return;
      }
      MapTrait trait = field.getTrait(MapTrait.class);
      w.writeStartElement(name);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        w.writeStartElement("entry");
        element(w, trait.keyLocationName(), String.valueOf(e.getKey()));
        if (e.getValue() != null) {
          writeValue(w, trait.valueFieldInfo(), trait.valueLocationName(), e.getValue());
        }
        w.writeEndElement();
      }
      w.writeEndElement();
    } else {
      element(w, name, scalar(value));
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
   * The document element in the protocol's default namespace. Binding the namespace on the element
   * itself matters: a bare {@code writeDefaultNamespace} after an unbound start tag writes nothing.
   */
  private static void root(XMLStreamWriter w, String name, String namespace)
      throws XMLStreamException {
    w.setDefaultNamespace(namespace);
    w.writeStartElement("", name, namespace);
    w.writeDefaultNamespace(namespace);
  }

  private static void element(XMLStreamWriter w, String name, String text)
      throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(xmlSafe(text));
    w.writeEndElement();
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
