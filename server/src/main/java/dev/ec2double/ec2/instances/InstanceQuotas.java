package dev.ec2double.ec2.instances;

import dev.ec2double.core.Quotas;
import dev.ec2double.core.Quotas.Quota;
import dev.ec2double.core.RequestContext;
import java.util.function.Function;

/**
 * How many instances a RunInstances call may launch under the account's quotas: as on AWS, up to
 * MaxCount as far as they fit, and the limit's error when not even MinCount does. Callers hold the
 * store's lock from this count until the instances are stored, so concurrent launches cannot
 * overshoot together.
 */
final class InstanceQuotas {
  private InstanceQuotas() {}

  static int launchable(
      RequestContext ctx,
      InstanceStore store,
      Function<String, TypeLimits> types,
      TypeLimits type,
      int min,
      int max) {
    long instances = 0;
    long vcpus = 0;
    for (InstanceRecord r : store.all()) {
      InstanceState s = r.state();
      if (s == InstanceState.TERMINATED) {
        continue;
      }
      instances++;
      if (s != InstanceState.STOPPED) {
        TypeLimits t = types.apply(r.instanceType);
        vcpus += t == null ? 1 : t.vcpus();
      }
    }
    Quotas quotas = ctx.quotas();
    long byCount = quotas.room(Quota.INSTANCES, instances, 1);
    long byVcpus = quotas.room(Quota.VCPUS, vcpus, type.vcpus());
    if (byCount < min) {
      throw quotas.exceeded(Quota.INSTANCES, instances, min);
    }
    if (byVcpus < min) {
      throw quotas.exceeded(Quota.VCPUS, vcpus, (long) min * type.vcpus());
    }
    return (int) Math.min(max, Math.min(byCount, byVcpus));
  }
}
