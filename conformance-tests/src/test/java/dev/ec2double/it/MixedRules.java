package dev.ec2double.it;

import dev.ec2double.server.Ec2DoubleServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * Listener rules in the mixed workload: every thread adds rules to one shared listener at
 * priorities of its own and deletes some of them, so the listener must end with exactly the rules
 * that were added and not deleted (no lost or doubled update).
 */
public final class MixedRules implements AutoCloseable {
  private final ElasticLoadBalancingV2Client elb;
  private final String loadBalancer;
  private final String listener;

  /** Rule ARN to the path its condition matches, for every rule added and not deleted. */
  public final Map<String, String> rules = new ConcurrentHashMap<>();

  public MixedRules(Ec2DoubleServer server, String account) {
    elb = Elbv2Clients.of(server, account);
    loadBalancer =
        elb.createLoadBalancer(
                r -> r.name("mixed-" + account).subnets(Elbv2Clients.twoSubnets(server, account)))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    listener =
        elb.createListener(
                r ->
                    r.loadBalancerArn(loadBalancer)
                        .port(18080)
                        .protocol("HTTP")
                        .defaultActions(fixed(404)))
            .listeners()
            .get(0)
            .listenerArn();
  }

  /**
   * Adds a rule at a priority only this call uses, or deletes one this thread added; a thread keeps
   * at most 5, so 16 threads stay under AWS's 100 rules per load balancer.
   */
  public void step(int thread, int n, Random random, List<String> mine) {
    if (mine.isEmpty() || (mine.size() < 5 && random.nextBoolean())) {
      String path = "/t" + thread + "/" + n;
      String arn =
          elb.createRule(
                  r ->
                      r.listenerArn(listener)
                          .priority(1 + thread * 1000 + n)
                          .conditions(c -> c.field("path-pattern").values(path))
                          .actions(fixed(200)))
              .rules()
              .get(0)
              .ruleArn();
      if (rules.put(arn, path) != null) {
        throw new IllegalStateException("rule ARN handed out twice: " + arn);
      }
      mine.add(arn);
    } else {
      String arn = mine.remove(random.nextInt(mine.size()));
      elb.deleteRule(r -> r.ruleArn(arn));
      rules.remove(arn);
    }
  }

  /** The listener's rules but its default one. */
  public List<Rule> described() {
    List<Rule> out = new ArrayList<>();
    for (Rule r : elb.describeRules(b -> b.listenerArn(listener).pageSize(400)).rules()) {
      if (!Boolean.TRUE.equals(r.isDefault())) {
        out.add(r);
      }
    }
    return out;
  }

  /** Their priorities, each once. */
  public static boolean uniquePriorities(List<Rule> described) {
    Set<String> seen = new HashSet<>();
    return described.stream().allMatch(r -> seen.add(r.priority()));
  }

  private static Action fixed(int status) {
    return Action.builder()
        .type(ActionTypeEnum.FIXED_RESPONSE)
        .fixedResponseConfig(f -> f.statusCode(Integer.toString(status)))
        .build();
  }

  @Override
  public void close() {
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(loadBalancer));
    elb.close();
  }
}
