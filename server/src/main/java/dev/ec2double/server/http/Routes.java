package dev.ec2double.server.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's routes: a method and a path, whose {@code {name}} segments match any one segment
 * (read back with {@link Exchange#pathParam}). A path matches with or without a trailing slash.
 */
public final class Routes {
  /** What a route does with the call. */
  @FunctionalInterface
  public interface Route {
    void handle(Exchange exchange) throws Exception;
  }

  private record Entry(String method, String[] segments, Route route) {}

  /** A route found, with the values of its path's {@code {name}} segments. */
  record Match(Route route, Map<String, String> params) {}

  private final List<Entry> entries = new ArrayList<>();

  public Routes get(String path, Route route) {
    return add("GET", path, route);
  }

  public Routes post(String path, Route route) {
    return add("POST", path, route);
  }

  public Routes put(String path, Route route) {
    return add("PUT", path, route);
  }

  public Routes delete(String path, Route route) {
    return add("DELETE", path, route);
  }

  public Routes patch(String path, Route route) {
    return add("PATCH", path, route);
  }

  private Routes add(String method, String path, Route route) {
    entries.add(new Entry(method, split(path), route));
    return this;
  }

  /** The first route for the method and path, or null. */
  Match find(String method, String path) {
    String[] asked = split(path);
    for (Entry e : entries) {
      if (!e.method.equals(method) || e.segments.length != asked.length) {
        continue;
      }
      Map<String, String> params = match(e.segments, asked);
      if (params != null) {
        return new Match(e.route, params);
      }
    }
    return null;
  }

  private static Map<String, String> match(String[] pattern, String[] asked) {
    Map<String, String> params = Map.of();
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (p.startsWith("{") && p.endsWith("}")) {
        if (params.isEmpty()) {
          params = new HashMap<>();
        }
        params.put(p.substring(1, p.length() - 1), asked[i]);
      } else if (!p.equals(asked[i])) {
        return null;
      }
    }
    return params;
  }

  /** The path's segments; empty ones (a leading, trailing or doubled slash) do not count. */
  private static String[] split(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out.toArray(new String[0]);
  }
}
