package dev.ec2double.ec2.instances;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.MacModificationTask;
import software.amazon.awssdk.services.ec2.model.MacSystemIntegrityProtectionConfiguration;

/** Mac modification tasks (SIP changes, volume ownership delegation): records and their view. */
final class MacTasks {
  static final class Task implements java.io.Serializable {
    final String id;
    final String instanceId;
    final String type;
    final Instant startTime = Instant.now();

    /** The SIP settings asked for, by name ({@code Status}, {@code KextSigning}...), or empty. */
    final Map<String, String> sip = new LinkedHashMap<>();

    String state = "successful";

    Task(String id, String instanceId, String type) {
      this.id = id;
      this.instanceId = instanceId;
      this.type = type;
    }

    String id() {
      return id;
    }
  }

  static final class Store implements java.io.Serializable {
    final Map<String, Task> byId = new LinkedHashMap<>();

    static Store of(RegionState state) {
      return state.part(Store.class, Store::new);
    }
  }

  static final ResourceKind<Task, MacModificationTask> KIND =
      ResourceKind.<Task, MacModificationTask>of("macmodification", "mac-modification-task")
          .errors(
              "InvalidMacModificationTaskId.NotFound",
              "Mac modification task",
              "InvalidMacModificationTaskId.Malformed")
          .storedIn(Store::of, s -> s.byId)
          .id(Task::id)
          .view(MacTasks::view, MacModificationTask::tags)
          .filter("instance-id", MacModificationTask::instanceId)
          .filter("task-state", MacModificationTask::taskStateAsString)
          .filter("task-type", MacModificationTask::taskTypeAsString)
          .filter("start-time", t -> t.startTime().toString())
          .filter(
              "mac-system-integrity-protection-configuration.sip-status",
              t ->
                  t.macSystemIntegrityProtectionConfig() == null
                      ? null
                      : t.macSystemIntegrityProtectionConfig().statusAsString())
          .build();

  private MacTasks() {}

  static MacModificationTask view(RequestContext ctx, Task t) {
    MacSystemIntegrityProtectionConfiguration sip = null;
    if (!t.sip.isEmpty()) {
      sip =
          MacSystemIntegrityProtectionConfiguration.builder()
              .status(t.sip.get("Status"))
              .appleInternal(t.sip.get("AppleInternal"))
              .baseSystem(t.sip.get("BaseSystem"))
              .debuggingRestrictions(t.sip.get("DebuggingRestrictions"))
              .dTraceRestrictions(t.sip.get("DTraceRestrictions"))
              .filesystemProtections(t.sip.get("FilesystemProtections"))
              .kextSigning(t.sip.get("KextSigning"))
              .nvramProtections(t.sip.get("NvramProtections"))
              .build();
    }
    return MacModificationTask.builder()
        .macModificationTaskId(t.id)
        .instanceId(t.instanceId)
        .taskType(t.type)
        .taskState(t.state)
        .startTime(t.startTime)
        .macSystemIntegrityProtectionConfig(sip)
        .tags(ctx.tags().sdkTags(t.id))
        .build();
  }
}
