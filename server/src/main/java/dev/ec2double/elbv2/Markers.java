package dev.ec2double.elbv2;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Marker/PageSize paging of the ELBv2 Describe calls (PageSize 1 to 400). */
public final class Markers {
  private Markers() {}

  public record Page<T>(List<T> items, String nextMarker) {}

  public static <T> Page<T> page(List<T> items, String marker, Integer pageSize) {
    if (pageSize != null && (pageSize < 1 || pageSize > 400)) {
      throw Elbv2Errors.validation("Page size must be between 1 and 400");
    }
    int from = 0;
    if (marker != null && !marker.isEmpty()) {
      try {
        from =
            Integer.parseInt(
                new String(Base64.getDecoder().decode(marker), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw Elbv2Errors.validation("The marker '" + marker + "' is not valid");
      }
    }
    int size = pageSize == null ? 400 : pageSize;
    int to = Math.min(items.size(), from + size);
    List<T> slice = from >= items.size() ? List.of() : items.subList(from, to);
    String next =
        to < items.size()
            ? Base64.getEncoder()
                .encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8))
            : null;
    return new Page<>(slice, next);
  }
}
