package dev.ec2double.wire;

import java.util.List;
import java.util.function.Function;

/**
 * An API request as it came off the wire, for what needs more than its parameters: SigV4
 * verification hashes the method, path, raw query string, the signed headers and the body bytes.
 *
 * @param method the HTTP method
 * @param path the raw (still encoded) path, {@code /} for the API
 * @param queryString the raw query string, or null
 * @param body the body bytes, or null
 * @param headers every value of a header, by case-insensitive name (empty when absent)
 */
public record RawRequest(
    String method,
    String path,
    String queryString,
    byte[] body,
    Function<String, List<String>> headers) {

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.apply(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
