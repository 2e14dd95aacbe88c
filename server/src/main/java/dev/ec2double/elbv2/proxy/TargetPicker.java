package dev.ec2double.elbv2.proxy;

import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.TargetAddresses;
import dev.ec2double.elbv2.TargetGroupRecord;
import dev.ec2double.elbv2.TargetRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * Chooses where a forward action sends a request: a target group by weight (or the one the group
 * stickiness cookie names), then a target round robin among the healthy ones, or among all when
 * none is healthy (an ALB fails open), or the one the stickiness cookie names while it is healthy.
 */
final class TargetPicker {
  static final String LB_COOKIE = "AWSALB";
  static final String APP_COOKIE = "AWSALBAPP-0";
  static final String GROUP_COOKIE = "AWSALBTG";

  /** Where to send the request, and the stickiness cookies to hand the client. */
  record Choice(
      TargetGroupRecord group, TargetRecord target, String address, List<String> setCookies) {}

  private TargetPicker() {}

  /** Null when no target can take the request (503). */
  static Choice pick(
      Elbv2Store store, TargetAddresses addresses, Action forward, CookieJar cookies) {
    List<TargetGroupTuple> tuples = tuples(forward);
    List<String> setCookies = new ArrayList<>();
    TargetGroupTuple chosen = null;
    boolean groupSticky =
        forward.forwardConfig() != null
            && forward.forwardConfig().targetGroupStickinessConfig() != null
            && Boolean.TRUE.equals(forward.forwardConfig().targetGroupStickinessConfig().enabled());
    if (groupSticky) {
      String sticky = decode(cookies.get(GROUP_COOKIE));
      for (TargetGroupTuple t : tuples) {
        if (t.targetGroupArn().equals(sticky) && weight(t) > 0) {
          chosen = t;
        }
      }
    }
    if (chosen == null) {
      chosen = byWeight(tuples);
    }
    if (chosen == null) {
      return null;
    }
    if (groupSticky) {
      Integer seconds = forward.forwardConfig().targetGroupStickinessConfig().durationSeconds();
      setCookies.add(
          cookie(GROUP_COOKIE, encode(chosen.targetGroupArn()), seconds == null ? 3600 : seconds));
    }
    TargetGroupRecord group = store.targetGroups.get(chosen.targetGroupArn());
    if (group == null) {
      return null;
    }
    return pickTarget(store, addresses, group, cookies, setCookies);
  }

  private static Choice pickTarget(
      Elbv2Store store,
      TargetAddresses addresses,
      TargetGroupRecord group,
      CookieJar cookies,
      List<String> setCookies) {
    List<TargetRecord> healthy = new ArrayList<>();
    List<TargetRecord> all = new ArrayList<>();
    for (TargetRecord t : group.targets()) {
      TargetHealthStateEnum s = t.state();
      if (s == TargetHealthStateEnum.HEALTHY) {
        healthy.add(t);
      }
      if (s == TargetHealthStateEnum.HEALTHY
          || s == TargetHealthStateEnum.UNHEALTHY
          || s == TargetHealthStateEnum.INITIAL) {
        all.add(t);
      }
    }
    List<TargetRecord> eligible = healthy.isEmpty() ? all : healthy;
    if (eligible.isEmpty()) {
      return null;
    }
    boolean sticky = "true".equals(group.attributes.get("stickiness.enabled"));
    String cookieName =
        "app_cookie".equals(group.attributes.get("stickiness.type")) ? APP_COOKIE : LB_COOKIE;
    TargetRecord chosen = null;
    if (sticky) {
      String remembered = decode(cookies.get(cookieName));
      for (TargetRecord t : eligible) {
        if ((group.arn() + "|" + t.key()).equals(remembered)) {
          chosen = t;
        }
      }
    }
    if (chosen == null) {
      chosen = eligible.get(Math.floorMod(group.next.getAndIncrement(), eligible.size()));
    }
    group.requests().count(); // the target group's RequestCount, which target tracking reads
    if (sticky) {
      String durationKey =
          cookieName.equals(APP_COOKIE)
              ? "stickiness.app_cookie.duration_seconds"
              : "stickiness.lb_cookie.duration_seconds";
      String value = encode(group.arn() + "|" + chosen.key());
      int seconds = group.attributeInt(durationKey);
      setCookies.add(cookie(cookieName, value, seconds));
      if (cookieName.equals(LB_COOKIE)) {
        setCookies.add(cookie("AWSALBCORS", value, seconds) + "; SameSite=None");
      }
    }
    String address = addresses.of(store.region(), group, chosen);
    return address == null ? null : new Choice(group, chosen, address, setCookies);
  }

  private static List<TargetGroupTuple> tuples(Action forward) {
    if (forward.forwardConfig() != null && !forward.forwardConfig().targetGroups().isEmpty()) {
      return forward.forwardConfig().targetGroups();
    }
    return List.of(
        TargetGroupTuple.builder().targetGroupArn(forward.targetGroupArn()).weight(1).build());
  }

  private static int weight(TargetGroupTuple t) {
    return t.weight() == null ? 1 : t.weight();
  }

  private static TargetGroupTuple byWeight(List<TargetGroupTuple> tuples) {
    int total = 0;
    for (TargetGroupTuple t : tuples) {
      total += weight(t);
    }
    if (total <= 0) {
      return null;
    }
    int r = ThreadLocalRandom.current().nextInt(total);
    for (TargetGroupTuple t : tuples) {
      r -= weight(t);
      if (r < 0) {
        return t;
      }
    }
    return null;
  }

  private static String cookie(String name, String value, int seconds) {
    return name + "=" + value + "; Max-Age=" + seconds + "; Path=/";
  }

  private static String encode(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String s) {
    if (s == null) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The request's cookies by name. */
  interface CookieJar {
    String get(String name);
  }
}
