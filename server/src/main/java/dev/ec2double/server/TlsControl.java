package dev.ec2double.server;

import static dev.ec2double.server.control.ControlJson.JSON;
import static dev.ec2double.server.control.ControlJson.body;
import static dev.ec2double.server.control.ControlJson.error;
import static dev.ec2double.server.control.ControlJson.json;
import static dev.ec2double.server.control.ControlJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ec2double.elbv2.tls.Certificates;
import dev.ec2double.server.http.Exchange;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTPS listeners' control routes (docs/control-api.md): {@code GET /_ec2double/ca.pem} (the
 * local CA's root, to trust), {@code POST /_ec2double/certificates} (issue a certificate for names,
 * or import one as PEM, under a new ACM ARN) and {@code POST /_ec2double/ca-bundles} (the CA bundle
 * a trust store's S3 location holds). Bad input is a 400 with a message, and changes nothing.
 */
final class TlsControl {
  static final String CA = "/_ec2double/ca.pem";
  static final String CERTIFICATES = "/_ec2double/certificates";
  static final String CA_BUNDLES = "/_ec2double/ca-bundles";

  private TlsControl() {}

  static void ca(Exchange ctx, Certificates certificates) {
    ctx.contentType("application/x-pem-file");
    ctx.result(certificates.caPem());
  }

  /**
   * {@code {"domainName", "subjectAlternativeNames", "client"}} issues; {@code {"certificate",
   * "privateKey", "certificateChain"}} imports; {@code region} and {@code account} name the ARN.
   */
  static void certificate(Exchange ctx, Certificates certificates, String defaultAccount) {
    JsonNode body = body(ctx);
    if (body == null) {
      return;
    }
    String region = text(body, "region", "us-east-1");
    String account = text(body, "account", defaultAccount);
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d") || !account.matches("\\d{12}")) {
      error(ctx, 400, "region is a region name and account 12 digits");
      return;
    }
    try {
      Certificates.Registered r;
      if (body.hasNonNull("certificate")) {
        r =
            certificates.importPem(
                account,
                region,
                text(body, "certificate", null),
                text(body, "privateKey", null),
                text(body, "certificateChain", null));
      } else if (body.hasNonNull("domainName")) {
        List<String> names = new ArrayList<>();
        names.add(text(body, "domainName", null));
        JsonNode sans = body.get("subjectAlternativeNames");
        if (sans != null && sans.isArray()) {
          sans.forEach(n -> names.add(n.asText()));
        }
        r =
            certificates.issue(
                account,
                region,
                names.stream().distinct().toList(),
                body.path("client").asBoolean(false));
      } else {
        error(
            ctx,
            400,
            "give either domainName (to issue) or certificate and privateKey (to import)");
        return;
      }
      ObjectNode out = JSON.createObjectNode();
      out.put("certificateArn", r.arn());
      out.put("certificate", r.issued().certificatePem());
      out.put("certificateChain", r.issued().chainPem());
      if (!body.hasNonNull("certificate")) {
        out.put("privateKey", r.issued().privateKeyPem());
      }
      ctx.status(201);
      json(ctx, out);
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
    }
  }

  /** {@code {"bucket", "key", "bundle"}}: the PEM CA certificates at {@code s3://bucket/key}. */
  static void bundle(Exchange ctx, Certificates certificates) {
    JsonNode body = body(ctx);
    if (body == null) {
      return;
    }
    String bucket = text(body, "bucket", null);
    String key = text(body, "key", null);
    String pem = text(body, "bundle", null);
    if (bucket == null || key == null || pem == null) {
      error(ctx, 400, "bucket, key and bundle (PEM CA certificates) are required");
      return;
    }
    try {
      certificates.putBundle(bucket, key, pem);
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    ctx.status(201);
    json(
        ctx,
        JSON.createObjectNode().put("status", "ok").put("location", "s3://" + bucket + "/" + key));
  }
}
