package dev.ec2double.ec2.appstatus;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.ApplicationStatusCheckAssociationObject;
import software.amazon.awssdk.services.ec2.model.AssociateApplicationStatusCheckRequest;
import software.amazon.awssdk.services.ec2.model.AssociateApplicationStatusCheckResponse;
import software.amazon.awssdk.services.ec2.model.CustomTagKeyValueRequestPair;
import software.amazon.awssdk.services.ec2.model.DescribeApplicationStatusCheckAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeApplicationStatusCheckAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateApplicationStatusCheckRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateApplicationStatusCheckResponse;
import software.amazon.awssdk.services.ec2.model.SuccessfulAssociationResponseObject;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulAssociationResponseObject;

/**
 * Which instances a check watches: by instance id, or every current and future instance with a tag
 * (at most 50 tag associations a check). Ids or tags, never both in one call
 * (InvalidParameterCombination); an instance that does not exist is an unsuccessful result.
 */
public final class CheckAssociationsService {
  static final int MAX_TAG_ASSOCIATIONS = 50;

  private static final FilterSpec<ApplicationStatusCheckAssociationObject> FILTERS =
      FilterSpec.<ApplicationStatusCheckAssociationObject>of()
          .field(
              "association-type", ApplicationStatusCheckAssociationObject::associationTypeAsString);

  private final AppInstances instances;
  private final AppStatusProber prober;

  public CheckAssociationsService(AppInstances instances, AppStatusProber prober) {
    this.instances = instances;
    this.prober = prober;
  }

  /** The association request's two lists, checked: one of them, not both. */
  private record Targets(List<String> instanceIds, List<AppStatusStore.TagPair> tags) {
    static Targets of(List<String> ids, List<CustomTagKeyValueRequestPair> pairs) {
      if (!ids.isEmpty() && !pairs.isEmpty()) {
        throw AwsException.invalidParameterCombination(
            "Specify either TargetTagAssociations or InstanceIds, not both.");
      }
      if (ids.isEmpty() && pairs.isEmpty()) {
        throw AwsException.missingParameter("TargetTagAssociations or InstanceIds");
      }
      List<AppStatusStore.TagPair> tags = new ArrayList<>();
      for (CustomTagKeyValueRequestPair p : pairs) {
        if (p.key() == null || p.key().isBlank()) {
          throw AwsException.invalidParameterValue("A tag association's Key must not be blank.");
        }
        tags.add(new AppStatusStore.TagPair(p.key(), p.value() == null ? "" : p.value()));
      }
      return new Targets(ids, tags);
    }
  }

  public AssociateApplicationStatusCheckResponse associateApplicationStatusCheck(
      RequestContext ctx, AssociateApplicationStatusCheckRequest req) {
    Targets t = Targets.of(req.instanceIds(), req.targetTagAssociations());
    List<Result> results = new ArrayList<>();
    AppStatusStore s = AppStatusStore.of(ctx.state());
    synchronized (s) {
      AppStatusStore.Check c = StatusChecksService.live(ctx, req.applicationStatusCheckId());
      long newTags = t.tags().stream().filter(p -> !c.tagPairs.contains(p)).distinct().count();
      if (c.tagPairs.size() + newTags > MAX_TAG_ASSOCIATIONS) {
        throw new AwsException(
            "ResourceLimitExceeded",
            "An application status check has at most "
                + MAX_TAG_ASSOCIATIONS
                + " tag associations.");
      }
      for (String id : t.instanceIds()) {
        if (instances.find(ctx.state(), id) == null) {
          results.add(new Result(c.id, "instance-id", id, "InvalidInstanceID.NotFound"));
        } else {
          c.instanceIds.add(id);
          results.add(new Result(c.id, "instance-id", id, null));
        }
      }
      for (AppStatusStore.TagPair p : t.tags()) {
        c.tagPairs.add(p);
        results.add(new Result(c.id, "tag", p.key() + "=" + p.value(), null));
      }
    }
    ctx.state().changed();
    prober.start();
    return AssociateApplicationStatusCheckResponse.builder()
        .successfulResults(successes(results))
        .unsuccessfulResults(failures(results))
        .build();
  }

