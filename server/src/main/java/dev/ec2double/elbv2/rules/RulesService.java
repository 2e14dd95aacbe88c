package dev.ec2double.elbv2.rules;

import dev.ec2double.core.RequestContext;
import dev.ec2double.elbv2.ActionChecks;
import dev.ec2double.elbv2.Arns;
import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.Elbv2Tags;
import dev.ec2double.elbv2.ListenerRecord;
import dev.ec2double.elbv2.Markers;
import dev.ec2double.elbv2.RuleRecord;
import dev.ec2double.elbv2.runtime.Elbv2;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesResponse;

/**
 * Listener rules: CreateRule, DescribeRules, ModifyRule, DeleteRule and SetRulePriorities. The
 * default rule is the listener's default actions, shown with priority {@code default}.
 */
public final class RulesService {
  private final Elbv2 elbv2;

  public RulesService(Elbv2 elbv2) {
    this.elbv2 = elbv2;
  }

  public CreateRuleResponse createRule(RequestContext ctx, CreateRuleRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    Elbv2Tags.validate(req.tags());
    synchronized (store) {
      ListenerRecord l = store.listener(req.listenerArn());
      dev.ec2double.elbv2.network.NetworkListeners.checkRulesAllowed(
          store.loadBalancer(l.sdk().loadBalancerArn()).sdk().type());
      checkPriority(req.priority());
      for (RuleRecord r : store.rulesOf(l.arn())) {
        if (r.priority() == req.priority()) {
          throw priorityInUse(req.priority());
        }
      }
      if (store.rulesOf(l.arn()).size() >= 100) {
        throw new AwsException(
            "TooManyRules", "You've reached the limit on the number of rules per load balancer");
      }
      Rule rule =
          Rule.builder()
              .ruleArn(Arns.rule(l.arn()))
              .priority(Integer.toString(req.priority()))
              .conditions(ConditionChecks.check(req.conditions()))
              .actions(ActionChecks.check(store, l.sdk().loadBalancerArn(), req.actions()))
              .isDefault(false)
              .build();
      store.rules.put(rule.ruleArn(), new RuleRecord(store.nextSeq(), l.arn(), rule));
      Elbv2Tags.put(store, rule.ruleArn(), req.tags());
      return CreateRuleResponse.builder().rules(rule).build();
    }
  }

  public DescribeRulesResponse describeRules(RequestContext ctx, DescribeRulesRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    List<Rule> found = new ArrayList<>();
    if (!req.ruleArns().isEmpty()) {
      List<String> missing = new ArrayList<>();
      for (String arn : req.ruleArns()) {
        RuleRecord r = store.rules.get(arn);
        ListenerRecord asDefault = r == null ? store.listenerByDefaultRule(arn) : null;
        if (r != null) {
          found.add(r.sdk());
        } else if (asDefault != null) {
          found.add(defaultRule(asDefault));
        } else {
          missing.add(arn);
        }
      }
      if (!missing.isEmpty()) {
        throw Elbv2Errors.ruleNotFound(String.join(", ", missing));
      }
    } else if (req.listenerArn() != null) {
      ListenerRecord l = store.listener(req.listenerArn());
      store.rulesOf(l.arn()).forEach(r -> found.add(r.sdk()));
      found.add(defaultRule(l));
    } else {
      throw Elbv2Errors.validation("You must specify either rule ARNs or a listener ARN");
    }
    Markers.Page<Rule> page = Markers.page(found, req.marker(), req.pageSize());
    return DescribeRulesResponse.builder()
        .rules(page.items())
        .nextMarker(page.nextMarker())
        .build();
  }

