package dev.ec2double.ec2.imports;

import dev.ec2double.core.RequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ConversionTask;
import software.amazon.awssdk.services.ec2.model.DiskImageDescription;
import software.amazon.awssdk.services.ec2.model.DiskImageVolumeDescription;
import software.amazon.awssdk.services.ec2.model.ImportInstanceTaskDetails;
import software.amazon.awssdk.services.ec2.model.ImportInstanceVolumeDetailItem;
import software.amazon.awssdk.services.ec2.model.ImportVolumeTaskDetails;

/**
 * A legacy conversion task: ImportVolume ({@code import-vol-}) or ImportInstance ({@code
 * import-i-}). Its disk becomes an EBS volume in its zone at its end.
 */
final class Conversion extends Task {
  static final Stages STAGES =
      Stages.of("Pending", "0", "Progress: 25%", "25", "Progress: 75%", "75");

  /** AWS keeps a conversion task's upload open for a week. */
  static final Duration EXPIRY = Duration.ofDays(7);

  final boolean instance;
  String description;
  String zone;
  String zoneId;
  String format;
  long bytes;
  String manifestUrl;
  int volumeSize;
  String platform;
  String volumeId;

  Conversion(String id, boolean instance) {
    super(id, STAGES);
    this.instance = instance;
  }

  @Override
  void finish(Results results, RequestContext ctx) {
    results.volume(ctx, this);
  }

  String state(Instant now) {
    if (cancelled != null) {
      return leaving(now) ? "cancelling" : "cancelled";
    }
    if (failure != null) {
      return "cancelled";
    }
    return finished ? "completed" : "active";
  }

  ConversionTask view(RequestContext ctx) {
    Instant now = Instant.now();
    String state = state(now);
    boolean active = state.equals("active");
    long converted =
        state.equals("completed")
            ? bytes
            : active ? bytes * Long.parseLong(stage(now).progress()) / 100 : 0;
    String message =
        cancelled != null
            ? (cancelReason != null ? cancelReason : "Request canceled by user")
            : failure != null ? failure : active ? stage(now).message() : null;
    DiskImageDescription image =
        DiskImageDescription.builder()
            .format(format)
            .size(bytes)
            .importManifestUrl(manifestUrl)
            .build();
    DiskImageVolumeDescription volume =
        DiskImageVolumeDescription.builder().id(volumeId).size((long) volumeSize).build();
    ConversionTask.Builder b =
        ConversionTask.builder()
            .conversionTaskId(id)
            .expirationTime(created.plus(EXPIRY).toString())
            .state(state)
            .statusMessage(message)
            .tags(ctx.tags().sdkTags(id));
    if (instance) {
      b.importInstance(
          ImportInstanceTaskDetails.builder()
              .description(description)
              .platform(platform)
              .volumes(
                  List.of(
                      ImportInstanceVolumeDetailItem.builder()
                          .availabilityZone(zone)
                          .availabilityZoneId(zoneId)
                          .bytesConverted(converted)
                          .description(description)
                          .image(image)
                          .volume(volume)
                          .status(state)
                          .statusMessage(message)
                          .build()))
              .build());
    } else {
      b.importVolume(
          ImportVolumeTaskDetails.builder()
              .availabilityZone(zone)
              .availabilityZoneId(zoneId)
              .bytesConverted(converted)
              .description(description)
              .image(image)
              .volume(volume)
              .build());
    }
    return b.build();
  }
}
