package dev.ec2double.elbv2;

import dev.ec2double.core.RegionState;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The load balancers, target groups, listeners, rules, trust stores and tags of one account in one
 * region. Services change it while holding its lock (one change at a time keeps cross-resource
 * checks such as "target group in use" true); the proxy and the health checker read its concurrent
 * maps.
 */
public final class Elbv2Store implements java.io.Serializable {
  private final RegionState region;
  private final AtomicLong seq = new AtomicLong();
  public final Map<String, LoadBalancerRecord> loadBalancers = new ConcurrentHashMap<>();
  public final Map<String, TargetGroupRecord> targetGroups = new ConcurrentHashMap<>();
  public final Map<String, ListenerRecord> listeners = new ConcurrentHashMap<>();
  public final Map<String, RuleRecord> rules = new ConcurrentHashMap<>();
  public final Map<String, TrustStoreRecord> trustStores = new ConcurrentHashMap<>();
  public final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();

  public Elbv2Store(RegionState region) {
    this.region = region;
  }

  public RegionState region() {
    return region;
  }

  public long nextSeq() {
    return seq.incrementAndGet();
  }

  public List<LoadBalancerRecord> loadBalancers() {
    return loadBalancers.values().stream().sorted(Comparator.comparingLong(r -> r.seq)).toList();
  }

  public List<TargetGroupRecord> targetGroups() {
    return targetGroups.values().stream().sorted(Comparator.comparingLong(r -> r.seq)).toList();
  }

  public List<ListenerRecord> listenersOf(String loadBalancerArn) {
    return listeners.values().stream()
        .filter(l -> l.sdk().loadBalancerArn().equals(loadBalancerArn))
        .sorted(Comparator.comparingLong(r -> r.seq))
        .toList();
  }

  /** A listener's rules in priority order (the default rule is not among them). */
  public List<RuleRecord> rulesOf(String listenerArn) {
    return rules.values().stream()
        .filter(r -> r.listenerArn.equals(listenerArn))
        .sorted(Comparator.comparingInt(RuleRecord::priority))
        .toList();
  }

  public LoadBalancerRecord loadBalancer(String arn) {
    LoadBalancerRecord r = arn == null ? null : loadBalancers.get(arn);
    if (r == null) {
      throw Elbv2Errors.loadBalancerNotFound(arn);
    }
    return r;
  }

  public List<TrustStoreRecord> trustStores() {
    return trustStores.values().stream().sorted(Comparator.comparingLong(r -> r.seq)).toList();
  }

  public TrustStoreRecord trustStore(String arn) {
    TrustStoreRecord r = arn == null ? null : trustStores.get(arn);
    if (r == null) {
      throw Elbv2Errors.trustStoreNotFound(arn);
    }
    return r;
  }

  /** The listeners whose mutual authentication names the trust store, in creation order. */
  public List<String> listenersTrusting(String trustStoreArn) {
    return listeners.values().stream()
        .filter(
            l ->
                l.sdk().mutualAuthentication() != null
                    && trustStoreArn.equals(l.sdk().mutualAuthentication().trustStoreArn()))
        .sorted(Comparator.comparingLong(r -> r.seq))
        .map(ListenerRecord::arn)
        .toList();
  }

  public TargetGroupRecord targetGroup(String arn) {
    TargetGroupRecord r = arn == null ? null : targetGroups.get(arn);
    if (r == null) {
      throw Elbv2Errors.targetGroupNotFound(arn);
    }
    return r;
  }

  public ListenerRecord listener(String arn) {
    ListenerRecord r = arn == null ? null : listeners.get(arn);
    if (r == null) {
      throw Elbv2Errors.listenerNotFound(arn);
    }
    return r;
  }

  /** The listener's default rule when the ARN names one, else null. */
  public ListenerRecord listenerByDefaultRule(String ruleArn) {
    for (ListenerRecord l : listeners.values()) {
      if (l.defaultRuleArn.equals(ruleArn)) {
        return l;
      }
    }
    return null;
  }

  /** The load balancers whose listeners or rules forward to the target group, by ARN. */
  public List<String> loadBalancersUsing(String targetGroupArn) {
    Map<String, Long> lbs = new LinkedHashMap<>();
    Predicate<List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action>> uses =
        actions -> Actions.targetGroupsOf(actions).contains(targetGroupArn);
    for (ListenerRecord l : listeners.values()) {
      boolean used = uses.test(l.sdk().defaultActions());
      for (RuleRecord r : rules.values()) {
        used |= r.listenerArn.equals(l.arn()) && uses.test(r.sdk().actions());
      }
      if (used) {
        String lb = l.sdk().loadBalancerArn();
        LoadBalancerRecord lbr = loadBalancers.get(lb);
        lbs.put(lb, lbr == null ? 0 : lbr.seq);
      }
    }
    return lbs.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Saved under the lock that guards these fields, so the saved copy is consistent. */
  private synchronized void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    out.defaultWriteObject();
  }
}
