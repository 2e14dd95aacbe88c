package dev.ec2double.elbv2;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** What listeners and rules share about actions: which target groups they forward to. */
public final class Actions {
  private Actions() {}

  public static Set<String> targetGroupsOf(List<Action> actions) {
    Set<String> arns = new LinkedHashSet<>();
    for (Action a : actions) {
      arns.addAll(targetGroupsOf(a));
    }
    return arns;
  }

  public static List<String> targetGroupsOf(Action a) {
    List<String> arns = new ArrayList<>();
    if (a.targetGroupArn() != null) {
      arns.add(a.targetGroupArn());
    }
    if (a.forwardConfig() != null) {
      for (TargetGroupTuple t : a.forwardConfig().targetGroups()) {
        if (t.targetGroupArn() != null && !arns.contains(t.targetGroupArn())) {
          arns.add(t.targetGroupArn());
        }
      }
    }
    return arns;
  }
}
