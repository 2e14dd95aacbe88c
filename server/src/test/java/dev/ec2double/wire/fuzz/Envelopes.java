package dev.ec2double.wire.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What every answer must be, whatever was asked: AWS's success or error document, no internals. */
final class Envelopes {
  static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
  static final String ELB_NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

  private Envelopes() {}

  /**
   * @param status the HTTP status
   * @param body the bytes on the wire
   * @param elb whether the caller signed for elasticloadbalancing (and so reads that envelope)
   * @return the parsed document
   */
  static Document assertAwsAnswer(int status, byte[] body, Boolean elb, String what) {
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(status).as("status of %s -> %s", what, text).isNotEqualTo(500).isBetween(200, 499);
    assertThat(text)
        .as("internals in the answer to %s", what)
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("dev.ec2double.");
    Document doc;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    } catch (Exception e) {
      throw new AssertionError("not XML: answer to " + what + ": " + text, e);
    }
    Element root = doc.getDocumentElement();
    String name = root.getLocalName();
    if (status == 200) {
      assertThat(name).as(text).endsWith("Response");
      if (elb != null) {
        assertThat(root.getNamespaceURI()).as(text).isEqualTo(elb ? ELB_NS : EC2_NS);
      }
      return doc;
    }
    if (name.equals("Response")) {
      assertThat(elb).as("EC2 envelope for an ELBv2 caller: %s", text).isNotEqualTo(Boolean.TRUE);
      assertThat(text(root, "Code")).as(text).isNotBlank();
      assertThat(text(root, "Message")).as(text).isNotNull();
      assertThat(text(root, "RequestID")).as(text).isNotBlank();
      assertThat(root.getElementsByTagName("Errors").getLength()).as(text).isEqualTo(1);
    } else {
      assertThat(name).as(text).isEqualTo("ErrorResponse");
      assertThat(elb).as("ELBv2 envelope for an EC2 caller: %s", text).isNotEqualTo(Boolean.FALSE);
      assertThat(root.getNamespaceURI()).isEqualTo(ELB_NS);
      assertThat(text(root, "Type")).isIn("Sender", "Receiver");
      assertThat(text(root, "Code")).as(text).isNotBlank();
      assertThat(text(root, "RequestId")).as(text).isNotBlank();
    }
    return doc;
  }

  static String text(Element root, String tag) {
    var nodes = root.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }
}
