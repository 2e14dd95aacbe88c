package dev.ec2double.core;

import dev.ec2double.errors.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * MaxResults/NextToken pagination over a stable, sorted list. The token is opaque to clients and
 * carries the offset of the next item and the call it belongs to.
 */
public final class Pages {
  private Pages() {}

  public record Page<T>(List<T> items, String nextToken) {}

  /**
   * @param min the smallest MaxResults the API accepts
   * @param max the largest MaxResults the API accepts
   */
  public static <T> Page<T> page(
      String scope, List<T> sorted, Integer maxResults, String nextToken, int min, int max) {
    if (maxResults != null && (maxResults < min || maxResults > max)) {
      throw AwsException.invalidParameterValue(
          "Value ( "
              + maxResults
              + " ) for parameter maxResults is invalid. Expecting a value between "
              + min
              + " and "
              + max
              + ".");
    }
    int from = nextToken == null || nextToken.isEmpty() ? 0 : decode(scope, nextToken);
    if (maxResults == null && from == 0) {
      return new Page<>(sorted, null);
    }
    int size = maxResults == null ? sorted.size() : maxResults;
    int to = Math.min(sorted.size(), from + size);
    List<T> items = from >= sorted.size() ? List.of() : sorted.subList(from, to);
    String next = to < sorted.size() ? encode(scope, to) : null;
    return new Page<>(items, next);
  }

  private static String encode(String scope, int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((scope + ":" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String scope, String token) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (s.startsWith(scope + ":")) {
        int offset = Integer.parseInt(s.substring(scope.length() + 1));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // fall through: not one of ours
    }
    throw new AwsException(
        "InvalidPaginationToken", "The specified pagination token is not valid or is expired.");
  }
}
