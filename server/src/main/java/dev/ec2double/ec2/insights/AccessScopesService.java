package dev.ec2double.ec2.insights;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AccessScopePath;
import software.amazon.awssdk.services.ec2.model.AccessScopePathRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInsightsAccessScopeRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInsightsAccessScopeResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsAccessScopeAnalysisRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsAccessScopeAnalysisResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsAccessScopeRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsAccessScopeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsAccessScopeAnalysesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsAccessScopeAnalysesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsAccessScopesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsAccessScopesResponse;
import software.amazon.awssdk.services.ec2.model.EnableReachabilityAnalyzerOrganizationSharingRequest;
import software.amazon.awssdk.services.ec2.model.EnableReachabilityAnalyzerOrganizationSharingResponse;
import software.amazon.awssdk.services.ec2.model.GetNetworkInsightsAccessScopeAnalysisFindingsRequest;
import software.amazon.awssdk.services.ec2.model.GetNetworkInsightsAccessScopeAnalysisFindingsResponse;
import software.amazon.awssdk.services.ec2.model.GetNetworkInsightsAccessScopeContentRequest;
import software.amazon.awssdk.services.ec2.model.GetNetworkInsightsAccessScopeContentResponse;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAccessScopeAnalysis;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAccessScopeContent;
import software.amazon.awssdk.services.ec2.model.PacketHeaderStatement;
import software.amazon.awssdk.services.ec2.model.PacketHeaderStatementRequest;
import software.amazon.awssdk.services.ec2.model.PathStatement;
import software.amazon.awssdk.services.ec2.model.PathStatementRequest;
import software.amazon.awssdk.services.ec2.model.ResourceStatement;
import software.amazon.awssdk.services.ec2.model.ResourceStatementRequest;
import software.amazon.awssdk.services.ec2.model.ThroughResourcesStatement;

/**
 * Network Access Analyzer: access scopes (their match and exclude paths kept as given) and their
 * analyses. ec2-double does not evaluate a scope against the network: an analysis {@code succeeded}
 * with {@code FindingsFound} {@code unknown}, no findings, and a warning that says so.
 */
public final class AccessScopesService {
  static final String NOT_EVALUATED =
      "ec2-double keeps access scopes but does not evaluate them: no findings are computed";

