package dev.ec2double.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** One EC2 call with a form body, as a client would send it (for setting up benchmarks). */
final class Post {
  private Post() {}

  static String call(String url, String body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    c.setRequestProperty(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20261127/us-east-1/ec2/aws4_request,"
            + " SignedHeaders=host;x-amz-date, Signature=0000");
    try (OutputStream out = c.getOutputStream()) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
    int status = c.getResponseCode();
    String text =
        new String(
            (status < 400 ? c.getInputStream() : c.getErrorStream()).readAllBytes(),
            StandardCharsets.UTF_8);
    if (status >= 400) {
      throw new IOException(url + " answered " + status + " to " + body + ": " + text);
    }
    return text;
  }
}
