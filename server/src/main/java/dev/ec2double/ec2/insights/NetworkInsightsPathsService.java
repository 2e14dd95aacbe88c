package dev.ec2double.ec2.insights;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.ec2.vpc.PathAnalysis;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInsightsPathRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInsightsPathResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsAnalysisRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsAnalysisResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsPathRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsPathResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsAnalysesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsAnalysesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsPathsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsPathsResponse;
import software.amazon.awssdk.services.ec2.model.FilterPortRange;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.PathFilter;
import software.amazon.awssdk.services.ec2.model.PathRequestFilter;
import software.amazon.awssdk.services.ec2.model.RequestFilterPortRange;
import software.amazon.awssdk.services.ec2.model.StartNetworkInsightsAnalysisRequest;
import software.amazon.awssdk.services.ec2.model.StartNetworkInsightsAnalysisResponse;

/**
 * Reachability Analyzer: paths between instances, network interfaces and internet gateways, and
 * their analyses, computed at once from the stored routes, security groups and network ACLs by
 * {@link PathAnalysis} (the Start answer shows {@code running}, every later read {@code
 * succeeded}). An analysis through chosen intermediate components ({@code FilterInArns}) is {@code
 * failed}: this analyzer does not take them.
 */
public final class NetworkInsightsPathsService {
  public NetworkInsightsPathsService(Resources resources) {
    InsightsKinds.PATHS.registerTaggable(resources);
    InsightsKinds.ANALYSES.registerTaggable(resources);
    InsightsKinds.SCOPES.registerTaggable(resources);
    InsightsKinds.SCOPE_ANALYSES.registerTaggable(resources);
  }

