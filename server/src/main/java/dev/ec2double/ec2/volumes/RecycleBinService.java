package dev.ec2double.ec2.volumes;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.ListVolumesInRecycleBinRequest;
import software.amazon.awssdk.services.ec2.model.ListVolumesInRecycleBinResponse;
import software.amazon.awssdk.services.ec2.model.RestoreImageFromRecycleBinRequest;
import software.amazon.awssdk.services.ec2.model.RestoreImageFromRecycleBinResponse;
import software.amazon.awssdk.services.ec2.model.RestoreSnapshotFromRecycleBinRequest;
import software.amazon.awssdk.services.ec2.model.RestoreSnapshotFromRecycleBinResponse;
import software.amazon.awssdk.services.ec2.model.RestoreVolumeFromRecycleBinRequest;
import software.amazon.awssdk.services.ec2.model.RestoreVolumeFromRecycleBinResponse;
import software.amazon.awssdk.services.ec2.model.VolumeRecycleBinInfo;

/**
 * The Recycle Bin from EC2's side, as AWS answers an account without retention rules: a deleted
 * volume, snapshot or AMI is gone at once, so the bin is empty and nothing can be restored from it
 * (the restore answers the resource's not-found error). Retention rules belong to the Recycle Bin
 * service, which ec2-double does not serve.
 * https://docs.aws.amazon.com/ebs/latest/userguide/recycle-bin.html
 */
public final class RecycleBinService {
  private static final Pattern VOLUME_ID = Pattern.compile("vol-[0-9a-f]{8}([0-9a-f]{9})?");
  private static final Pattern SNAPSHOT_ID = Pattern.compile("snap-[0-9a-f]{8}([0-9a-f]{9})?");
  private static final Pattern IMAGE_ID = Pattern.compile("ami-[0-9a-f]{8}([0-9a-f]{9})?");

  public ListVolumesInRecycleBinResponse listVolumesInRecycleBin(
      RequestContext ctx, ListVolumesInRecycleBinRequest req) {
    if (req.maxResults() != null && !req.volumeIds().isEmpty()) {
      throw AwsException.invalidParameterCombination(
          "The parameter VolumeIds cannot be used with the parameter MaxResults");
    }
    req.volumeIds().forEach(id -> check(id, VOLUME_ID, "InvalidVolume.Malformed"));
    Pages.Page<VolumeRecycleBinInfo> page =
        Pages.page("ListVolumesInRecycleBin", List.of(), req.maxResults(), req.nextToken());
    return ListVolumesInRecycleBinResponse.builder()
        .volumes(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public RestoreVolumeFromRecycleBinResponse restoreVolumeFromRecycleBin(
      RequestContext ctx, RestoreVolumeFromRecycleBinRequest req) {
    String id = required(req.volumeId(), "VolumeId", VOLUME_ID, "InvalidVolume.Malformed");
    throw new AwsException(
        "InvalidVolume.NotFound", "The volume '" + id + "' does not exist in the Recycle Bin.");
  }

  public RestoreSnapshotFromRecycleBinResponse restoreSnapshotFromRecycleBin(
      RequestContext ctx, RestoreSnapshotFromRecycleBinRequest req) {
    String id = required(req.snapshotId(), "SnapshotId", SNAPSHOT_ID, "InvalidSnapshot.Malformed");
    throw new AwsException(
        "InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist in the Recycle Bin.");
  }

  public RestoreImageFromRecycleBinResponse restoreImageFromRecycleBin(
      RequestContext ctx, RestoreImageFromRecycleBinRequest req) {
    String id = required(req.imageId(), "ImageId", IMAGE_ID, "InvalidAMIID.Malformed");
    throw new AwsException(
        "InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist in the Recycle Bin.");
  }

  private static String required(String id, String name, Pattern p, String malformed) {
    if (id == null) {
      throw AwsException.missingParameter(name);
    }
    check(id, p, malformed);
    return id;
  }

  private static void check(String id, Pattern p, String malformed) {
    if (!p.matcher(id).matches()) {
      throw new AwsException(malformed, "Invalid id: \"" + id + "\"");
    }
  }
}
