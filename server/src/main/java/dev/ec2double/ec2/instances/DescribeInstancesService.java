package dev.ec2double.ec2.instances;

import dev.ec2double.core.Changes;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.TagStore;
import dev.ec2double.ec2.vpc.InstanceNetworking;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusDetails;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;
import software.amazon.awssdk.services.ec2.model.Reservation;

/** DescribeInstances and DescribeInstanceStatus. */
public final class DescribeInstancesService {
  private final InstancesService instances;

  public DescribeInstancesService(InstancesService instances) {
    this.instances = instances;
  }

  public DescribeInstancesResponse describeInstances(
      RequestContext ctx, DescribeInstancesRequest req) {
    if (req.maxResults() != null && !req.instanceIds().isEmpty()) {
      throw AwsException.invalidParameterCombination(
          "The parameter instancesSet cannot be used with the parameter maxResults");
    }
    List<InstanceRecord> records =
        req.instanceIds().isEmpty()
            ? Instances.store(ctx.state()).all()
            : Instances.requireAll(ctx, req.instanceIds());
    TagStore tags = ctx.tags();
    Predicate<Instance> filter = InstanceFilters.INSTANCES.compile(req.filters());
    Map<String, Reservation.Builder> reservations = new LinkedHashMap<>();
    Map<String, List<Instance>> byReservation = new LinkedHashMap<>();
    List<Instance> matching = new ArrayList<>();
    Map<Instance, InstanceRecord> recordOf = new java.util.IdentityHashMap<>();
    Views views = new Views(ctx, tags);
    for (InstanceRecord r : records) {
      Instance view = views.of(r);
      if (filter.test(view)) {
        matching.add(view);
        recordOf.put(view, r);
      }
    }
    Pages.Page<Instance> page =
        Pages.page("DescribeInstances", matching, req.maxResults(), req.nextToken());
    for (Instance i : page.items()) {
      InstanceRecord r = recordOf.get(i);
      reservations.computeIfAbsent(
          r.reservationId,
          id -> Reservation.builder().reservationId(id).ownerId(r.ownerId).groups(List.of()));
      byReservation.computeIfAbsent(r.reservationId, id -> new ArrayList<>()).add(i);
    }
    List<Reservation> out = new ArrayList<>();
    reservations.forEach((id, b) -> out.add(b.instances(byReservation.get(id)).build()));
    return DescribeInstancesResponse.builder()
        .reservations(out)
        .nextToken(page.nextToken())
        .build();
  }

  /**
   * The instances' views, each reused when nothing at all changed since it was built ({@link
   * Changes#count()} is the same), else built again. The region's volumes and interfaces are read
   * once, for all the instances, and only when one view has to be built.
   */
  private final class Views {
    private final RequestContext ctx;
    private final TagStore tags;
    private final long generation;
    private Map<String, List<InstanceBlockDeviceMapping>> devices;
    private Map<String, InstanceNetworking.View> networks;

    Views(RequestContext ctx, TagStore tags) {
      this.ctx = ctx;
      this.tags = tags;
      this.generation = Changes.count(); // read before anything the views show
    }

    Instance of(InstanceRecord r) {
      InstanceRecord.DescribedView last = r.described;
      if (last != null && last.generation() == generation) {
        return last.view();
      }
      if (devices == null) {
        devices = instances.storage().devicesByInstance(ctx.state());
        networks = instances.networking().views(ctx.state());
      }
      Instance view =
          InstanceView.toSdk(
              r,
              tags,
              instances.typeOrNull(r.instanceType),
              devices.getOrDefault(r.id, List.of()),
              networks.getOrDefault(r.id, InstanceNetworking.View.NONE));
      r.described = new InstanceRecord.DescribedView(generation, view);
      return view;
    }
  }

  public DescribeInstanceStatusResponse describeInstanceStatus(
      RequestContext ctx, DescribeInstanceStatusRequest req) {
    if (req.maxResults() != null && !req.instanceIds().isEmpty()) {
      throw AwsException.invalidParameterCombination(
          "The parameter instancesSet cannot be used with the parameter maxResults");
    }
    List<InstanceRecord> records =
        req.instanceIds().isEmpty()
            ? Instances.store(ctx.state()).all()
            : Instances.requireAll(ctx, req.instanceIds());
    boolean all = Boolean.TRUE.equals(req.includeAllInstances());
    Predicate<InstanceStatus> filter = InstanceFilters.STATUS.compile(req.filters());
    List<InstanceStatus> statuses = new ArrayList<>();
    for (InstanceRecord r : records) {
      InstanceState s = r.state();
      if (!all && s != InstanceState.RUNNING) {
        continue;
      }
      InstanceStatus status = status(r, s);
      if (filter.test(status)) {
        statuses.add(status);
      }
    }
    Pages.Page<InstanceStatus> page =
        Pages.page("DescribeInstanceStatus", statuses, req.maxResults(), req.nextToken());
    return DescribeInstanceStatusResponse.builder()
        .instanceStatuses(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /**
   * A running machine passes both checks unless a fault impairs it; anything else has nothing to
   * check. Scheduled events show until they happen.
   */
  private InstanceStatus status(InstanceRecord r, InstanceState s) {
    boolean running = s == InstanceState.RUNNING;
    InstanceFaults faults = instances.faults();
    return InstanceStatus.builder()
        .instanceId(r.id)
        .availabilityZone(r.zone)
        .instanceState(s.toSdk())
        .instanceStatus(summary(running, faults == null ? null : faults.impairedSince(r, false)))
        .systemStatus(summary(running, faults == null ? null : faults.impairedSince(r, true)))
        .attachedEbsStatus(
            software.amazon.awssdk.services.ec2.model.EbsStatusSummary.builder()
                .status(running ? "ok" : "not-applicable")
                .build())
        .events(faults == null ? List.of() : FaultViews.events(faults.scheduled(r.id)))
        .build();
  }

  private static InstanceStatusSummary summary(
      boolean running, java.util.Optional<java.time.Instant> impairedSince) {
    if (!running) {
      return InstanceStatusSummary.builder().status("not-applicable").details(List.of()).build();
    }
    boolean impaired = impairedSince != null && impairedSince.isPresent();
    return InstanceStatusSummary.builder()
        .status(impaired ? "impaired" : "ok")
        .details(
            InstanceStatusDetails.builder()
                .name("reachability")
                .status(impaired ? "failed" : "passed")
                .impairedSince(impaired ? impairedSince.get() : null)
                .build())
        .build();
  }
}
