package dev.ec2double.ec2.imports;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instancetypes.InstanceTypeCatalog;
import dev.ec2double.ec2.regions.RegionCatalog;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CancelConversionTaskRequest;
import software.amazon.awssdk.services.ec2.model.CancelConversionTaskResponse;
import software.amazon.awssdk.services.ec2.model.ConversionTask;
import software.amazon.awssdk.services.ec2.model.DescribeConversionTasksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeConversionTasksResponse;
import software.amazon.awssdk.services.ec2.model.DiskImage;
import software.amazon.awssdk.services.ec2.model.DiskImageDetail;
import software.amazon.awssdk.services.ec2.model.ImportInstanceLaunchSpecification;
import software.amazon.awssdk.services.ec2.model.ImportInstanceRequest;
import software.amazon.awssdk.services.ec2.model.ImportInstanceResponse;
import software.amazon.awssdk.services.ec2.model.ImportVolumeRequest;
import software.amazon.awssdk.services.ec2.model.ImportVolumeResponse;
import software.amazon.awssdk.services.ec2.model.VolumeDetail;

/**
 * The legacy conversion tasks. ImportVolume makes an EBS volume of the given size in the given zone
 * at the task's end. ImportInstance takes Windows VMs only, as AWS's reference says ({@code
 * Platform}: {@code Windows}; Linux VMs are ImportImage's), one disk: its task converts the disk to
 * a volume in the launch specification's zone; no instance is launched (there is no Windows here).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ImportInstance.html
 */
public final class ConversionTasksService {
  private static final Pattern ID = Pattern.compile("import-(i|vol)-[0-9a-z]{8,17}");
  private static final Set<String> FORMATS = Set.of("VMDK", "RAW", "VHD");

  private final Completions completions;

  public ConversionTasksService(ImportsService imports) {
    this.completions = imports.completions();
  }

  public ImportVolumeResponse importVolume(RequestContext ctx, ImportVolumeRequest req) {
    RegionCatalog.Zone zone = zone(ctx, req.availabilityZone(), req.availabilityZoneId(), true);
    Conversion c = new Conversion(Ids.next("import-vol"), false);
    fill(c, req.description(), req.image(), req.volume(), zone);
    return ImportVolumeResponse.builder().conversionTask(start(ctx, c)).build();
  }

