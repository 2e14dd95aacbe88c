package dev.ec2double.ec2.insights;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAccessScopeAnalysis;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAccessScopeContent;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.PathFilter;

/**
 * Reachability Analyzer's paths and analyses, and Network Access Analyzer's scopes and their
 * analyses, of an account in a region. An analysis keeps its result as the SDK shows it (no tags).
 */
final class InsightsStore implements java.io.Serializable {
  final Map<String, Path> paths = new LinkedHashMap<>();
  final Map<String, Result> analyses = new LinkedHashMap<>();
  final Map<String, Scope> scopes = new LinkedHashMap<>();
  final Map<String, ScopeResult> scopeAnalyses = new LinkedHashMap<>();

  static InsightsStore of(RegionState state) {
    return state.part(InsightsStore.class, InsightsStore::new);
  }

  record Path(
      String id,
      Instant created,
      String source,
      String destination,
      String sourceIp,
      String destinationIp,
      String protocol,
      Integer destinationPort,
      PathFilter filterAtSource,
      PathFilter filterAtDestination)
      implements java.io.Serializable {}

  record Result(String id, NetworkInsightsAnalysis analysis) implements java.io.Serializable {}

  record Scope(String id, Instant created, NetworkInsightsAccessScopeContent content)
      implements java.io.Serializable {}

  record ScopeResult(String id, NetworkInsightsAccessScopeAnalysis analysis)
      implements java.io.Serializable {}
}
