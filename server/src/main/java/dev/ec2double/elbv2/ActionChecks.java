package dev.ec2double.elbv2;

import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Checks and normalizes the actions of a listener or rule as AWS does
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#rule-action-types):
 * exactly one of forward, redirect or fixed-response; a forward names 1 to 5 target groups of this
 * load balancer (a target group serves one load balancer), weights 0 to 999.
 */
public final class ActionChecks {
  private static final Pattern STATUS = Pattern.compile("[245]\\d\\d");
  private static final Set<String> CONTENT_TYPES =
      Set.of("text/plain", "text/css", "text/html", "application/javascript", "application/json");

  private ActionChecks() {}

  public static List<Action> check(Elbv2Store store, String loadBalancerArn, List<Action> actions) {
    if (actions.isEmpty()) {
      throw Elbv2Errors.validation("At least one action must be specified");
    }
    List<Action> out = new ArrayList<>();
    int terminal = 0;
    for (int i = 0; i < actions.size(); i++) {
      Action a = actions.get(i);
      if (a.type() == null) {
        throw Elbv2Errors.validation("An action type must be specified");
      }
      if (a.order() != null && (a.order() < 1 || a.order() > 50000)) {
        throw Elbv2Errors.validation("Action order must be from 1 to 50000");
      }
      switch (a.type()) {
        case FORWARD ->
            out.add(forward(store, loadBalancerArn, a, actions.size() == 1 ? null : i + 1));
        case REDIRECT -> out.add(redirect(a));
        case FIXED_RESPONSE -> out.add(fixed(a));
        default ->
            throw Elbv2Errors.invalidAction(
                "ec2-double does not implement '" + a.typeAsString() + "' actions");
      }
      terminal++;
    }
    if (terminal != 1) {
      throw Elbv2Errors.invalidAction(
          "Exactly one forward, redirect or fixed-response action must be specified");
    }
    return out;
  }

  private static Action forward(Elbv2Store store, String lbArn, Action a, Integer order) {
    List<TargetGroupTuple> tuples = new ArrayList<>();
    ForwardActionConfig config = a.forwardConfig();
    if (config != null && !config.targetGroups().isEmpty()) {
      tuples.addAll(config.targetGroups());
      if (a.targetGroupArn() != null
          && (tuples.size() != 1 || !a.targetGroupArn().equals(tuples.get(0).targetGroupArn()))) {
        throw Elbv2Errors.validation(
            "You cannot specify both a target group ARN and a forward config with different target groups");
      }
    } else if (a.targetGroupArn() != null) {
      tuples.add(TargetGroupTuple.builder().targetGroupArn(a.targetGroupArn()).build());
    } else {
      throw Elbv2Errors.validation("A target group ARN must be specified");
    }
    if (tuples.size() > 5) {
      throw Elbv2Errors.validation("A forward action can have at most 5 target groups");
    }
    Set<String> seen = new HashSet<>();
    for (TargetGroupTuple t : tuples) {
      store.targetGroup(t.targetGroupArn());
      if (!seen.add(t.targetGroupArn())) {
        throw Elbv2Errors.validation(
            "Target group '" + t.targetGroupArn() + "' is specified more than once");
      }
      if (t.weight() != null && (t.weight() < 0 || t.weight() > 999)) {
        throw Elbv2Errors.validation("Target group weight must be from 0 to 999");
      }
      for (String other : store.loadBalancersUsing(t.targetGroupArn())) {
        if (!other.equals(lbArn)) {
          throw new AwsException(
              "TargetGroupAssociationLimit",
              "The following target groups cannot be associated with more than one load balancer: '"
                  + t.targetGroupArn()
                  + "'");
        }
      }
    }
    Action.Builder b = a.toBuilder();
    if (tuples.size() == 1) {
      b.targetGroupArn(tuples.get(0).targetGroupArn());
    }
    List<TargetGroupTuple> weighted =
        tuples.stream().map(t -> t.weight() == null ? t.toBuilder().weight(1).build() : t).toList();
    ForwardActionConfig.Builder fc =
        config == null ? ForwardActionConfig.builder() : config.toBuilder();
    fc.targetGroups(weighted);
    if (config == null || config.targetGroupStickinessConfig() == null) {
      fc.targetGroupStickinessConfig(
          software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig
              .builder()
              .enabled(false)
              .build());
    }
    return b.forwardConfig(fc.build()).order(a.order() == null ? order : a.order()).build();
  }

  private static Action redirect(Action a) {
    RedirectActionConfig c = a.redirectConfig();
    if (c == null || c.statusCode() == null) {
      throw Elbv2Errors.validation("A redirect config with a status code must be specified");
    }
    if (c.protocol() != null
        && !c.protocol().equals("HTTP")
        && !c.protocol().equals("HTTPS")
        && !c.protocol().equals("#{protocol}")) {
      throw Elbv2Errors.validation("Redirect protocol must be HTTP, HTTPS or #{protocol}");
    }
    if (c.path() != null && !c.path().startsWith("/")) {
      throw Elbv2Errors.validation("Redirect path must start with '/'");
    }
    if (c.query() != null && c.query().startsWith("?")) {
      throw Elbv2Errors.validation("Redirect query must not start with '?'");
    }
    boolean self =
        (c.protocol() == null || c.protocol().equals("#{protocol}"))
            && (c.host() == null || c.host().equals("#{host}"))
            && (c.port() == null || c.port().equals("#{port}"))
            && (c.path() == null || c.path().equals("/#{path}"))
            && (c.query() == null || c.query().equals("#{query}"));
    if (self) {
      throw Elbv2Errors.invalidAction(
          "The redirect configuration is not valid: it redirects to itself");
    }
    RedirectActionConfig filled =
        c.toBuilder()
            .protocol(c.protocol() == null ? "#{protocol}" : c.protocol())
            .host(c.host() == null ? "#{host}" : c.host())
            .port(c.port() == null ? "#{port}" : c.port())
            .path(c.path() == null ? "/#{path}" : c.path())
            .query(c.query() == null ? "#{query}" : c.query())
            .build();
    return a.toBuilder().redirectConfig(filled).build();
  }

  private static Action fixed(Action a) {
    FixedResponseActionConfig c = a.fixedResponseConfig();
    if (c == null || c.statusCode() == null || !STATUS.matcher(c.statusCode()).matches()) {
      throw Elbv2Errors.validation("A fixed response status code must be 2XX, 4XX or 5XX");
    }
    if (c.contentType() != null && !CONTENT_TYPES.contains(c.contentType())) {
      throw Elbv2Errors.validation(
          "Fixed response content type must be one of " + String.join(", ", CONTENT_TYPES));
    }
    if (c.messageBody() != null && c.messageBody().length() > 1024) {
      throw Elbv2Errors.validation("Fixed response message body can be at most 1024 characters");
    }
    return a;
  }

  /** The target groups the actions forward to (for association checks). */
  public static Set<String> targetGroups(List<Action> actions) {
    return Actions.targetGroupsOf(actions);
  }

  static boolean isForward(Action a) {
    return a.type() == ActionTypeEnum.FORWARD;
  }
}
