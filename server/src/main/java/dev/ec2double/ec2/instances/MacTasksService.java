package dev.ec2double.ec2.instances;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateDelegateMacVolumeOwnershipTaskRequest;
import software.amazon.awssdk.services.ec2.model.CreateDelegateMacVolumeOwnershipTaskResponse;
import software.amazon.awssdk.services.ec2.model.CreateMacSystemIntegrityProtectionModificationTaskRequest;
import software.amazon.awssdk.services.ec2.model.CreateMacSystemIntegrityProtectionModificationTaskResponse;
import software.amazon.awssdk.services.ec2.model.DescribeMacModificationTasksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeMacModificationTasksResponse;
import software.amazon.awssdk.services.ec2.model.MacSystemIntegrityProtectionConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Mac modification tasks (records: no macOS runs here): SIP changes for running EC2 Mac instances
 * (Apple silicon ones need the administrator's credentials) and root volume ownership delegation
 * (Apple silicon only). Any other instance is refused with AWS's error. The answer shows a task
 * {@code pending}; it has succeeded when it is next described.
 */
public final class MacTasksService {
  private static final Set<String> SWITCH = Set.of("enabled", "disabled");

  public MacTasksService(dev.ec2double.core.Resources resources) {
    MacTasks.KIND.registerTaggable(resources);
  }

  public DescribeMacModificationTasksResponse describeMacModificationTasks(
      RequestContext ctx, DescribeMacModificationTasksRequest req) {
    var page =
        MacTasks.KIND.describe(
            ctx, req.macModificationTaskIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeMacModificationTasksResponse.builder()
        .macModificationTasks(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public CreateMacSystemIntegrityProtectionModificationTaskResponse
      createMacSystemIntegrityProtectionModificationTask(
          RequestContext ctx, CreateMacSystemIntegrityProtectionModificationTaskRequest req) {
    String status =
        InstanceOptions.oneOf(
            req.macSystemIntegrityProtectionStatusAsString(),
            "MacSystemIntegrityProtectionStatus",
            SWITCH);
    Map<String, String> sip = new LinkedHashMap<>();
    sip.put("Status", status);
    overrides(req.macSystemIntegrityProtectionConfiguration(), sip);
    InstanceRecord r = macInstance(ctx, req.instanceId(), false);
    if (appleSilicon(r) && req.macCredentials() == null) {
      throw AwsException.missingParameter("MacCredentials");
    }
    MacTasks.Task t = create(ctx, r, "sip-modification", req.tagSpecifications(), sip);
    return CreateMacSystemIntegrityProtectionModificationTaskResponse.builder()
        .macModificationTask(pending(ctx, t))
        .build();
  }

  public CreateDelegateMacVolumeOwnershipTaskResponse createDelegateMacVolumeOwnershipTask(
      RequestContext ctx, CreateDelegateMacVolumeOwnershipTaskRequest req) {
    if (req.macCredentials() == null) {
      throw AwsException.missingParameter("MacCredentials");
    }
    InstanceRecord r = macInstance(ctx, req.instanceId(), true);
    MacTasks.Task t =
        create(ctx, r, "volume-ownership-delegation", req.tagSpecifications(), Map.of());
    return CreateDelegateMacVolumeOwnershipTaskResponse.builder()
        .macModificationTask(pending(ctx, t))
        .build();
  }

  private static MacTasks.Task create(
      RequestContext ctx,
      InstanceRecord r,
      String type,
      List<software.amazon.awssdk.services.ec2.model.TagSpecification> specs,
      Map<String, String> sip) {
    List<Tag> tags = MacTasks.KIND.tags(specs);
    return MacTasks.KIND.create(
        ctx,
        tags,
        id -> {
          MacTasks.Task t = new MacTasks.Task(id, r.id, type);
          t.sip.putAll(sip);
          return t;
        });
  }

  private static software.amazon.awssdk.services.ec2.model.MacModificationTask pending(
      RequestContext ctx, MacTasks.Task t) {
    return MacTasks.KIND.view(ctx, t).toBuilder().taskState("pending").build();
  }

  private static void overrides(
      MacSystemIntegrityProtectionConfigurationRequest c, Map<String, String> sip) {
    if (c == null) {
      return;
    }
    put(sip, "AppleInternal", c.appleInternalAsString());
    put(sip, "BaseSystem", c.baseSystemAsString());
    put(sip, "DebuggingRestrictions", c.debuggingRestrictionsAsString());
    put(sip, "DTraceRestrictions", c.dTraceRestrictionsAsString());
    put(sip, "FilesystemProtections", c.filesystemProtectionsAsString());
    put(sip, "KextSigning", c.kextSigningAsString());
    put(sip, "NvramProtections", c.nvramProtectionsAsString());
  }

  private static void put(Map<String, String> sip, String name, String value) {
    if (value != null) {
      sip.put(name, InstanceOptions.oneOf(value, name, SWITCH));
    }
  }

  /** A running EC2 Mac instance (Apple silicon when asked), else AWS's error. */
  private static InstanceRecord macInstance(RequestContext ctx, String id, boolean appleOnly) {
    InstanceRecord r = Instances.require(ctx, id);
    String type = r.instanceType();
    if (type == null || !type.startsWith("mac") || (appleOnly && !appleSilicon(r))) {
      throw new AwsException(
          "UnsupportedOperation",
          "The instance '"
              + r.id
              + "' is not an "
              + (appleOnly ? "Apple silicon Mac" : "EC2 Mac")
              + " instance.");
    }
    if (r.state() != InstanceState.RUNNING) {
      throw new AwsException(
          "IncorrectInstanceState", "The instance '" + r.id + "' is not in the 'running' state.");
    }
    return r;
  }

  private static boolean appleSilicon(InstanceRecord r) {
    return r.instanceType().startsWith("mac2");
  }
}
