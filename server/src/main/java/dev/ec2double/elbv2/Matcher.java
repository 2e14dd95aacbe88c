package dev.ec2double.elbv2;

import java.util.ArrayList;
import java.util.List;

/**
 * A health check's success codes: {@code 200}, {@code 200,202} or {@code 200-299}, each from 200 to
 * 499 for an ALB's HTTP target groups.
 */
public record Matcher(List<int[]> ranges) {

  public static Matcher parse(String httpCode) {
    List<int[]> ranges = new ArrayList<>();
    if (httpCode == null || httpCode.isBlank()) {
      throw invalid(httpCode);
    }
    for (String part : httpCode.split(",")) {
      String p = part.trim();
      try {
        int dash = p.indexOf('-');
        int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
        int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
        if (from < 200 || to > 499 || from > to) {
          throw invalid(httpCode);
        }
        ranges.add(new int[] {from, to});
      } catch (NumberFormatException e) {
        throw invalid(httpCode);
      }
    }
    return new Matcher(ranges);
  }

  public boolean matches(int status) {
    for (int[] r : ranges) {
      if (status >= r[0] && status <= r[1]) {
        return true;
      }
    }
    return false;
  }

  private static RuntimeException invalid(String httpCode) {
    return Elbv2Errors.validation(
        "Health check matcher HTTP code '"
            + httpCode
            + "' must be a value between '200' and '499', a comma-separated list or a range");
  }
}