  public CreateNetworkInsightsPathResponse createNetworkInsightsPath(
      RequestContext ctx, CreateNetworkInsightsPathRequest req) {
    var tags = InsightsKinds.PATHS.tags(req.tagSpecifications());
    if (req.source() == null) {
      throw AwsException.missingParameter("Source");
    }
    if (req.protocolAsString() == null) {
      throw AwsException.missingParameter("Protocol");
    }
    if (!req.protocolAsString().equals("tcp") && !req.protocolAsString().equals("udp")) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + req.protocolAsString() + "' for Protocol: tcp or udp");
    }
    if (req.destination() == null && req.destinationIp() == null) {
      throw AwsException.missingParameter("Destination");
    }
    if (req.source().equals(req.destination())) {
      throw AwsException.invalidParameterValue("The source and the destination must differ");
    }
    if (req.destinationPort() != null
        && (req.destinationPort() < 0 || req.destinationPort() > 65535)) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + req.destinationPort() + "' for DestinationPort: 0 to 65535");
    }
    ip(req.sourceIp(), "SourceIp");
    ip(req.destinationIp(), "DestinationIp");
    PathAnalysis.checkEnd(ctx.state(), req.source(), "Source");
    if (req.destination() != null) {
      PathAnalysis.checkEnd(ctx.state(), req.destination(), "Destination");
    }
    PathFilter atSource = filter(req.filterAtSource(), "FilterAtSource");
    PathFilter atDestination = filter(req.filterAtDestination(), "FilterAtDestination");
    var p =
        InsightsKinds.PATHS.create(
            ctx,
            tags,
            id ->
                new InsightsStore.Path(
                    id,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS),
                    req.source(),
                    req.destination(),
                    req.sourceIp(),
                    req.destinationIp(),
                    req.protocolAsString(),
                    req.destinationPort(),
                    atSource,
                    atDestination));
    return CreateNetworkInsightsPathResponse.builder()
        .networkInsightsPath(InsightsKinds.PATHS.view(ctx, p))
        .build();
  }

  private static void ip(String address, String name) {
    if (address != null && Cidr.parseOrNull(address + "/32") == null) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + address + "' for " + name + ": not an IPv4 address");
    }
  }

  private static PathFilter filter(PathRequestFilter f, String name) {
    if (f == null) {
      return null;
    }
    ip(f.sourceAddress(), name + ".SourceAddress");
    ip(f.destinationAddress(), name + ".DestinationAddress");
    return PathFilter.builder()
        .sourceAddress(f.sourceAddress())
        .destinationAddress(f.destinationAddress())
        .sourcePortRange(ports(f.sourcePortRange(), name))
        .destinationPortRange(ports(f.destinationPortRange(), name))
        .build();
  }

  private static FilterPortRange ports(RequestFilterPortRange r, String name) {
    if (r == null) {
      return null;
    }
    int from = r.fromPort() == null ? 0 : r.fromPort();
    int to = r.toPort() == null ? 65535 : r.toPort();
    if (from < 0 || to > 65535 || from > to) {
      throw AwsException.invalidParameterValue(
          "Invalid port range " + from + "-" + to + " in " + name);
    }
    return FilterPortRange.builder().fromPort(from).toPort(to).build();
  }

  public DescribeNetworkInsightsPathsResponse describeNetworkInsightsPaths(
      RequestContext ctx, DescribeNetworkInsightsPathsRequest req) {
    var page =
        InsightsKinds.PATHS.describe(
            ctx, req.networkInsightsPathIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeNetworkInsightsPathsResponse.builder()
        .networkInsightsPaths(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DeleteNetworkInsightsPathResponse deleteNetworkInsightsPath(
      RequestContext ctx, DeleteNetworkInsightsPathRequest req) {
    if (req.networkInsightsPathId() == null) {
      throw AwsException.missingParameter("NetworkInsightsPathId");
    }
    InsightsKinds.PATHS.delete(ctx, req.networkInsightsPathId());
    return DeleteNetworkInsightsPathResponse.builder()
        .networkInsightsPathId(req.networkInsightsPathId())
        .build();
  }

  public StartNetworkInsightsAnalysisResponse startNetworkInsightsAnalysis(
      RequestContext ctx, StartNetworkInsightsAnalysisRequest req) {
    var tags = InsightsKinds.ANALYSES.tags(req.tagSpecifications());
    if (req.networkInsightsPathId() == null) {
      throw AwsException.missingParameter("NetworkInsightsPathId");
    }
    InsightsStore.Path p = InsightsKinds.PATHS.get(ctx.state(), req.networkInsightsPathId());
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    NetworkInsightsAnalysis.Builder b =
        NetworkInsightsAnalysis.builder()
            .networkInsightsPathId(p.id())
            .startDate(start)
            .filterInArns(req.filterInArns())
            .filterOutArns(req.filterOutArns())
            .additionalAccounts(req.additionalAccounts());
    if (!req.filterInArns().isEmpty() || p.destination() == null) {
      b.status("failed")
          .statusMessage(
              "ec2-double analyzes paths to a destination resource, without intermediate"
                  + " components");
    } else {
      PathAnalysis.Verdict v =
          PathAnalysis.analyze(
              ctx.state(),
              p.source(),
              p.destination(),
              p.sourceIp(),
              p.destinationIp(),
              p.protocol(),
              port(p));
      b.status("succeeded")
          .networkPathFound(v.found())
          .explanations(v.explanations())
          .forwardPathComponents(v.forward());
    }
    NetworkInsightsAnalysis result = b.build();
    var r =
        InsightsKinds.ANALYSES.create(
            ctx,
            tags,
            id ->
                new InsightsStore.Result(
                    id,
                    result.toBuilder()
                        .networkInsightsAnalysisId(id)
                        .networkInsightsAnalysisArn(
                            InsightsKinds.arn(ctx, "network-insights-analysis", id))
                        .build()));
    NetworkInsightsAnalysis shown = InsightsKinds.ANALYSES.view(ctx, r);
    return StartNetworkInsightsAnalysisResponse.builder()
        .networkInsightsAnalysis(
            NetworkInsightsAnalysis.builder()
                .networkInsightsAnalysisId(shown.networkInsightsAnalysisId())
                .networkInsightsAnalysisArn(shown.networkInsightsAnalysisArn())
                .networkInsightsPathId(shown.networkInsightsPathId())
                .startDate(shown.startDate())
                .filterInArns(shown.filterInArns())
                .status("running")
                .tags(shown.tags())
                .build())
        .build();
  }

  /** The path's destination port, or the single port its source filter names. */
  private static Integer port(InsightsStore.Path p) {
    if (p.destinationPort() != null) {
      return p.destinationPort();
    }
    FilterPortRange r =
        p.filterAtSource() == null ? null : p.filterAtSource().destinationPortRange();
    return r != null && r.fromPort().equals(r.toPort()) ? r.fromPort() : null;
  }

  public DescribeNetworkInsightsAnalysesResponse describeNetworkInsightsAnalyses(
      RequestContext ctx, DescribeNetworkInsightsAnalysesRequest req) {
    if (req.networkInsightsPathId() != null) {
      InsightsKinds.PATHS.get(ctx.state(), req.networkInsightsPathId());
    }
    List<NetworkInsightsAnalysis> all =
        InsightsKinds.ANALYSES.select(
            ctx,
            r ->
                (req.networkInsightsAnalysisIds().isEmpty()
                        || req.networkInsightsAnalysisIds().contains(r.id()))
                    && (req.networkInsightsPathId() == null
                        || req.networkInsightsPathId().equals(r.analysis().networkInsightsPathId()))
                    && within(
                        r.analysis().startDate(), req.analysisStartTime(), req.analysisEndTime()),
            req.filters());
    for (String id : req.networkInsightsAnalysisIds()) {
      InsightsKinds.ANALYSES.get(ctx.state(), id);
    }
    var page = dev.ec2double.core.Pages.page(ctx.action(), all, req.maxResults(), req.nextToken());
    return DescribeNetworkInsightsAnalysesResponse.builder()
        .networkInsightsAnalyses(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  static boolean within(Instant t, Instant from, Instant to) {
    return (from == null || !t.isBefore(from)) && (to == null || !t.isAfter(to));
  }

  public DeleteNetworkInsightsAnalysisResponse deleteNetworkInsightsAnalysis(
      RequestContext ctx, DeleteNetworkInsightsAnalysisRequest req) {
    if (req.networkInsightsAnalysisId() == null) {
      throw AwsException.missingParameter("NetworkInsightsAnalysisId");
    }
    InsightsKinds.ANALYSES.delete(ctx, req.networkInsightsAnalysisId());
    return DeleteNetworkInsightsAnalysisResponse.builder()
        .networkInsightsAnalysisId(req.networkInsightsAnalysisId())
        .build();
  }
}
