package dev.ec2double.ec2.policyreports;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.regions.RegionCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A report's summary, read from the server's own settings: every attribute of every account in the
 * report's scope in every Region. An attribute's most frequent value is the one most (account,
 * Region) pairs have (ties to the first seen); an account matches in a Region when its value there
 * is that value, and matches overall when it does in every Region.
 */
final class Summaries {
  private Summaries() {}

  static List<ReportStore.Attribute> compute(
      List<String> accounts,
      PolicySettings settings,
      BiFunction<String, String, RegionState> states) {
    List<String> regions = RegionCatalog.regions();
    // attribute -> region -> account -> value
    Map<String, Map<String, Map<String, String>>> values = new LinkedHashMap<>();
    for (String account : accounts) {
      for (String region : regions) {
        RequestContext ctx =
            new RequestContext(
                account,
                region,
                account,
                "GetDeclarativePoliciesReportSummary",
                "report",
                states.apply(account, region));
        settings
            .read(ctx)
            .forEach(
                (name, value) ->
                    values
                        .computeIfAbsent(name, k -> new LinkedHashMap<>())
                        .computeIfAbsent(region, k -> new LinkedHashMap<>())
                        .put(account, value));
      }
    }
    List<ReportStore.Attribute> out = new ArrayList<>();
    values.forEach((name, byRegion) -> out.add(attribute(name, byRegion, accounts)));
    return out;
  }

  private static ReportStore.Attribute attribute(
      String name, Map<String, Map<String, String>> byRegion, List<String> accounts) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    byRegion.values().forEach(m -> m.values().forEach(v -> counts.merge(v, 1, Integer::sum)));
    String top =
        counts.entrySet().stream()
            .max(Comparator.comparingInt(Map.Entry::getValue))
            .map(Map.Entry::getKey)
            .orElse(null);
    List<ReportStore.RegionCounts> regions = new ArrayList<>();
    int matchedEverywhere = 0;
    for (String account : accounts) {
      boolean all = true;
      for (Map<String, String> m : byRegion.values()) {
        all &= top != null && top.equals(m.get(account));
      }
      matchedEverywhere += all ? 1 : 0;
    }
    byRegion.forEach(
        (region, m) -> {
          int matched = (int) m.values().stream().filter(v -> v.equals(top)).count();
          regions.add(new ReportStore.RegionCounts(region, matched, m.size() - matched));
        });
    return new ReportStore.Attribute(
        name, top, matchedEverywhere, accounts.size() - matchedEverywhere, regions);
  }
}