  public ModifyRuleResponse modifyRule(RequestContext ctx, ModifyRuleRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      if (req.ruleArn() == null) {
        throw Elbv2Errors.ruleNotFound(null);
      }
      RuleRecord r = store.rules.get(req.ruleArn());
      if (r == null) {
        ListenerRecord l = store.listenerByDefaultRule(req.ruleArn());
        if (l == null) {
          throw Elbv2Errors.ruleNotFound(req.ruleArn());
        }
        if (!req.conditions().isEmpty()) {
          throw Elbv2Errors.notPermitted("The conditions of a default rule cannot be modified");
        }
        if (!req.actions().isEmpty()) {
          l.update(
              l.sdk().toBuilder()
                  .defaultActions(
                      ActionChecks.check(store, l.sdk().loadBalancerArn(), req.actions()))
                  .build());
        }
        return ModifyRuleResponse.builder().rules(defaultRule(l)).build();
      }
      ListenerRecord l = store.listener(r.listenerArn);
      Rule.Builder b = r.sdk().toBuilder();
      if (!req.conditions().isEmpty()) {
        b.conditions(ConditionChecks.check(req.conditions()));
      }
      if (!req.actions().isEmpty()) {
        b.actions(ActionChecks.check(store, l.sdk().loadBalancerArn(), req.actions()));
      }
      r.update(b.build());
      return ModifyRuleResponse.builder().rules(r.sdk()).build();
    }
  }

  public DeleteRuleResponse deleteRule(RequestContext ctx, DeleteRuleRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      if (req.ruleArn() == null) {
        throw Elbv2Errors.ruleNotFound(null);
      }
      if (store.listenerByDefaultRule(req.ruleArn()) != null) {
        throw Elbv2Errors.notPermitted("Default rule '" + req.ruleArn() + "' cannot be deleted");
      }
      if (store.rules.remove(req.ruleArn()) == null) {
        throw Elbv2Errors.ruleNotFound(req.ruleArn());
      }
      store.tags.remove(req.ruleArn());
    }
    return DeleteRuleResponse.builder().build();
  }

  public SetRulePrioritiesResponse setRulePriorities(
      RequestContext ctx, SetRulePrioritiesRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      Map<String, Integer> wanted = new HashMap<>();
      for (RulePriorityPair p : req.rulePriorities()) {
        if (p.ruleArn() == null) {
          throw Elbv2Errors.ruleNotFound(null);
        }
        if (store.listenerByDefaultRule(p.ruleArn()) != null) {
          throw Elbv2Errors.notPermitted(
              "The priority of default rule '" + p.ruleArn() + "' cannot be changed");
        }
        if (!store.rules.containsKey(p.ruleArn())) {
          throw Elbv2Errors.ruleNotFound(p.ruleArn());
        }
        checkPriority(p.priority());
        wanted.put(p.ruleArn(), p.priority());
      }
      Map<String, Map<Integer, String>> byListener = new HashMap<>();
      for (RuleRecord r : store.rules.values()) {
        int priority = wanted.getOrDefault(r.arn(), r.priority());
        String clash =
            byListener.computeIfAbsent(r.listenerArn, k -> new HashMap<>()).put(priority, r.arn());
        if (clash != null) {
          throw priorityInUse(priority);
        }
      }
      List<Rule> changed = new ArrayList<>();
      for (Map.Entry<String, Integer> e : wanted.entrySet()) {
        RuleRecord r = store.rules.get(e.getKey());
        r.update(r.sdk().toBuilder().priority(Integer.toString(e.getValue())).build());
        changed.add(r.sdk());
      }
      return SetRulePrioritiesResponse.builder().rules(changed).build();
    }
  }

  private static Rule defaultRule(ListenerRecord l) {
    return Rule.builder()
        .ruleArn(l.defaultRuleArn)
        .priority("default")
        .conditions(List.of())
        .actions(l.sdk().defaultActions())
        .isDefault(true)
        .build();
  }

  private static void checkPriority(Integer priority) {
    if (priority == null || priority < 1 || priority > 50000) {
      throw Elbv2Errors.validation("Priority '" + priority + "' must be from 1 to 50000");
    }
  }

  private static AwsException priorityInUse(int priority) {
    return new AwsException("PriorityInUse", "Priority '" + priority + "' is currently in use");
  }
}
