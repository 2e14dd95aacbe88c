package dev.ec2double.ec2.insights;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAccessScope;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAccessScopeAnalysis;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsPath;
import software.amazon.awssdk.services.ec2.model.PathFilter;

/**
 * The four insights kinds with the filters of their Describe calls
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkInsightsPaths.html and
 * its siblings). A path with analyses, or a scope with analyses, cannot be deleted.
 */
final class InsightsKinds {
  private InsightsKinds() {}

  static String arn(RequestContext ctx, String type, String id) {
    return "arn:aws:ec2:" + ctx.region() + ":" + ctx.account() + ":" + type + "/" + id;
  }

  static final ResourceKind<InsightsStore.Path, NetworkInsightsPath> PATHS =
      ResourceKind.<InsightsStore.Path, NetworkInsightsPath>of("nip", "network-insights-path")
          .errors("InvalidNetworkInsightsPathId.NotFound", "network insights path", null)
          .storedIn(InsightsStore::of, s -> s.paths)
          .id(InsightsStore.Path::id)
          .view(InsightsKinds::path, NetworkInsightsPath::tags)
          .filter("destination", NetworkInsightsPath::destination)
          .filter("destination-ip", NetworkInsightsPath::destinationIp)
          .filter("destination-port", NetworkInsightsPath::destinationPort)
          .filter("protocol", NetworkInsightsPath::protocolAsString)
          .filter("source", NetworkInsightsPath::source)
          .filter("source-ip", NetworkInsightsPath::sourceIp)
          .filter("filter-at-source.source-address", p -> address(p.filterAtSource(), true))
          .filter("filter-at-source.destination-address", p -> address(p.filterAtSource(), false))
          .filter(
              "filter-at-destination.source-address", p -> address(p.filterAtDestination(), true))
          .filter(
              "filter-at-destination.destination-address",
              p -> address(p.filterAtDestination(), false))
          .inUseWhen(
              (state, p) ->
                  InsightsStore.of(state).analyses.values().stream()
                      .anyMatch(a -> a.analysis().networkInsightsPathId().equals(p.id())))
          .build();

  private static String address(PathFilter f, boolean source) {
    return f == null ? null : source ? f.sourceAddress() : f.destinationAddress();
  }

  static final ResourceKind<InsightsStore.Result, NetworkInsightsAnalysis> ANALYSES =
      ResourceKind.<InsightsStore.Result, NetworkInsightsAnalysis>of(
              "nia", "network-insights-analysis")
          .errors("InvalidNetworkInsightsAnalysisId.NotFound", "network insights analysis", null)
          .storedIn(InsightsStore::of, s -> s.analyses)
          .id(InsightsStore.Result::id)
          .view(
              (ctx, r) -> r.analysis().toBuilder().tags(ctx.tags().sdkTags(r.id())).build(),
              NetworkInsightsAnalysis::tags)
          .filter("path-found", NetworkInsightsAnalysis::networkPathFound)
          .filter("status", NetworkInsightsAnalysis::statusAsString)
          .build();

  static final ResourceKind<InsightsStore.Scope, NetworkInsightsAccessScope> SCOPES =
      ResourceKind.<InsightsStore.Scope, NetworkInsightsAccessScope>of(
              "nis", "network-insights-access-scope")
          .errors(
              "InvalidNetworkInsightsAccessScopeId.NotFound", "network insights access scope", null)
          .storedIn(InsightsStore::of, s -> s.scopes)
          .id(InsightsStore.Scope::id)
          .view(
              (ctx, s) ->
                  NetworkInsightsAccessScope.builder()
                      .networkInsightsAccessScopeId(s.id())
                      .networkInsightsAccessScopeArn(
                          arn(ctx, "network-insights-access-scope", s.id()))
                      .createdDate(s.created())
                      .updatedDate(s.created())
                      .tags(ctx.tags().sdkTags(s.id()))
                      .build(),
              NetworkInsightsAccessScope::tags)
          .inUseWhen(
              (state, s) ->
                  InsightsStore.of(state).scopeAnalyses.values().stream()
                      .anyMatch(a -> a.analysis().networkInsightsAccessScopeId().equals(s.id())))
          .build();

  static final ResourceKind<InsightsStore.ScopeResult, NetworkInsightsAccessScopeAnalysis>
      SCOPE_ANALYSES =
          ResourceKind.<InsightsStore.ScopeResult, NetworkInsightsAccessScopeAnalysis>of(
                  "nisa", "network-insights-access-scope-analysis")
              .errors(
                  "InvalidNetworkInsightsAccessScopeAnalysisId.NotFound",
                  "network insights access scope analysis",
                  null)
              .storedIn(InsightsStore::of, s -> s.scopeAnalyses)
              .id(InsightsStore.ScopeResult::id)
              .view(
                  (ctx, r) -> r.analysis().toBuilder().tags(ctx.tags().sdkTags(r.id())).build(),
                  NetworkInsightsAccessScopeAnalysis::tags)
              .filter("findings-found", NetworkInsightsAccessScopeAnalysis::findingsFoundAsString)
              .filter("status", NetworkInsightsAccessScopeAnalysis::statusAsString)
              .build();

  private static NetworkInsightsPath path(RequestContext ctx, InsightsStore.Path p) {
    return NetworkInsightsPath.builder()
        .networkInsightsPathId(p.id())
        .networkInsightsPathArn(arn(ctx, "network-insights-path", p.id()))
        .createdDate(p.created())
        .source(p.source())
        .destination(p.destination())
        .sourceArn(resourceArn(ctx, p.source()))
        .destinationArn(resourceArn(ctx, p.destination()))
        .sourceIp(p.sourceIp())
        .destinationIp(p.destinationIp())
        .protocol(p.protocol())
        .destinationPort(p.destinationPort())
        .filterAtSource(p.filterAtSource())
        .filterAtDestination(p.filterAtDestination())
        .tags(ctx.tags().sdkTags(p.id()))
        .build();
  }

  private static String resourceArn(RequestContext ctx, String id) {
    if (id == null) {
      return null;
    }
    String type =
        id.startsWith("i-")
            ? "instance"
            : id.startsWith("igw-") ? "internet-gateway" : "network-interface";
    return arn(ctx, type, id);
  }
}