  public CreateNetworkInsightsAccessScopeResponse createNetworkInsightsAccessScope(
      RequestContext ctx, CreateNetworkInsightsAccessScopeRequest req) {
    var tags = InsightsKinds.SCOPES.tags(req.tagSpecifications());
    if (req.matchPaths().isEmpty() && req.excludePaths().isEmpty()) {
      throw AwsException.missingParameter("MatchPaths");
    }
    List<AccessScopePath> match = req.matchPaths().stream().map(AccessScopesService::path).toList();
    List<AccessScopePath> exclude =
        req.excludePaths().stream().map(AccessScopesService::path).toList();
    var s =
        InsightsKinds.SCOPES.create(
            ctx,
            tags,
            id ->
                new InsightsStore.Scope(
                    id,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS),
                    NetworkInsightsAccessScopeContent.builder()
                        .networkInsightsAccessScopeId(id)
                        .matchPaths(match)
                        .excludePaths(exclude)
                        .build()));
    return CreateNetworkInsightsAccessScopeResponse.builder()
        .networkInsightsAccessScope(InsightsKinds.SCOPES.view(ctx, s))
        .networkInsightsAccessScopeContent(s.content())
        .build();
  }

  private static AccessScopePath path(AccessScopePathRequest r) {
    return AccessScopePath.builder()
        .source(statement(r.source()))
        .destination(statement(r.destination()))
        .throughResources(
            r.throughResources().stream()
                .map(
                    t ->
                        ThroughResourcesStatement.builder()
                            .resourceStatement(resources(t.resourceStatement()))
                            .build())
                .toList())
        .build();
  }

  private static PathStatement statement(PathStatementRequest s) {
    if (s == null) {
      return null;
    }
    return PathStatement.builder()
        .packetHeaderStatement(header(s.packetHeaderStatement()))
        .resourceStatement(resources(s.resourceStatement()))
        .build();
  }

  private static PacketHeaderStatement header(PacketHeaderStatementRequest h) {
    if (h == null) {
      return null;
    }
    for (String p : h.protocolsAsStrings()) {
      if (!p.equals("tcp") && !p.equals("udp")) {
        throw AwsException.invalidParameterValue(
            "Invalid value '" + p + "' for Protocol: tcp or udp");
      }
    }
    return PacketHeaderStatement.builder()
        .sourceAddresses(h.sourceAddresses())
        .destinationAddresses(h.destinationAddresses())
        .sourcePorts(h.sourcePorts())
        .destinationPorts(h.destinationPorts())
        .sourcePrefixLists(h.sourcePrefixLists())
        .destinationPrefixLists(h.destinationPrefixLists())
        .protocolsWithStrings(h.protocolsAsStrings())
        .build();
  }

  private static ResourceStatement resources(ResourceStatementRequest r) {
    if (r == null) {
      return null;
    }
    return ResourceStatement.builder()
        .resources(r.resources())
        .resourceTypes(r.resourceTypes())
        .build();
  }

  public DescribeNetworkInsightsAccessScopesResponse describeNetworkInsightsAccessScopes(
      RequestContext ctx, DescribeNetworkInsightsAccessScopesRequest req) {
    var page =
        InsightsKinds.SCOPES.describe(
            ctx,
            req.networkInsightsAccessScopeIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeNetworkInsightsAccessScopesResponse.builder()
        .networkInsightsAccessScopes(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetNetworkInsightsAccessScopeContentResponse getNetworkInsightsAccessScopeContent(
      RequestContext ctx, GetNetworkInsightsAccessScopeContentRequest req) {
    if (req.networkInsightsAccessScopeId() == null) {
      throw AwsException.missingParameter("NetworkInsightsAccessScopeId");
    }
    return GetNetworkInsightsAccessScopeContentResponse.builder()
        .networkInsightsAccessScopeContent(
            InsightsKinds.SCOPES.get(ctx.state(), req.networkInsightsAccessScopeId()).content())
        .build();
  }

  public DeleteNetworkInsightsAccessScopeResponse deleteNetworkInsightsAccessScope(
      RequestContext ctx, DeleteNetworkInsightsAccessScopeRequest req) {
    if (req.networkInsightsAccessScopeId() == null) {
      throw AwsException.missingParameter("NetworkInsightsAccessScopeId");
    }
    InsightsKinds.SCOPES.delete(ctx, req.networkInsightsAccessScopeId());
    return DeleteNetworkInsightsAccessScopeResponse.builder()
        .networkInsightsAccessScopeId(req.networkInsightsAccessScopeId())
        .build();
  }

  public software.amazon.awssdk.services.ec2.model.StartNetworkInsightsAccessScopeAnalysisResponse
      startNetworkInsightsAccessScopeAnalysis(
          RequestContext ctx,
          software.amazon.awssdk.services.ec2.model.StartNetworkInsightsAccessScopeAnalysisRequest
              req) {
    var tags = InsightsKinds.SCOPE_ANALYSES.tags(req.tagSpecifications());
    if (req.networkInsightsAccessScopeId() == null) {
      throw AwsException.missingParameter("NetworkInsightsAccessScopeId");
    }
    InsightsKinds.SCOPES.get(ctx.state(), req.networkInsightsAccessScopeId());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    var r =
        InsightsKinds.SCOPE_ANALYSES.create(
            ctx,
            tags,
            id ->
                new InsightsStore.ScopeResult(
                    id,
                    NetworkInsightsAccessScopeAnalysis.builder()
                        .networkInsightsAccessScopeAnalysisId(id)
                        .networkInsightsAccessScopeAnalysisArn(
                            InsightsKinds.arn(ctx, "network-insights-access-scope-analysis", id))
                        .networkInsightsAccessScopeId(req.networkInsightsAccessScopeId())
                        .status("succeeded")
                        .warningMessage(NOT_EVALUATED)
                        .startDate(now)
                        .endDate(now)
                        .findingsFound("unknown")
                        .analyzedEniCount(0)
                        .build()));
    NetworkInsightsAccessScopeAnalysis shown = InsightsKinds.SCOPE_ANALYSES.view(ctx, r);
    return software.amazon.awssdk.services.ec2.model.StartNetworkInsightsAccessScopeAnalysisResponse
        .builder()
        .networkInsightsAccessScopeAnalysis(
            shown.toBuilder().status("running").endDate(null).findingsFound((String) null).build())
        .build();
  }

  public DescribeNetworkInsightsAccessScopeAnalysesResponse
      describeNetworkInsightsAccessScopeAnalyses(
          RequestContext ctx, DescribeNetworkInsightsAccessScopeAnalysesRequest req) {
    if (req.networkInsightsAccessScopeId() != null) {
      InsightsKinds.SCOPES.get(ctx.state(), req.networkInsightsAccessScopeId());
    }
    for (String id : req.networkInsightsAccessScopeAnalysisIds()) {
      InsightsKinds.SCOPE_ANALYSES.get(ctx.state(), id);
    }
    var all =
        InsightsKinds.SCOPE_ANALYSES.select(
            ctx,
            r ->
                (req.networkInsightsAccessScopeAnalysisIds().isEmpty()
                        || req.networkInsightsAccessScopeAnalysisIds().contains(r.id()))
                    && (req.networkInsightsAccessScopeId() == null
                        || req.networkInsightsAccessScopeId()
                            .equals(r.analysis().networkInsightsAccessScopeId()))
                    && NetworkInsightsPathsService.within(
                        r.analysis().startDate(),
                        req.analysisStartTimeBegin(),
                        req.analysisStartTimeEnd()),
            req.filters());
    var page = Pages.page(ctx.action(), all, req.maxResults(), req.nextToken());
    return DescribeNetworkInsightsAccessScopeAnalysesResponse.builder()
        .networkInsightsAccessScopeAnalyses(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public GetNetworkInsightsAccessScopeAnalysisFindingsResponse
      getNetworkInsightsAccessScopeAnalysisFindings(
          RequestContext ctx, GetNetworkInsightsAccessScopeAnalysisFindingsRequest req) {
    if (req.networkInsightsAccessScopeAnalysisId() == null) {
      throw AwsException.missingParameter("NetworkInsightsAccessScopeAnalysisId");
    }
    var r =
        InsightsKinds.SCOPE_ANALYSES.get(ctx.state(), req.networkInsightsAccessScopeAnalysisId());
    Pages.page(ctx.action(), List.of(), req.maxResults(), req.nextToken());
    return GetNetworkInsightsAccessScopeAnalysisFindingsResponse.builder()
        .networkInsightsAccessScopeAnalysisId(r.id())
        .analysisStatus(r.analysis().statusAsString())
        .analysisFindings(List.of())
        .build();
  }

  public DeleteNetworkInsightsAccessScopeAnalysisResponse deleteNetworkInsightsAccessScopeAnalysis(
      RequestContext ctx, DeleteNetworkInsightsAccessScopeAnalysisRequest req) {
    if (req.networkInsightsAccessScopeAnalysisId() == null) {
      throw AwsException.missingParameter("NetworkInsightsAccessScopeAnalysisId");
    }
    InsightsKinds.SCOPE_ANALYSES.delete(ctx, req.networkInsightsAccessScopeAnalysisId());
    return DeleteNetworkInsightsAccessScopeAnalysisResponse.builder()
        .networkInsightsAccessScopeAnalysisId(req.networkInsightsAccessScopeAnalysisId())
        .build();
  }

  /**
   * Trusted access for AWS Organizations: ec2-double has no organizations, so there is nothing to
   * share across; it answers true as AWS does for an organization's management account.
   */
  public EnableReachabilityAnalyzerOrganizationSharingResponse
      enableReachabilityAnalyzerOrganizationSharing(
          RequestContext ctx, EnableReachabilityAnalyzerOrganizationSharingRequest req) {
    return EnableReachabilityAnalyzerOrganizationSharingResponse.builder()
        .returnValue(true)
        .build();
  }
}
