package dev.ec2double.ec2.appstatus;

import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;

/**
 * A StatusCodeMatcher: HTTP codes and ranges separated by commas ({@code 200,202,300-399}); a
 * range's first code must be below its second; at most 64 characters.
 */
record StatusCodes(List<int[]> ranges) {
  static StatusCodes parse(String matcher) {
    if (matcher == null || matcher.isEmpty() || matcher.length() > 64) {
      throw invalid(matcher);
    }
    List<int[]> ranges = new ArrayList<>();
    for (String part : matcher.split(",", -1)) {
      String[] ends = part.trim().split("-", -1);
      try {
        int from = Integer.parseInt(ends[0]);
        int to = ends.length == 2 ? Integer.parseInt(ends[1]) : from;
        if (ends.length > 2 || from < 100 || to > 599 || (ends.length == 2 && from >= to)) {
          throw invalid(matcher);
        }
        ranges.add(new int[] {from, to});
      } catch (NumberFormatException e) {
        throw invalid(matcher);
      }
    }
    return new StatusCodes(ranges);
  }

  boolean matches(int code) {
    return ranges.stream().anyMatch(r -> code >= r[0] && code <= r[1]);
  }

  private static AwsException invalid(String matcher) {
    return AwsException.invalidParameterValue(
        "Value ("
            + matcher
            + ") for parameter StatusCodeMatcher is invalid. Specify HTTP codes or ranges"
            + " separated by commas, for example 200,202,300-399 (at most 64 characters).");
  }
}
