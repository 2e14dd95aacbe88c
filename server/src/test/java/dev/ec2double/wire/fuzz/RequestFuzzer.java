package dev.ec2double.wire.fuzz;

import dev.ec2double.wire.Protocol;
import dev.ec2double.wire.SdkActions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Random and mutated requests: actions and parameter names taken from the SDK model (so the decoder
 * goes deep), values of the right type or not, broken encodings, huge values, deep nesting, odd
 * indexes, and every shape of credential.
 */
final class RequestFuzzer {
  private static final List<String> EC2_ACTIONS =
      new ArrayList<>(SdkActions.of(Protocol.EC2).keySet());
  private static final List<String> ELB_ACTIONS =
      new ArrayList<>(SdkActions.of(Protocol.QUERY).keySet());
  private static final String[] REGIONS = {
    "us-east-1", "eu-west-1", "ap-southeast-2", "mars-north-1", "", "US-EAST-1"
  };
  private static final String[] NASTY = {
    "",
    " ",
    "%",
    "%zz",
    "%C3%28",
    "%FF%FE",
    "%00",
    "\u0000",
    "\u0007",
    "<x>&amp;</x>",
    "]]>",
    "\uD800",
    "\uFFFF",
    "😀",
    "-1",
    "0",
    "2147483648",
    "99999999999999999999",
    "NaN",
    "Infinity",
    "1e999",
    "true",
    "TRUE",
    "null",
    "1970-01-01T00:00:00Z",
    "+999999999-12-31T23:59:59Z",
    "9999999999999999",
    "====",
    "a.b.c",
    "..",
    "&",
    "=",
    "+",
  };

  private final Random r;

  RequestFuzzer(Random random) {
    this.r = random;
  }

  /** A request signed (or not) with this access key. */
  FuzzRequest next(String accessKey, boolean readOnly) {
    boolean elb = !readOnly && r.nextInt(5) == 0;
    List<String> actions = elb ? ELB_ACTIONS : EC2_ACTIONS;
    String action = pickAction(actions, readOnly);
    Class<?> type =
        action == null
            ? null
            : (elb ? SdkActions.of(Protocol.QUERY) : SdkActions.of(Protocol.EC2)).get(action);
    List<String[]> params = new ArrayList<>();
    if (action != null && (!readOnly || r.nextInt(10) > 0)) {
      params.add(new String[] {"Action", action});
    }
    if (r.nextBoolean()) {
      params.add(new String[] {"Version", elb ? "2015-12-01" : "2016-11-15"});
    }
    int n = r.nextInt(r.nextInt(4) == 0 ? 40 : 8);
    for (int i = 0; i < n; i++) {
      params.add(type != null && r.nextInt(6) > 0 ? modelParam(type, elb) : junkParam());
    }
    mutate(params);

    String service = elb ? "elasticloadbalancing" : "ec2";
    String region = r.nextInt(10) == 0 ? REGIONS[r.nextInt(REGIONS.length)] : "us-east-1";
    String scope = accessKey + "/20240102/" + region + "/" + service + "/aws4_request";
    String authorization = null;
    Boolean elbAnswer = elb;
    int auth = readOnly ? 0 : r.nextInt(20);
    if (auth < 15) {
      authorization =
          "AWS4-HMAC-SHA256 Credential="
              + scope
              + ", SignedHeaders=host;x-amz-date, Signature="
              + "0123456789abcdef".repeat(4);
    } else if (auth < 17) {
      params.add(0, new String[] {"X-Amz-Credential", scope});
      params.add(new String[] {"X-Amz-Signature", "00"});
    } else if (auth == 17) {
      authorization = r.nextBoolean() ? junk(40) : "AWS4-HMAC-SHA256 " + junk(200);
      elbAnswer = authorization.contains("/elasticloadbalancing/aws4_request");
    } else if (auth == 18) {
      elbAnswer = false;
    } else {
      authorization =
          "AWS4-HMAC-SHA256 Credential="
              + accessKey
              + "/20240102/us-east-1/"
              + junk(8)
              + "/aws4_request, SignedHeaders=host, Signature=00";
      elbAnswer = false;
    }

    StringBuilder query = new StringBuilder();
    StringBuilder body = new StringBuilder();
    int placement = readOnly ? 0 : r.nextInt(10);
    for (String[] p : params) {
      boolean inQuery = placement >= 8 || (placement >= 6 && r.nextBoolean());
      if (p[0].equals("X-Amz-Credential") || p[0].equals("X-Amz-Signature")) {
        inQuery = true;
      }
      StringBuilder into = inQuery ? query : body;
      if (into.length() > 0) {
        into.append('&');
      }
      into.append(encode(p[0], readOnly)).append('=').append(encode(p[1], readOnly));
    }
    if (!readOnly && r.nextInt(15) == 0) {
      // raw junk glued on: separators, stray percent signs, bytes no encoder would write
      (r.nextBoolean() ? body : query).append(junk(30));
    }
    return new FuzzRequest(
        action,
        query.length() == 0 && r.nextBoolean() ? null : query.toString(),
        body.length() == 0 && r.nextBoolean() ? null : body.toString(),
        authorization,
        elbAnswer);
  }

  private String pickAction(List<String> actions, boolean readOnly) {
    if (readOnly) {
      List<String> reads =
          actions.stream().filter(a -> a.startsWith("Describe") || a.startsWith("Get")).toList();
      return reads.get(r.nextInt(reads.size()));
    }
    switch (r.nextInt(20)) {
      case 0:
        return null;
      case 1:
        return junk(1 + r.nextInt(30));
      case 2:
        List<String> other = actions == ELB_ACTIONS ? EC2_ACTIONS : ELB_ACTIONS;
        return other.get(r.nextInt(other.size()));
      case 3:
        return actions.get(r.nextInt(actions.size())).toLowerCase();
      default:
        return actions.get(r.nextInt(actions.size()));
    }
  }

