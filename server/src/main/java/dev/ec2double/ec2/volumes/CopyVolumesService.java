package dev.ec2double.ec2.volumes;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CopyVolumesRequest;
import software.amazon.awssdk.services.ec2.model.CopyVolumesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * CopyVolumes: a point-in-time copy of a volume in its zone, its files copied on the engine (as
 * CreateVolume from a snapshot copies them), with the size, type, IOPS and throughput asked for or
 * the source's. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopyVolumes.html
 */
public final class CopyVolumesService {
  private final Ebs ebs;

  public CopyVolumesService(Ebs ebs) {
    this.ebs = ebs;
  }

  public CopyVolumesResponse copyVolumes(RequestContext ctx, CopyVolumesRequest req) {
    if (req.sourceVolumeId() == null) {
      throw AwsException.missingParameter("SourceVolumeId");
    }
    VolumeRecord src = ebs.requireVolume(ctx, req.sourceVolumeId());
    VolumeTypes.Shape was;
    String state;
    boolean encrypted;
    String key;
    synchronized (src) {
      was = src.shape();
      state = src.state;
      encrypted = src.encrypted;
      key = src.kmsKeyId;
    }
    if (!state.equals("available") && !state.equals("in-use")) {
      throw new AwsException(
          "IncorrectState", "The volume '" + src.id + "' is in the '" + state + "' state.");
    }
    if (src.root) {
      throw new AwsException(
          "UnsupportedOperation",
          "Root volume '"
              + src.id
              + "' is the instance's own disk on ec2-double: snapshot it or create an image.");
    }
    int size = req.size() == null ? was.size() : req.size();
    if (size < was.size()) {
      throw AwsException.invalidParameterValue(
          "The size of the copy ("
              + size
              + " GiB) cannot be smaller than the source's ("
              + was.size()
              + " GiB).");
    }
    String type = req.volumeTypeAsString() == null ? was.type() : req.volumeTypeAsString();
    boolean sameType = type.equals(was.type());
    VolumeTypes.Shape shape =
        VolumeTypes.check(
            type,
            size,
            req.iops() != null ? req.iops() : sameType && !type.equals("gp2") ? was.iops() : null,
            req.throughput() != null ? req.throughput() : sameType ? was.throughput() : null);
    boolean multiAttach = Boolean.TRUE.equals(req.multiAttachEnabled());
    if (multiAttach && !VolumesService.MULTI_ATTACH_TYPES.contains(type)) {
      throw AwsException.invalidParameterCombination(
          "The parameter MultiAttachEnabled is only supported for io1 and io2 volumes.");
    }
    List<Tag> tags = VolumesService.tags(req.tagSpecifications(), "volume");
    VolumeRecord copy =
        ebs.newVolume(
            ctx,
            src.zone,
            shape,
            null,
            src.storageName(),
            tags,
            false,
            new EbsEncryption.Choice(encrypted, key),
            multiAttach);
    return CopyVolumesResponse.builder()
        .volumes(VolumeView.toSdk(copy, ctx.tags()).toBuilder().state("creating").build())
        .build();
  }
}
