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
   * One page of an action's items, with the MaxResults rule {@link PageLimits} states for it. An
   * action that takes no MaxResults (its model has none, so the request cannot carry one) gets
   * everything at once.
   *
   * @param action the action, which also scopes its tokens
   */
  public static <T> Page<T> page(
      String action, List<T> sorted, Integer maxResults, String nextToken) {
    PageLimits.Limit limit = PageLimits.of(action);
    if (limit == null) {
      if (maxResults == null && (nextToken == null || nextToken.isEmpty())) {
        return new Page<>(sorted, null);
      }
      throw new IllegalStateException("PageLimits states nothing for " + action);
    }
    return page(action, sorted, maxResults, nextToken, limit);
  }

  private static <T> Page<T> page(
      String scope, List<T> sorted, Integer maxResults, String nextToken, PageLimits.Limit limit) {
    if (maxResults != null
        && (maxResults < limit.min() || (maxResults > limit.max() && !limit.capsAbove()))) {
      throw outOfBounds(maxResults, limit);
    }
    Integer size =
        maxResults == null
            ? limit.whenAbsent()
            : Integer.valueOf(Math.min(maxResults, limit.max()));
    int from = nextToken == null || nextToken.isEmpty() ? 0 : decode(scope, nextToken);
    if (size == null && from == 0) {
      return new Page<>(sorted, null);
    }
    int n = size == null ? sorted.size() : size;
    int to = Math.min(sorted.size(), from + n);
    List<T> items = from >= sorted.size() ? List.of() : sorted.subList(from, to);
    String next = to < sorted.size() ? encode(scope, to) : null;
    return new Page<>(items, next);
  }

  /**
   * The offset a token of this action carries (0 for none), for actions that page over items they
   * make as they go instead of a list; AWS's error for a token that is not the action's.
   */
  public static int offset(String action, String nextToken) {
    return nextToken == null || nextToken.isEmpty() ? 0 : decode(action, nextToken);
  }

  /** The token for the item at this offset of an action's items. */
  public static String token(String action, int offset) {
    return encode(action, offset);
  }

  /**
   * The page size of an action's MaxResults, as {@link PageLimits} states it (its default when none
   * is given); AWS's error for a value outside the bounds.
   */
  public static int size(String action, Integer maxResults) {
    PageLimits.Limit limit = PageLimits.of(action);
    if (maxResults != null
        && (maxResults < limit.min() || (maxResults > limit.max() && !limit.capsAbove()))) {
      throw outOfBounds(maxResults, limit);
    }
    if (maxResults == null) {
      return limit.whenAbsent() == null ? Integer.MAX_VALUE : limit.whenAbsent();
    }
    return Math.min(maxResults, limit.max());
  }

  private static AwsException outOfBounds(int maxResults, PageLimits.Limit limit) {
    return AwsException.invalidParameterValue(
        "Value ( "
            + maxResults
            + " ) for parameter maxResults is invalid. Expecting a value between "
            + limit.min()
            + " and "
            + limit.max()
            + ".");
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
