package dev.ec2double.ec2.volumes;

import dev.ec2double.compute.VolumePaths;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.InstanceState;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import dev.ec2double.errors.AwsException;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.AttachVolumeRequest;
import software.amazon.awssdk.services.ec2.model.AttachVolumeResponse;
import software.amazon.awssdk.services.ec2.model.DetachVolumeRequest;
import software.amazon.awssdk.services.ec2.model.DetachVolumeResponse;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/**
 * AttachVolume and DetachVolume. On the docker backend the volume's files appear in (and leave) the
 * running instance at {@code /mnt/ec2-double/<device>} without restarting anything.
 * https://docs.aws.amazon.com/ebs/latest/userguide/ebs-attaching-volume.html
 */
public final class AttachmentsService {
  /** Device names EC2 takes for EBS on Linux: /dev/sd[a-z], /dev/xvd[a-z], with a partition. */
  static final Pattern DEVICE = Pattern.compile("/dev/(sd[a-z]|xvd[a-z]{1,2}|hd[a-z])[0-9]{0,2}");

  /** The most instances one Multi-Attach volume is attached to at once. */
  static final int MULTI_ATTACH_LIMIT = 16;

  private final Ebs ebs;

  public AttachmentsService(Ebs ebs) {
    this.ebs = ebs;
  }

  public AttachVolumeResponse attachVolume(RequestContext ctx, AttachVolumeRequest req) {
    if (req.device() == null) {
      throw AwsException.missingParameter("Device");
    }
    VolumeRecord v = ebs.requireVolume(ctx, req.volumeId());
    if (req.instanceId() == null) {
      throw AwsException.missingParameter("InstanceId");
    }
    InstanceRecord instance = Instances.require(ctx, req.instanceId());
    checkDevice(req.device());
    InstanceState s = instance.state();
    if (s != InstanceState.RUNNING && s != InstanceState.STOPPED) {
      throw new AwsException(
          "IncorrectInstanceState",
          "Instance '" + instance.id() + "' is not 'running' or 'stopped'.");
    }
    if (!v.zone.equals(instance.zone())) {
      throw new AwsException(
          "InvalidVolume.ZoneMismatch",
          "The volume '"
              + v.id
              + "' is not in the same availability zone as instance '"
              + instance.id()
              + "'");
    }
    EbsStore store = Ebs.store(ctx.state());
    String machine = Instances.machineName(instance.id());
    VolumeRecord.Attachment made;
    synchronized (store) {
      for (EbsStore.Attached other : store.attachedTo(instance.id())) {
        if (req.device().equals(other.attachment().device)) {
          throw AwsException.invalidParameterValue(
              "Invalid value '"
                  + req.device()
                  + "' for unixDevice. Attachment point "
                  + req.device()
                  + " is already in use");
        }
      }
      synchronized (v) {
        checkAttachable(v, instance);
        made = v.attached(instance.id(), machine, req.device(), false);
      }
    }
    VolumeAttachment a = VolumeView.attachment(v, made);
    ebs.attach(v, made);
    return AttachVolumeResponse.builder()
        .volumeId(a.volumeId())
        .instanceId(a.instanceId())
        .device(a.device())
        .state(a.state())
        .attachTime(a.attachTime())
        .deleteOnTermination(a.deleteOnTermination())
        .build();
  }

  /**
   * A volume takes one attachment, or, with Multi-Attach, up to 16 instances built on the Nitro
   * System in its zone. Caller holds the volume's lock.
   * https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volumes-multi.html
   */
  private static void checkAttachable(VolumeRecord v, InstanceRecord instance) {
    if (!v.state.equals("available") && !(v.multiAttach && v.state.equals("in-use"))) {
      if (v.state.equals("in-use")) {
        throw new AwsException(
            "VolumeInUse",
            v.id + " is already attached to an instance (" + v.attachments.get(0).instanceId + ")");
      }
      throw new AwsException(
          "IncorrectState", "vol '" + v.id + "' is in the '" + v.state + "' state.");
    }
    if (!v.multiAttach) {
      return;
    }
    if (v.attachment(instance.id()) != null) {
      throw new AwsException(
          "VolumeInUse", v.id + " is already attached to instance " + instance.id());
    }
    if (v.attachments.size() >= MULTI_ATTACH_LIMIT) {
      throw new AwsException(
          "AttachmentLimitExceeded",
          "Multi-Attach volume "
              + v.id
              + " is already attached to "
              + MULTI_ATTACH_LIMIT
              + " instances, the most it takes.");
    }
    String type = instance.instanceType();
    boolean nitro =
        InstanceTypeCatalog.find(type).map(t -> !"xen".equals(t.hypervisor())).orElse(true);
    if (!nitro) {
      throw new AwsException(
          "UnsupportedOperation",
          "Multi-Attach volume "
              + v.id
              + " can be attached only to instances built on the Nitro System; "
              + type
              + " is not.");
    }
  }

  public DetachVolumeResponse detachVolume(RequestContext ctx, DetachVolumeRequest req) {
    VolumeRecord v = ebs.requireVolume(ctx, req.volumeId());
    if (req.instanceId() != null) {
      Instances.require(ctx, req.instanceId());
    }
    VolumeAttachment before;
    synchronized (v) {
      if (v.attachments.isEmpty()) {
        throw new AwsException(
            "IncorrectState", "Volume '" + v.id + "' is in the '" + v.state + "' state.");
      }
      if (req.instanceId() == null && v.attachments.size() > 1) {
        throw AwsException.missingParameter("InstanceId");
      }
      VolumeRecord.Attachment a =
          req.instanceId() == null ? v.attachments.get(0) : v.attachment(req.instanceId());
      if (a == null) {
        throw new AwsException(
            "InvalidAttachment.NotFound",
            "Volume '" + v.id + "' is not attached to instance '" + req.instanceId() + "'.");
      }
      if (req.device() != null && !req.device().equals(a.device)) {
        throw new AwsException(
            "InvalidAttachment.NotFound",
            "Volume '" + v.id + "' is not attached at '" + req.device() + "'.");
      }
      if (v.root) {
        throw new AwsException(
            "IncorrectState",
            "Unable to detach root volume '"
                + v.id
                + "' from instance '"
                + a.instanceId
                + "': on ec2-double it is the instance's own disk.");
      }
      if ("detaching".equals(a.state)) {
        return response(VolumeView.attachment(v, a));
      }
      ebs.detach(v, a, Boolean.TRUE.equals(req.force()), () -> {});
      before = VolumeView.attachment(v, a);
    }
    return response(before);
  }

  private static DetachVolumeResponse response(VolumeAttachment a) {
    return DetachVolumeResponse.builder()
        .volumeId(a.volumeId())
        .instanceId(a.instanceId())
        .device(a.device())
        .state(a.state())
        .attachTime(a.attachTime())
        .deleteOnTermination(a.deleteOnTermination())
        .build();
  }

  static void checkDevice(String device) {
    if (!DEVICE.matcher(device).matches() || VolumePaths.leaf(device) == null) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + device
              + ") for parameter device is invalid. "
              + device
              + " is not a valid EBS device name.");
    }
  }
}
