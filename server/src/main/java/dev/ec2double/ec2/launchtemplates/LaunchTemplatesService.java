package dev.ec2double.ec2.launchtemplates;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.TagStore;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponseErrorItem;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponseSuccessItem;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesResponse;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ModifyLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.ModifyLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResponseError;

/**
 * The launch template API: templates and their numbered versions, the default version, and
 * deletion. RunInstances reads them through {@link TemplateLaunches}.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-launch-templates.html
 */
public final class LaunchTemplatesService {
  private static final Set<String> DATA_TAG_TYPES =
      Set.of("instance", "volume", "network-interface", "spot-instances-request");
  private static final int MAX_DESCRIPTION = 255;
  private static final int MAX_DELETE_VERSIONS = 200;

  public LaunchTemplatesService(Resources resources) {
    LaunchTemplates.KIND.registerTaggable(resources);
  }

  public CreateLaunchTemplateResponse createLaunchTemplate(
      RequestContext ctx, CreateLaunchTemplateRequest req) {
    String name = req.launchTemplateName();
    TemplateLookup.checkName(name);
    RequestLaunchTemplateData data = data(req.launchTemplateData(), req.versionDescription());
    var tags = LaunchTemplates.KIND.tags(req.tagSpecifications());
    LaunchTemplateStore store = LaunchTemplateStore.of(ctx.state());
    LaunchTemplateStore.Template t =
        LaunchTemplates.KIND.create(
            ctx,
            tags,
            id -> {
              if (store.byName(name).isPresent()) {
                throw new AwsException(
                    "InvalidLaunchTemplateName.AlreadyExistsException",
                    "Launch template name already in use.");
              }
              var made = new LaunchTemplateStore.Template(id, name, Instant.now());
              made.add(req.versionDescription(), data);
              return made;
            });
    return CreateLaunchTemplateResponse.builder()
        .launchTemplate(LaunchTemplates.KIND.view(ctx, t))
        .build();
  }

  public CreateLaunchTemplateVersionResponse createLaunchTemplateVersion(
      RequestContext ctx, CreateLaunchTemplateVersionRequest req) {
    RequestLaunchTemplateData given = data(req.launchTemplateData(), req.versionDescription());
    LaunchTemplateStore store = LaunchTemplateStore.of(ctx.state());
    synchronized (store) {
      var t = TemplateLookup.find(ctx.state(), req.launchTemplateId(), req.launchTemplateName());
      RequestLaunchTemplateData data =
          req.sourceVersion() == null
              ? given
              : TemplateMerge.version(TemplateLookup.version(t, req.sourceVersion()).data(), given);
      var v = t.add(req.versionDescription(), data);
      return CreateLaunchTemplateVersionResponse.builder()
          .launchTemplateVersion(LaunchTemplates.version(ctx, t, v))
          .build();
    }
  }

