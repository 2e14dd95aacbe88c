package dev.ec2double.wire;

import dev.ec2double.errors.AwsException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Decodes query parameters into a typed SDK request, driven only by the SDK model's field metadata
 * ({@code locationName}, list and map traits, marshalling types). No operation is special-cased.
 */
public final class QueryDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(QueryDecoder.class);
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Set<String> ENVELOPE_PARAMS =
      Set.of(
          "Action",
          "Version",
          "X-Amz-Algorithm",
          "X-Amz-Credential",
          "X-Amz-Date",
          "X-Amz-Expires",
          "X-Amz-SignedHeaders",
          "X-Amz-Signature",
          "X-Amz-Security-Token",
          "AWSAccessKeyId",
          "SignatureMethod",
          "SignatureVersion",
          "Signature",
          "Timestamp",
          "Expires",
          "SecurityToken");

  private final Protocol protocol;

  public QueryDecoder(Protocol protocol) {
    this.protocol = protocol;
  }

  /**
   * Decodes a whole request, required members enforced. A parameter the action's model does not
   * have is EC2's UnknownParameter; ELBv2, like AWS's other query services, ignores it (logged).
   */
  public Object decodeRequest(Supplier<SdkPojo> builderFactory, ParamTree root) {
    SdkPojo builder = builderFactory.get();
    fill(builder, root, "", true);
    Object request = ((SdkBuilder<?, ?>) builder).build();
    // Field getters read the built object, not the builder.
    for (SdkField<?> field : builder.sdkFields()) {
      if (field.containsTrait(RequiredTrait.class) && field.getValueOrDefault(request) == null) {
        throw AwsException.missingParameter(field.locationName());
      }
    }
    if (request instanceof SdkPojo pojo) {
      RequiredMembers.check(protocol, pojo);
    }
    return request;
  }

  private void fill(SdkPojo builder, ParamTree node, String path, boolean root) {
    Map<String, ParamTree> unused = new LinkedHashMap<>(node.children());
    List<SdkField<?>> fields = builder.sdkFields();
    for (SdkField<?> field : fields) {
      unused.remove(field.locationName());
    }
    for (String name : unused.keySet()) {
      if (!(root && ENVELOPE_PARAMS.contains(name))) {
        unknown(path + name);
      }
    }
    for (SdkField<?> field : fields) {
      ParamTree child = node.child(field.locationName());
      if (child != null) {
        field.set(builder, read(field, child, path + field.locationName()));
      }
    }
  }

  /**
   * A parameter the model does not have: refused on EC2
   * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html,
   * UnknownParameter), ignored on ELBv2, whose common errors have no such code.
   */
  private void unknown(String path) {
    if (protocol == Protocol.EC2) {
      throw new AwsException("UnknownParameter", "The parameter " + path + " is not recognized");
    }
    LOG.debug("ignoring unknown parameter {}", path);
  }

  private Object read(SdkField<?> field, ParamTree node, String path) {
    MarshallingKnownType type = field.marshallingType().getKnownType();
    switch (type) {
      case SDK_POJO:
        SdkPojo nested = field.constructor().get();
        fill(nested, node, path + ".", false);
        return ((SdkBuilder<?, ?>) nested).build();
      case LIST:
        return readList(field.getTrait(ListTrait.class), node, path);
      case MAP:
        return readMap(field.getTrait(MapTrait.class), node, path);
      default:
        if (node.value() != null) {
          for (String name : node.children().keySet()) {
            unknown(path + "." + name); // ImageId=ami-1&ImageId.Extra=1
          }
        }
        return scalar(type, node, path);
    }
  }

  private List<Object> readList(ListTrait trait, ParamTree node, String path) {
    ParamTree items = node;
    String itemsPath = path;
    if (!protocol.flattensLists() && !trait.isFlattened()) {
      String member = trait.memberFieldInfo().locationName();
      items = node.child(member);
      itemsPath = path + "." + member;
      if (items == null) {
        return new ArrayList<>();
      }
    }
    SdkField<?> memberField = trait.memberFieldInfo();
    List<Object> result = new ArrayList<>();
    for (Map.Entry<Integer, ParamTree> e : indexed(items, itemsPath).entrySet()) {
      result.add(read(memberField, e.getValue(), itemsPath + "." + e.getKey()));
    }
    return result;
  }

  private Map<String, Object> readMap(MapTrait trait, ParamTree node, String path) {
    ParamTree entries = trait.isFlattened() ? node : node.child("entry");
    Map<String, Object> result = new LinkedHashMap<>();
    if (entries == null) {
      return result;
    }
    for (Map.Entry<Integer, ParamTree> e : indexed(entries, path).entrySet()) {
      ParamTree key = e.getValue().child(trait.keyLocationName());
      ParamTree value = e.getValue().child(trait.valueLocationName());
      if (key == null || key.value() == null) {
        throw AwsException.invalidParameterValue(
            "Map entry " + path + "." + e.getKey() + " has no key.");
      }
      result.put(
          key.value(),
          value == null ? null : read(trait.valueFieldInfo(), value, path + "." + e.getKey()));
    }
    return result;
  }

  /** Numbered children in numeric order; AWS numbers from 1. */
  private TreeMap<Integer, ParamTree> indexed(ParamTree node, String path) {
    TreeMap<Integer, ParamTree> byIndex = new TreeMap<>();
    for (Map.Entry<String, ParamTree> e : node.children().entrySet()) {
      int index;
      try {
        index = Integer.parseInt(e.getKey());
      } catch (NumberFormatException ex) {
        unknown(path + "." + e.getKey());
        continue;
      }
      if (index < 1) {
        throw AwsException.invalidParameterValue(
            "Index " + index + " of " + path + " is invalid: list indexes start at 1.");
      }
      byIndex.put(index, e.getValue());
    }
    if (node.value() != null && byIndex.isEmpty()) {
      throw AwsException.invalidParameterValue(
          "Parameter " + path + " is a list: send it as " + path + ".1, " + path + ".2, ...");
    }
    return byIndex;
  }

  private static Object scalar(MarshallingKnownType type, ParamTree node, String path) {
    String raw = node.value();
    if (raw == null) {
      throw AwsException.invalidParameterValue("Parameter " + path + " has no value.");
    }
    try {
      switch (type) {
        case STRING:
          return raw;
        case INTEGER:
          return Integer.valueOf(raw.trim());
        case LONG:
          return Long.valueOf(raw.trim());
        case SHORT:
          return Short.valueOf(raw.trim());
        case BYTE:
          return Byte.valueOf(raw.trim());
        case FLOAT:
          return Float.valueOf(raw.trim());
        case DOUBLE:
          return Double.valueOf(raw.trim());
        case BIG_DECIMAL:
          return new BigDecimal(raw.trim());
        case BOOLEAN:
          if ("true".equalsIgnoreCase(raw)) {
            return Boolean.TRUE;
          }
          if ("false".equalsIgnoreCase(raw)) {
            return Boolean.FALSE;
          }
          throw invalid(raw, path, "a boolean (true or false)");
        case INSTANT:
          return instant(raw.trim(), path);
        case SDK_BYTES:
          // Strict base64 once line breaks are gone: the MIME decoder would skip any garbage.
          return SdkBytes.fromByteArray(
              Base64.getDecoder().decode(WHITESPACE.matcher(raw).replaceAll("")));
        default:
          LOG.debug("ignoring parameter {} of unsupported type {}", path, type);
          return null;
      }
    } catch (NumberFormatException e) {
      throw invalid(raw, path, "a number");
    } catch (IllegalArgumentException e) {
      throw invalid(raw, path, "base64-encoded data");
    }
  }

  private static Instant instant(String raw, String path) {
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(raw).toInstant();
      } catch (DateTimeParseException e2) {
        try {
          double seconds = Double.parseDouble(raw);
          if (!Double.isFinite(seconds)) {
            throw new NumberFormatException(raw);
          }
          return Instant.ofEpochMilli(Math.round(seconds * 1000));
        } catch (NumberFormatException e3) {
          throw invalid(raw, path, "an ISO-8601 timestamp");
        }
      }
    }
  }

  private static AwsException invalid(String raw, String path, String expected) {
    String shown = raw.length() > 64 ? raw.substring(0, 64) + "..." : raw;
    return AwsException.invalidParameterValue(
        "Value (" + shown + ") for parameter " + path + " is invalid. Expected " + expected + ".");
  }
}
