package dev.ec2double.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An AWS query API answer as JSON, keeping AWS's names: an element of only {@code item} or {@code
 * member} children is a list, an element without children is its text, any other an object. So the
 * dashboard reads exactly what a client of the API reads.
 */
final class XmlJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ThreadLocal<DocumentBuilder> BUILDERS =
      ThreadLocal.withInitial(XmlJson::builder);

  private XmlJson() {}

  /** The answer's root element (the action's response) as JSON. */
  static JsonNode read(byte[] xml) {
    try {
      DocumentBuilder b = BUILDERS.get();
      b.reset();
      Element root = b.parse(new ByteArrayInputStream(xml)).getDocumentElement();
      return convert(root);
    } catch (Exception e) {
      throw new IllegalStateException("the server's own answer is not XML", e);
    }
  }

  private static JsonNode convert(Element e) {
    List<Element> children = children(e);
    if (children.isEmpty()) {
      return NODES.textNode(e.getTextContent());
    }
    if (children.stream().allMatch(c -> isItem(c.getTagName()))) {
      ArrayNode list = NODES.arrayNode();
      children.forEach(c -> list.add(convert(c)));
      return list;
    }
    java.util.Map<String, List<Element>> byName = new java.util.LinkedHashMap<>();
    for (Element c : children) {
      byName.computeIfAbsent(c.getTagName(), k -> new ArrayList<>()).add(c);
    }
    ObjectNode o = NODES.objectNode();
    byName.forEach(
        (name, same) -> {
          if (same.size() == 1) {
            o.set(name, convert(same.get(0)));
          } else {
            ArrayNode list = o.putArray(name);
            same.forEach(c -> list.add(convert(c)));
          }
        });
    return o;
  }

  private static boolean isItem(String name) {
    return name.equals("item") || name.equals("member");
  }

  private static List<Element> children(Element e) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) {
        out.add(c);
      }
    }
    return out;
  }

  private static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