  /** A parameter the model has: a path through the request's members with a value. */
  private String[] modelParam(Class<?> type, boolean elb) {
    SdkPojo builder;
    try {
      builder = (SdkPojo) type.getMethod("builder").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder path = new StringBuilder();
    List<SdkField<?>> fields = payload(builder.sdkFields());
    if (fields.isEmpty()) {
      return junkParam();
    }
    SdkField<?> field = fields.get(r.nextInt(fields.size()));
    path.append(field.locationName());
    for (int depth = 0; depth < 12; depth++) {
      switch (field.marshallingType().getKnownType()) {
        case LIST -> {
          SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
          if (elb && !field.getTrait(ListTrait.class).isFlattened() && r.nextInt(8) > 0) {
            path.append('.').append(member.locationName());
          }
          path.append('.').append(index());
          field = member;
        }
        case MAP -> {
          MapTrait map = field.getTrait(MapTrait.class);
          path.append(r.nextBoolean() ? ".entry." : ".").append(index());
          if (r.nextBoolean()) {
            path.append('.').append(map.keyLocationName());
            return new String[] {path.toString(), value(null)};
          }
          path.append('.').append(map.valueLocationName());
          field = map.valueFieldInfo();
        }
        case SDK_POJO -> {
          List<SdkField<?>> nested = payload(field.constructor().get().sdkFields());
          if (nested.isEmpty()) {
            return new String[] {path.toString(), value(null)};
          }
          field = nested.get(r.nextInt(nested.size()));
          path.append('.').append(field.locationName());
        }
        default -> {
          return new String[] {path.toString(), value(field)};
        }
      }
    }
    return new String[] {path.toString(), value(null)};
  }

  private static List<SdkField<?>> payload(List<SdkField<?>> fields) {
    return fields.stream().filter(f -> f.location() == MarshallLocation.PAYLOAD).toList();
  }

  private String index() {
    return switch (r.nextInt(12)) {
      case 0 -> "0";
      case 1 -> "-1";
      case 2 -> "2147483648";
      case 3 -> "01";
      case 4 -> "x";
      case 5 -> Integer.toString(r.nextInt(Integer.MAX_VALUE));
      default -> Integer.toString(1 + r.nextInt(3));
    };
  }

  /** A value of the field's type most of the time, anything at all otherwise. */
  private String value(SdkField<?> field) {
    if (field == null || r.nextInt(4) == 0) {
      return anything();
    }
    return switch (field.marshallingType().getKnownType()) {
      case BOOLEAN -> r.nextBoolean() ? "true" : "false";
      case INTEGER, LONG, SHORT, BYTE -> Integer.toString(r.nextInt(2000) - 5);
      case FLOAT, DOUBLE, BIG_DECIMAL -> Double.toString(r.nextDouble() * 1000);
      case INSTANT -> "2024-01-0" + (1 + r.nextInt(9)) + "T00:00:00Z";
      case SDK_BYTES -> java.util.Base64.getEncoder().encodeToString(junk(20).getBytes());
      default -> r.nextInt(3) == 0 ? "i-0123456789abcdef0" : word();
    };
  }

  private String anything() {
    return switch (r.nextInt(8)) {
      case 0 -> NASTY[r.nextInt(NASTY.length)];
      case 1 -> "x".repeat(r.nextInt(200_000));
      case 2 -> junk(r.nextInt(100));
      case 3 -> "<" + "a".repeat(r.nextInt(10)) + ">" + "&#0;".repeat(r.nextInt(5));
      default -> word();
    };
  }

  private String[] junkParam() {
    return switch (r.nextInt(5)) {
      case 0 -> new String[] {deep(), anything()};
      case 1 -> new String[] {junk(1 + r.nextInt(20)), anything()};
      case 2 -> new String[] {"", anything()};
      case 3 -> new String[] {"Filter." + index() + ".Name", anything()};
      default -> new String[] {word(), anything()};
    };
  }

  private String deep() {
    StringBuilder s = new StringBuilder("Filter");
    int depth = r.nextInt(60);
    for (int i = 0; i < depth; i++) {
      s.append('.').append(r.nextBoolean() ? "1" : "Value");
    }
    return s.toString();
  }

  private void mutate(List<String[]> params) {
    if (params.isEmpty() || r.nextInt(5) > 0) {
      return;
    }
    String[] p = params.get(r.nextInt(params.size()));
    switch (r.nextInt(4)) {
      case 0 -> params.add(new String[] {p[0], anything()}); // the same name twice
      case 1 -> p[0] = p[0] + "." + index();
      case 2 -> p[1] = anything();
      default -> p[0] = p[0].toUpperCase();
    }
  }

  private String word() {
    StringBuilder s = new StringBuilder();
    int n = 1 + r.nextInt(16);
    for (int i = 0; i < n; i++) {
      s.append((char) ('a' + r.nextInt(26)));
    }
    return s.toString();
  }

  /** Any characters: ASCII punctuation, controls, non-BMP, lone surrogates. */
  private String junk(int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (r.nextInt(6)) {
        case 0 -> s.append((char) r.nextInt(0x20));
        case 1 -> s.append("%&=+.;,/".charAt(r.nextInt(8)));
        case 2 -> s.append((char) (0x80 + r.nextInt(0xFF00)));
        case 3 -> s.appendCodePoint(0x1F600 + r.nextInt(50));
        default -> s.append((char) (0x21 + r.nextInt(0x5E)));
      }
    }
    return s.toString();
  }

  private String encode(String s, boolean clean) {
    if (clean || r.nextInt(10) > 0) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
    return r.nextBoolean() ? s : s.replace("%", "%%");
  }
}