  public ImportInstanceResponse importInstance(RequestContext ctx, ImportInstanceRequest req) {
    if (req.platformAsString() == null) {
      throw AwsException.missingParameter("Platform");
    }
    if (!req.platformAsString().equals("Windows")) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + req.platformAsString()
              + ") for parameter Platform is invalid. ImportInstance imports Windows VMs only;"
              + " import other VMs with ImportImage.");
    }
    List<DiskImage> disks = req.diskImages();
    if (disks.isEmpty()) {
      throw AwsException.missingParameter("DiskImage");
    }
    if (disks.size() > 1) {
      throw AwsException.invalidParameterValue(
          "ImportInstance supports single-volume VMs only; import multi-volume VMs with ImportImage.");
    }
    ImportInstanceLaunchSpecification spec = req.launchSpecification();
    String zoneName = null;
    if (spec != null) {
      String type = spec.instanceTypeAsString();
      if (type != null && !InstanceTypeCatalog.exists(type)) {
        throw AwsException.invalidParameterValue(
            "Value (" + type + ") for parameter InstanceType is invalid.");
      }
      if (spec.placement() != null) {
        zoneName = spec.placement().availabilityZone();
      }
    }
    RegionCatalog.Zone zone = zone(ctx, zoneName, null, false);
    DiskImage disk = disks.get(0);
    Conversion c = new Conversion(Ids.next("import-i"), true);
    c.platform = "Windows";
    fill(c, req.description(), disk.image(), disk.volume(), zone);
    return ImportInstanceResponse.builder().conversionTask(start(ctx, c)).build();
  }

  private static RegionCatalog.Zone zone(
      RequestContext ctx, String name, String zoneId, boolean required) {
    if (required && name == null && zoneId == null) {
      throw AwsException.missingParameter("AvailabilityZone");
    }
    RegionCatalog.Zone z = RegionCatalog.zoneOrNull(ctx.region(), name, zoneId);
    if (z == null) {
      throw AwsException.invalidParameterValue(
          "Invalid availability zone: [" + (name != null ? name : zoneId) + "]");
    }
    return z;
  }

  private static void fill(
      Conversion c,
      String description,
      DiskImageDetail image,
      VolumeDetail volume,
      RegionCatalog.Zone zone) {
    DiskInputs.description(description);
    if (image == null) {
      throw AwsException.missingParameter("Image");
    }
    c.format = DiskInputs.format(image.formatAsString(), FORMATS);
    if (image.bytes() == null || image.bytes() <= 0) {
      throw AwsException.missingParameter("Image.Bytes");
    }
    if (image.importManifestUrl() == null || image.importManifestUrl().isEmpty()) {
      throw AwsException.missingParameter("Image.ImportManifestUrl");
    }
    if (!image.importManifestUrl().startsWith("https://")) {
      throw AwsException.invalidParameterValue(
          "Image.ImportManifestUrl must be a presigned https:// URL of the import manifest.");
    }
    if (volume == null || volume.size() == null) {
      throw AwsException.missingParameter("Volume.Size");
    }
    long needed = (image.bytes() + (1L << 30) - 1) >> 30;
    if (volume.size() < 1 || volume.size() > 16384 || volume.size() < needed) {
      throw AwsException.invalidParameterValue(
          "Volume.Size ("
              + volume.size()
              + " GiB) must be between 1 and 16384 GiB and hold the disk image ("
              + needed
              + " GiB).");
    }
    c.description = description;
    c.bytes = image.bytes();
    c.manifestUrl = image.importManifestUrl();
    c.volumeSize = volume.size().intValue();
    c.zone = zone.name();
    c.zoneId = zone.zoneId();
  }

  private ConversionTask start(RequestContext ctx, Conversion c) {
    ImportStore store = ImportStore.of(ctx.state());
    synchronized (store) {
      store.conversions.put(c.id, c);
    }
    ctx.state().changed();
    completions.schedule(ctx.state(), c);
    synchronized (store) {
      return c.view(ctx);
    }
  }

  public DescribeConversionTasksResponse describeConversionTasks(
      RequestContext ctx, DescribeConversionTasksRequest req) {
    completions.settle(ctx.state());
    ImportStore store = ImportStore.of(ctx.state());
    List<ConversionTask> out = new ArrayList<>();
    synchronized (store) {
      if (req.conversionTaskIds().isEmpty()) {
        store.conversions.values().forEach(c -> out.add(c.view(ctx)));
      }
      for (String id : req.conversionTaskIds()) {
        out.add(require(store, id).view(ctx));
      }
    }
    return DescribeConversionTasksResponse.builder().conversionTasks(out).build();
  }

  /**
   * Cancels an active conversion ({@code cancelling}, then {@code cancelled}): no volume is made. A
   * completed or cancelled one cannot be cancelled.
   */
  public CancelConversionTaskResponse cancelConversionTask(
      RequestContext ctx, CancelConversionTaskRequest req) {
    completions.settle(ctx.state());
    ImportStore store = ImportStore.of(ctx.state());
    synchronized (store) {
      Conversion c = require(store, req.conversionTaskId());
      c.cancel(Instant.now(), req.reasonMessage(), "conversion task");
    }
    ctx.state().changed();
    return CancelConversionTaskResponse.builder().build();
  }

  private static Conversion require(ImportStore store, String id) {
    if (id == null) {
      throw AwsException.missingParameter("ConversionTaskId");
    }
    if (!ID.matcher(id).matches()) {
      throw new AwsException(
          "InvalidConversionTaskId.Malformed", "The conversion task ID '" + id + "' is malformed");
    }
    Conversion c = store.conversions.get(id);
    if (c == null) {
      throw new AwsException(
          "InvalidConversionTaskId", "The conversion task ID '" + id + "' does not exist");
    }
    return c;
  }
}