  public DisassociateApplicationStatusCheckResponse disassociateApplicationStatusCheck(
      RequestContext ctx, DisassociateApplicationStatusCheckRequest req) {
    Targets t = Targets.of(req.instanceIds(), req.targetTagAssociations());
    List<Result> results = new ArrayList<>();
    AppStatusStore s = AppStatusStore.of(ctx.state());
    synchronized (s) {
      AppStatusStore.Check c = StatusChecksService.live(ctx, req.applicationStatusCheckId());
      for (String id : t.instanceIds()) {
        if (c.instanceIds.remove(id)) {
          results.add(new Result(c.id, "instance-id", id, null));
        } else {
          results.add(new Result(c.id, "instance-id", id, "InvalidAssociation.NotFound"));
        }
      }
      for (AppStatusStore.TagPair p : t.tags()) {
        if (c.tagPairs.remove(p)) {
          results.add(new Result(c.id, "tag", p.key() + "=" + p.value(), null));
        } else {
          results.add(
              new Result(c.id, "tag", p.key() + "=" + p.value(), "InvalidAssociation.NotFound"));
        }
      }
      // probes of instances the check no longer watches are forgotten by the prober's next round
    }
    ctx.state().changed();
    return DisassociateApplicationStatusCheckResponse.builder()
        .successfulResults(successes(results))
        .unsuccessfulResults(failures(results))
        .build();
  }

  public DescribeApplicationStatusCheckAssociationsResponse
      describeApplicationStatusCheckAssociations(
          RequestContext ctx, DescribeApplicationStatusCheckAssociationsRequest req) {
    var filter = FILTERS.compile(req.filters());
    List<ApplicationStatusCheckAssociationObject> all = new ArrayList<>();
    Map<String, Tag> tags = new LinkedHashMap<>();
    AppStatusStore s = AppStatusStore.of(ctx.state());
    synchronized (s) {
      List<AppStatusStore.Check> checks = new ArrayList<>();
      for (String id : req.applicationStatusCheckIds()) {
        checks.add(StatusChecksService.live(ctx, id));
      }
      if (checks.isEmpty()) {
        checks.addAll(s.live());
      }
      for (AppStatusStore.Check c : checks) {
        for (String id : c.instanceIds) {
          all.add(association(c.id, "instance-id", null, id));
        }
        for (AppStatusStore.TagPair p : c.tagPairs) {
          all.add(association(c.id, "tag", p.key(), p.value()));
        }
        ctx.tags()
            .sdkTags(c.id)
            .forEach(tag -> tags.putIfAbsent(tag.key() + "=" + tag.value(), tag));
      }
    }
    var page =
        Pages.page(
            ctx.action(), all.stream().filter(filter).toList(), req.maxResults(), req.nextToken());
    return DescribeApplicationStatusCheckAssociationsResponse.builder()
        .associations(page.items())
        .nextToken(page.nextToken())
        .tags(tags.values())
        .build();
  }

  private static ApplicationStatusCheckAssociationObject association(
      String checkId, String type, String key, String value) {
    return ApplicationStatusCheckAssociationObject.builder()
        .applicationStatusCheckId(checkId)
        .associationType(type)
        .key(key)
        .value(value)
        .build();
  }

  /** One association's result: successful when it has no reason. */
  private record Result(String checkId, String type, String value, String reason) {}

  private static List<SuccessfulAssociationResponseObject> successes(List<Result> results) {
    return results.stream()
        .filter(r -> r.reason() == null)
        .map(
            r ->
                SuccessfulAssociationResponseObject.builder()
                    .applicationStatusCheckId(r.checkId())
                    .associationType(r.type())
                    .associationValue(r.value())
                    .build())
        .toList();
  }

  private static List<UnsuccessfulAssociationResponseObject> failures(List<Result> results) {
    return results.stream()
        .filter(r -> r.reason() != null)
        .map(
            r ->
                UnsuccessfulAssociationResponseObject.builder()
                    .applicationStatusCheckId(r.checkId())
                    .associationType(r.type())
                    .associationValue(r.value())
                    .reason(r.reason())
                    .build())
        .toList();
  }
}
