package dev.ec2double.ec2.hosts;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.DescribeMacHostsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeMacHostsResponse;
import software.amazon.awssdk.services.ec2.model.MacHost;

/**
 * DescribeMacHosts: the Dedicated Hosts of the mac families (mac1, mac2 and their variants), with
 * the latest macOS versions each supports; hosts of other families are not Mac hosts, and naming
 * one answers nothing for it, as on AWS.
 */
public final class MacHostsService {
  /** The newest macOS releases AWS lists for Mac hosts (x86 Mac and Apple silicon alike). */
  static final List<String> MACOS_VERSIONS = List.of("13.7.1", "14.7.1", "15.1");

  private static final FilterSpec<HostStore.Host> FILTERS =
      FilterSpec.<HostStore.Host>of()
          .field("availability-zone", h -> h.zone)
          .field("instance-type", h -> h.instanceType);

  public DescribeMacHostsResponse describeMacHosts(
      RequestContext ctx, DescribeMacHostsRequest req) {
    Predicate<HostStore.Host> filter = FILTERS.compile(req.filters());
    for (String id : req.hostIds()) {
      Hosts.KIND.get(ctx.state(), id);
    }
    List<MacHost> out = new ArrayList<>();
    for (HostStore.Host h : Hosts.KIND.all(ctx.state())) {
      boolean asked = req.hostIds().isEmpty() || req.hostIds().contains(h.id);
      if (asked && isMac(h) && !h.state.equals("released") && filter.test(h)) {
        out.add(
            MacHost.builder().hostId(h.id).macOSLatestSupportedVersions(MACOS_VERSIONS).build());
      }
    }
    Pages.Page<MacHost> page = Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeMacHostsResponse.builder()
        .macHosts(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static boolean isMac(HostStore.Host h) {
    return h.family != null && h.family.startsWith("mac");
  }
}