  public DescribeLaunchTemplatesResponse describeLaunchTemplates(
      RequestContext ctx, DescribeLaunchTemplatesRequest req) {
    LaunchTemplates.KIND.checkFilters(req.filters());
    LaunchTemplateStore store = LaunchTemplateStore.of(ctx.state());
    Set<String> ids = new HashSet<>();
    synchronized (store) {
      for (String id : req.launchTemplateIds()) {
        ids.add(TemplateLookup.byId(store, id).id);
      }
      for (String name : req.launchTemplateNames()) {
        ids.add(
            store
                .byName(name)
                .orElseThrow(
                    () ->
                        new AwsException(
                            "InvalidLaunchTemplateName.NotFoundException",
                            "At least one of the launch templates specified in the request does"
                                + " not exist."))
                .id);
      }
    }
    boolean all = req.launchTemplateIds().isEmpty() && req.launchTemplateNames().isEmpty();
    List<LaunchTemplate> views =
        LaunchTemplates.KIND.select(ctx, t -> all || ids.contains(t.id), req.filters());
    var page = Pages.page(ctx.action(), views, req.maxResults(), req.nextToken());
    return DescribeLaunchTemplatesResponse.builder()
        .launchTemplates(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeLaunchTemplateVersionsResponse describeLaunchTemplateVersions(
      RequestContext ctx, DescribeLaunchTemplateVersionsRequest req) {
    Predicate<LaunchTemplateVersion> filter =
        LaunchTemplates.VERSION_FILTERS.compile(req.filters());
    long min = bound(req.minVersion(), "MinVersion", 0);
    long max = bound(req.maxVersion(), "MaxVersion", Long.MAX_VALUE);
    List<LaunchTemplateVersion> views = new ArrayList<>();
    LaunchTemplateStore store = LaunchTemplateStore.of(ctx.state());
    synchronized (store) {
      for (var tv : DescribedVersions.select(ctx.state(), req)) {
        long n = tv.version().number();
        if (n >= min && n <= max) {
          LaunchTemplateVersion view = LaunchTemplates.version(ctx, tv.template(), tv.version());
          if (filter.test(view)) {
            views.add(view);
          }
        }
      }
    }
    var page = Pages.page(ctx.action(), views, req.maxResults(), req.nextToken());
    return DescribeLaunchTemplateVersionsResponse.builder()
        .launchTemplateVersions(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyLaunchTemplateResponse modifyLaunchTemplate(
      RequestContext ctx, ModifyLaunchTemplateRequest req) {
    LaunchTemplateStore store = LaunchTemplateStore.of(ctx.state());
    LaunchTemplateStore.Template t;
    synchronized (store) {
      t = TemplateLookup.find(ctx.state(), req.launchTemplateId(), req.launchTemplateName());
      if (req.defaultVersion() != null) {
        Long n = TemplateLookup.number(t, req.defaultVersion());
        if (n == null || req.defaultVersion().startsWith("$") || !t.versions.containsKey(n)) {
          throw TemplateLookup.versionNotFound(t, req.defaultVersion());
        }
        t.defaultVersion = n;
      }
    }
    return ModifyLaunchTemplateResponse.builder()
        .launchTemplate(LaunchTemplates.KIND.view(ctx, t))
        .build();
  }

  public DeleteLaunchTemplateResponse deleteLaunchTemplate(
      RequestContext ctx, DeleteLaunchTemplateRequest req) {
    LaunchTemplateStore store = LaunchTemplateStore.of(ctx.state());
    LaunchTemplate view;
    synchronized (store) {
      var t = TemplateLookup.find(ctx.state(), req.launchTemplateId(), req.launchTemplateName());
      view = LaunchTemplates.KIND.view(ctx, t);
      LaunchTemplates.KIND.delete(ctx, t.id);
    }
    return DeleteLaunchTemplateResponse.builder().launchTemplate(view).build();
  }

  /**
   * Each version is deleted or reported: one that does not exist, and the default version (delete
   * the template instead), are in the unsuccessful list, and the others still go.
   */
  public DeleteLaunchTemplateVersionsResponse deleteLaunchTemplateVersions(
      RequestContext ctx, DeleteLaunchTemplateVersionsRequest req) {
    if (req.versions().isEmpty()) {
      throw AwsException.missingParameter("LaunchTemplateVersion");
    }
    if (req.versions().size() > MAX_DELETE_VERSIONS) {
      throw AwsException.invalidParameterValue(
          "You can specify up to " + MAX_DELETE_VERSIONS + " launch template versions.");
    }
    List<DeleteLaunchTemplateVersionsResponseSuccessItem> deleted = new ArrayList<>();
    List<DeleteLaunchTemplateVersionsResponseErrorItem> failed = new ArrayList<>();
    LaunchTemplateStore store = LaunchTemplateStore.of(ctx.state());
    synchronized (store) {
      var t = TemplateLookup.find(ctx.state(), req.launchTemplateId(), req.launchTemplateName());
      for (String version : req.versions()) {
        Long n = parse(version);
        if (n == null || !t.versions.containsKey(n)) {
          failed.add(
              failure(
                  t,
                  n,
                  "launchTemplateVersionDoesNotExist",
                  "Could not find launch template version"));
        } else if (n == t.defaultVersion) {
          failed.add(
              failure(
                  t,
                  n,
                  "unexpectedError",
                  "Cannot delete the default version of a launch template. Set another version as"
                      + " the default, or delete the launch template."));
        } else {
          t.versions.remove(n);
          deleted.add(
              DeleteLaunchTemplateVersionsResponseSuccessItem.builder()
                  .launchTemplateId(t.id)
                  .launchTemplateName(t.name)
                  .versionNumber(n)
                  .build());
        }
      }
    }
    return DeleteLaunchTemplateVersionsResponse.builder()
        .successfullyDeletedLaunchTemplateVersions(deleted)
        .unsuccessfullyDeletedLaunchTemplateVersions(failed)
        .build();
  }

  private static DeleteLaunchTemplateVersionsResponseErrorItem failure(
      LaunchTemplateStore.Template t, Long n, String code, String message) {
    return DeleteLaunchTemplateVersionsResponseErrorItem.builder()
        .launchTemplateId(t.id)
        .launchTemplateName(t.name)
        .versionNumber(n)
        .responseError(ResponseError.builder().code(code).message(message).build())
        .build();
  }

  /** The data of a new version, checked: its description's length, its tags' types and limits. */
  private static RequestLaunchTemplateData data(
      RequestLaunchTemplateData data, String description) {
    if (data == null) {
      throw AwsException.missingParameter("LaunchTemplateData");
    }
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw AwsException.invalidParameterValue(
          "The version description must be at most " + MAX_DESCRIPTION + " characters.");
    }
    for (LaunchTemplateTagSpecificationRequest spec : data.tagSpecifications()) {
      if (!DATA_TAG_TYPES.contains(spec.resourceTypeAsString())) {
        throw AwsException.invalidParameterValue(
            "'"
                + spec.resourceTypeAsString()
                + "' is not a valid taggable resource type for this operation.");
      }
      TagStore.validate(spec.tags());
    }
    return data;
  }

  private static long bound(String value, String name, long absent) {
    if (value == null) {
      return absent;
    }
    Long n = parse(value);
    if (n == null) {
      throw AwsException.invalidParameterValue(
          "The value '" + value + "' for parameter " + name + " is not a version number.");
    }
    return n;
  }

  private static Long parse(String version) {
    try {
      return Long.parseLong(version.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
