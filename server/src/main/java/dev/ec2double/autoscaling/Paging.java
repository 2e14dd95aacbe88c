package dev.ec2double.autoscaling;

import java.util.List;

/**
 * MaxRecords and NextToken as Auto Scaling pages: at most 100 a page, 50 by default; the token is
 * the offset of the next page, which a caller must treat as opaque.
 */
final class Paging {
  static final int DEFAULT = 50;
  static final int MAX = 100;

  private Paging() {}

  record Page<T>(List<T> items, String nextToken) {}

  static <T> Page<T> page(List<T> all, Integer maxRecords, String token) {
    int max = maxRecords == null ? DEFAULT : maxRecords;
    if (max < 1 || max > MAX) {
      throw AutoScalingErrors.validation(
          "1 validation error detected: Value '"
              + max
              + "' at 'maxRecords' failed to satisfy constraint: Member must have value less than"
              + " or equal to "
              + MAX
              + " and greater than or equal to 1");
    }
    int from = 0;
    if (token != null && !token.isEmpty()) {
      try {
        from = Integer.parseInt(token);
      } catch (NumberFormatException e) {
        from = -1;
      }
      if (from < 0 || from > all.size()) {
        throw AutoScalingErrors.validation("The token '" + token + "' is invalid.");
      }
    }
    int to = Math.min(all.size(), from + max);
    return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
  }
}
