package dev.ec2double.server;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.appstatus.AppInstances;
import dev.ec2double.ec2.appstatus.AppProbes;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.InstanceState;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.elbv2.health.HealthChecker;
import java.util.List;
import java.util.function.Consumer;

/**
 * Application status checks' seams: instances from the instances feature's store, probes by the
 * load balancers' health checker (one prober in the server).
 */
final class AppStatusSeams {
  private AppStatusSeams() {}

  static AppInstances instances() {
    return new AppInstances() {
      @Override
      public Instance find(RegionState region, String instanceId) {
        InstanceRecord r = instanceId == null ? null : Instances.store(region).get(instanceId);
        return r == null || r.state() == InstanceState.TERMINATED ? null : view(region, r);
      }

      @Override
      public List<Instance> all(RegionState region) {
        return Instances.store(region).all().stream()
            .filter(r -> r.state() != InstanceState.TERMINATED)
            .map(r -> view(region, r))
            .toList();
      }

      @Override
      public List<Instance> require(RequestContext ctx, List<String> instanceIds) {
        return Instances.requireAll(ctx, instanceIds).stream()
            .map(r -> view(ctx.state(), r))
            .toList();
      }
    };
  }

  private static AppInstances.Instance view(RegionState region, InstanceRecord r) {
    return new AppInstances.Instance(
        r.id(),
        r.state().awsName(),
        r.zone(),
        r.privateIp(),
        r.launchTime(),
        region.tags().get(r.id()));
  }

  static AppProbes probes(ComputeBackend backend, HealthChecker checker) {
    boolean real = !backend.name().equals("mock");
    return new AppProbes() {
      @Override
      public boolean real() {
        return real;
      }

      @Override
      public void probe(
          boolean https,
          String address,
          int port,
          String path,
          int timeoutSeconds,
          Consumer<Outcome> done) {
        checker.probe(
            https,
            address,
            port,
            path,
            timeoutSeconds,
            "EC2-ApplicationStatusCheck/1.0",
            p ->
                done.accept(
                    new Outcome(
                        p.status(), p.failure() == null ? null : camelCase(p.failure().name()))));
      }
    };
  }

  /** {@code CONNECTION_REFUSED} to {@code ConnectionRefused}: the reason codes of the API. */
  private static String camelCase(String name) {
    StringBuilder out = new StringBuilder();
    for (String word : name.split("_")) {
      out.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return out.toString();
  }
}
