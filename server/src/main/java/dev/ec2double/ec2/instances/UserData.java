package dev.ec2double.ec2.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ec2double.errors.AwsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * User data as cloud-init reads it, turned into one first-boot shell script: a {@code #!} script
 * runs as it is; {@code #cloud-config} gets {@code write_files}, {@code runcmd} and {@code bootcmd}
 * (every boot); {@code packages} and other keys are skipped with a line in the log.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html
 */
public final class UserData {
  /** AWS's limit on user data, before base64 encoding. */
  public static final int MAX_BYTES = 16 * 1024;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The scripts to place in the instance: first boot and every boot (either may be null). */
  public record Scripts(String firstBoot, String everyBoot) {}

  private UserData() {}

  /** Decodes the base64 user data of the API; AWS's errors for bad encoding or size. */
  public static byte[] decode(String base64) {
    byte[] raw;
    try {
      raw = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw AwsException.invalidParameterValue("Invalid BASE64 encoding of user data.");
    }
    if (raw.length > MAX_BYTES) {
      throw AwsException.invalidParameterValue(
          "User data is limited to " + MAX_BYTES + " bytes, got " + raw.length + ".");
    }
    return raw;
  }

  public static Scripts scripts(byte[] raw) {
    byte[] data = gunzipIfNeeded(raw);
    String text = new String(data, StandardCharsets.UTF_8);
    if (text.startsWith("#!")) {
      return new Scripts(text, null);
    }
    if (text.startsWith("#cloud-config")) {
      return cloudConfig(text);
    }
    return new Scripts(
        "#!/bin/sh\necho 'ec2-double: user data is neither a #! script nor #cloud-config; not run'\n",
        null);
  }

  private static Scripts cloudConfig(String text) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (IOException e) {
      return new Scripts(
          "#!/bin/sh\necho 'ec2-double: #cloud-config is not valid YAML: "
              + quoteInner(e.getMessage().lines().findFirst().orElse(""))
              + "'\n",
          null);
    }
    StringBuilder first = new StringBuilder("#!/bin/sh\n");
    String every = null;
    if (root != null && root.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        switch (e.getKey()) {
          case "write_files" -> e.getValue().forEach(f -> writeFile(first, f));
          case "runcmd" -> e.getValue().forEach(c -> first.append(command(c)).append('\n'));
          case "bootcmd" -> {
            StringBuilder b = new StringBuilder("#!/bin/sh\n");
            e.getValue().forEach(c -> b.append(command(c)).append('\n'));
            every = b.toString();
          }
          case "packages" ->
              first
                  .append("echo 'ec2-double: packages are not installed (no package mirror): ")
                  .append(quoteInner(e.getValue().toString()))
                  .append("'\n");
          default ->
              first
                  .append("echo 'ec2-double: cloud-config key ")
                  .append(quoteInner(e.getKey()))
                  .append(" is not supported; skipped'\n");
        }
      }
    }
    return new Scripts(first.toString(), every);
  }

  private static void writeFile(StringBuilder out, JsonNode f) {
    String path = f.path("path").asText("");
    if (path.isEmpty()) {
      out.append("echo 'ec2-double: write_files entry without a path; skipped'\n");
      return;
    }
    String content = f.path("content").asText("");
    String encoding = f.path("encoding").asText("text");
    byte[] bytes =
        switch (encoding) {
          case "b64", "base64" -> Base64.getMimeDecoder().decode(content);
          case "gz+b64", "gzip+base64", "gz+base64", "gzip+b64" ->
              gunzipIfNeeded(Base64.getMimeDecoder().decode(content));
          default -> content.getBytes(StandardCharsets.UTF_8);
        };
    String b64 = Base64.getEncoder().encodeToString(bytes);
    String q = shellQuote(path);
    out.append("mkdir -p \"$(dirname ").append(q).append(")\"\n");
    out.append("echo '")
        .append(b64)
        .append("' | base64 -d ")
        .append(f.path("append").asBoolean(false) ? ">> " : "> ")
        .append(q)
        .append('\n');
    if (f.hasNonNull("permissions")) {
      out.append("chmod ")
          .append(shellQuote(f.get("permissions").asText()))
          .append(' ')
          .append(q)
          .append('\n');
    }
    if (f.hasNonNull("owner")) {
      out.append("chown ")
          .append(shellQuote(f.get("owner").asText()))
          .append(' ')
          .append(q)
          .append(" 2>/dev/null || true\n");
    }
  }

  /** runcmd entries: a string is shell text; a list is argv, each word quoted. */
  private static String command(JsonNode c) {
    if (c.isArray()) {
      StringBuilder s = new StringBuilder();
      c.forEach(a -> s.append(s.length() == 0 ? "" : " ").append(shellQuote(a.asText())));
      return s.toString();
    }
    return c.asText();
  }

  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String quoteInner(String s) {
    return s.replace("'", "'\\''");
  }

  private static byte[] gunzipIfNeeded(byte[] raw) {
    if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
      return raw;
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      return in.readNBytes(MAX_BYTES * 64);
    } catch (IOException e) {
      throw AwsException.invalidParameterValue("User data looks gzipped but does not unzip.");
    }
  }
}
