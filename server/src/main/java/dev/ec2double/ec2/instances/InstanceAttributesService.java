package dev.ec2double.ec2.instances;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.errors.AwsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputRequest;
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceAttributeResponse;

/** ModifyInstanceAttribute, DescribeInstanceAttribute and GetConsoleOutput. */
public final class InstanceAttributesService {
  private final InstancesService instances;
  private final InstanceLifecycle lifecycle;

  public InstanceAttributesService(InstancesService instances, InstanceLifecycle lifecycle) {
    this.instances = instances;
    this.lifecycle = lifecycle;
  }

  public ModifyInstanceAttributeResponse modifyInstanceAttribute(
      RequestContext ctx, ModifyInstanceAttributeRequest req) {
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    String attribute = req.attributeAsString();
    String value = req.value();
    String type = req.instanceType() != null ? req.instanceType().value() : null;
    String userData =
        req.userData() != null && req.userData().value() != null
            ? Base64.getEncoder().encodeToString(req.userData().value().asByteArray())
            : null;
    Boolean protect =
        req.disableApiTermination() != null ? req.disableApiTermination().value() : null;
    String behavior =
        req.instanceInitiatedShutdownBehavior() != null
            ? req.instanceInitiatedShutdownBehavior().value()
            : null;
    Boolean stop = req.disableApiStop() != null ? req.disableApiStop().value() : null;
    if (attribute != null) {
      if (value == null) {
        throw AwsException.missingParameter("Value");
      }
      switch (attribute) {
        case "instanceType" -> type = value;
        case "userData" -> userData = value;
        case "disableApiTermination" -> protect = Boolean.parseBoolean(value);
        case "instanceInitiatedShutdownBehavior" -> behavior = value;
        case "disableApiStop" -> stop = Boolean.parseBoolean(value);
        default ->
            throw AwsException.invalidParameterValue(
                "ec2-double cannot modify the attribute '" + attribute + "' yet.");
      }
    }
    if (!req.groups().isEmpty()) {
      instances.networking().setGroups(ctx, r.id, req.groups());
      return ModifyInstanceAttributeResponse.builder().build();
    }
    TypeLimits newType = type == null ? null : instances.type(type);
    byte[] newUserData = userData == null ? null : UserData.decode(userData);
    if (behavior != null && !behavior.equals("stop") && !behavior.equals("terminate")) {
      throw AwsException.invalidParameterValue(
          "Value (" + behavior + ") for parameter instanceInitiatedShutdownBehavior is invalid.");
    }
    synchronized (r) {
      if ((newType != null || newUserData != null) && r.state != InstanceState.STOPPED) {
        throw new AwsException(
            "IncorrectInstanceState", "The instance '" + r.id + "' is not in the 'stopped' state.");
      }
      if (newType != null) {
        if (!newType.architecture().equals(r.architecture)) {
          throw AwsException.invalidParameterValue(
              "The instance type '"
                  + newType.name()
                  + "' does not match the architecture of the instance.");
        }
        if (r.machineId != null) {
          lifecycle
              .backend()
              .resize(r.machineId, newType.vcpus(), newType.memoryMib() * 1024 * 1024);
        }
        r.instanceType = newType.name();
        // CPU options were for the old type's cores: the new type starts with all of its own
        r.cpuCores = null;
        r.cpuThreads = null;
      }
      if (newUserData != null) {
        r.userData = userData;
      }
      if (protect != null) {
        r.disableApiTermination = protect;
      }
      if (behavior != null) {
        r.shutdownBehavior = behavior;
      }
      if (stop != null) {
        r.disableApiStop = stop;
      }
    }
    return ModifyInstanceAttributeResponse.builder().build();
  }

  public DescribeInstanceAttributeResponse describeInstanceAttribute(
      RequestContext ctx, DescribeInstanceAttributeRequest req) {
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    String attribute = req.attributeAsString();
    if (attribute == null) {
      throw AwsException.missingParameter("Attribute");
    }
    DescribeInstanceAttributeResponse.Builder b =
        DescribeInstanceAttributeResponse.builder().instanceId(r.id);
    synchronized (r) {
      switch (attribute) {
        case "instanceType" -> b.instanceType(text(r.instanceType));
        case "userData" -> b.userData(text(r.userData));
        case "disableApiTermination" -> b.disableApiTermination(bool(r.disableApiTermination));
        case "instanceInitiatedShutdownBehavior" ->
            b.instanceInitiatedShutdownBehavior(text(r.shutdownBehavior));
        case "rootDeviceName" -> b.rootDeviceName(text(ImagesService.ROOT_DEVICE));
        case "ebsOptimized" -> b.ebsOptimized(bool(false));
        case "sourceDestCheck" -> b.sourceDestCheck(bool(true));
        case "enaSupport" -> b.enaSupport(bool(true));
        case "disableApiStop" -> b.disableApiStop(bool(r.disableApiStop));
        case "kernel" -> b.kernelId(text(null));
        case "ramdisk" -> b.ramdiskId(text(null));
        case "groupSet" -> b.groups(instances.networking().groups(ctx.state(), r.id));
        case "blockDeviceMapping" -> b.blockDeviceMappings(List.of());
        case "productCodes" -> b.productCodes(List.of());
        default ->
            throw AwsException.invalidParameterValue(
                "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
      }
    }
    return b.build();
  }

  /** The machine's real console, base64 as AWS sends it; the last 64 KiB, like --latest. */
  public GetConsoleOutputResponse getConsoleOutput(
      RequestContext ctx, GetConsoleOutputRequest req) {
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    String machine = r.machineId();
    String text = machine == null ? "" : lifecycle.backend().consoleOutput(machine);
    GetConsoleOutputResponse.Builder b =
        GetConsoleOutputResponse.builder().instanceId(r.id).timestamp(Instant.now());
    if (!text.isEmpty()) {
      b.output(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }
    return b.build();
  }

  private static AttributeValue text(String v) {
    return AttributeValue.builder().value(v).build();
  }

  private static AttributeBooleanValue bool(boolean v) {
    return AttributeBooleanValue.builder().value(v).build();
  }
}
