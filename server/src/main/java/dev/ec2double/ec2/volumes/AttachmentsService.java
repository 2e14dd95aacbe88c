package dev.ec2double.ec2.volumes;

import dev.ec2double.compute.VolumePaths;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.InstanceState;
import dev.ec2double.ec2.instances.Instances;
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
    synchronized (store) {
      for (VolumeRecord other : store.attachedTo(instance.id())) {
        if (req.device().equals(other.device)) {
          throw AwsException.invalidParameterValue(
              "Invalid value '"
                  + req.device()
                  + "' for unixDevice. Attachment point "
                  + req.device()
                  + " is already in use");
        }
      }
      synchronized (v) {
        if (v.instanceId != null) {
          throw new AwsException("VolumeInUse", v.id + " is already attached to an instance");
        }
        if (!v.state.equals("available")) {
          throw new AwsException(
              "IncorrectState", "vol '" + v.id + "' is in the '" + v.state + "' state.");
        }
        v.attached(instance.id(), Instances.machineName(instance.id()), req.device(), false);
      }
    }
    VolumeAttachment a = VolumeView.attachment(v);
    ebs.attach(v, Instances.machineName(instance.id()), req.device());
    return AttachVolumeResponse.builder()
        .volumeId(a.volumeId())
        .instanceId(a.instanceId())
        .device(a.device())
        .state(a.state())
        .attachTime(a.attachTime())
        .deleteOnTermination(a.deleteOnTermination())
        .build();
  }

  public DetachVolumeResponse detachVolume(RequestContext ctx, DetachVolumeRequest req) {
    VolumeRecord v = ebs.requireVolume(ctx, req.volumeId());
    if (req.instanceId() != null) {
      Instances.require(ctx, req.instanceId());
    }
    VolumeAttachment before;
    synchronized (v) {
      if (v.instanceId == null) {
        throw new AwsException(
            "IncorrectState", "Volume '" + v.id + "' is in the '" + v.state + "' state.");
      }
      if (req.instanceId() != null && !req.instanceId().equals(v.instanceId)) {
        throw new AwsException(
            "InvalidAttachment.NotFound",
            "Volume '" + v.id + "' is not attached to instance '" + req.instanceId() + "'.");
      }
      if (req.device() != null && !req.device().equals(v.device)) {
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
                + v.instanceId
                + "': on ec2-double it is the instance's own disk.");
      }
      if ("detaching".equals(v.attachState)) {
        return response(VolumeView.attachment(v));
      }
      ebs.detach(v, Boolean.TRUE.equals(req.force()), () -> {});
      before = VolumeView.attachment(v);
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
