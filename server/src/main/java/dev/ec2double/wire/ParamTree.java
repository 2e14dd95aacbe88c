package dev.ec2double.wire;

import dev.ec2double.errors.AwsException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Query parameters as a tree: {@code Filter.1.Value.2=x} becomes the path Filter → 1 → Value → 2.
 * The decoder walks this tree alongside the SDK's field metadata.
 */
public final class ParamTree {
  private static final int MAX_DEPTH = 16;

  private String value;
  private Map<String, ParamTree> children;

  public static ParamTree of(Map<String, String> params) {
    ParamTree root = new ParamTree();
    for (Map.Entry<String, String> e : params.entrySet()) {
      root.put(e.getKey(), e.getValue());
    }
    return root;
  }

  private void put(String key, String val) {
    ParamTree node = this;
    int start = 0;
    int depth = 0;
    while (true) {
      int dot = key.indexOf('.', start);
      String segment = dot < 0 ? key.substring(start) : key.substring(start, dot);
      if (++depth > MAX_DEPTH) {
        throw AwsException.invalidParameterValue(
            "Parameter " + key + " is nested deeper than " + MAX_DEPTH + " levels.");
      }
      node = node.childOrCreate(segment);
      if (dot < 0) {
        node.value = val;
        return;
      }
      start = dot + 1;
    }
  }

  private ParamTree childOrCreate(String name) {
    if (children == null) {
      children = new LinkedHashMap<>();
    }
    return children.computeIfAbsent(name, k -> new ParamTree());
  }

  public ParamTree child(String name) {
    return children == null ? null : children.get(name);
  }

  public Map<String, ParamTree> children() {
    return children == null ? Map.of() : children;
  }

  public String value() {
    return value;
  }
}
