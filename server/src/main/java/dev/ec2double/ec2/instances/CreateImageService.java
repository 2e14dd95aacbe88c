package dev.ec2double.ec2.instances;

import dev.ec2double.compute.Labels;
import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.images.ImagesService;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.CreateImageRequest;
import software.amazon.awssdk.services.ec2.model.CreateImageResponse;

/**
 * CreateImage: the instance's machine is committed to a new engine image, so RunInstances of the
 * new AMI starts with the original's files, and every attached volume is snapshotted into the AMI's
 * block device mappings. The AMI is {@code pending} until the commit is done.
 */
public final class CreateImageService {
  private static final Logger LOG = LoggerFactory.getLogger(CreateImageService.class);

  private final InstanceLifecycle lifecycle;
  private final ImagesService images;
  private final String serverId;

  public CreateImageService(InstanceLifecycle lifecycle, ImagesService images, String serverId) {
    this.lifecycle = lifecycle;
    this.images = images;
    this.serverId = serverId;
  }

  public CreateImageResponse createImage(RequestContext ctx, CreateImageRequest req) {
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    if (req.name() == null) {
      throw AwsException.missingParameter("Name");
    }
    images.validateName(ctx, req.name());
    InstanceState s = r.state();
    if (s != InstanceState.RUNNING && s != InstanceState.STOPPED) {
      throw new AwsException(
          "IncorrectInstanceState",
          "The instance '" + r.id + "' is not in the 'running' or 'stopped' state.");
    }
    String amiId = Ids.next("ami");
    String ref = "ec2-double/images:" + amiId;
    // the volumes are copied now, before the answer, as CreateSnapshot does: point in time
    List<BlockDeviceMapping> mappings =
        images.storage().capture(ctx, r.id, amiId, req.blockDeviceMappings());
    ImageRecord image =
        new ImageRecord(
            amiId,
            req.name(),
            req.description(),
            ref,
            ctx.account(),
            null,
            r.architecture,
            Instant.now(),
            "pending",
            false,
            true);
    image.blockDeviceMappings(mappings);
    image.sourceInstanceId(r.id);
    ImageRecord launchedFrom = images.find(ctx.state(), r.imageId);
    if (launchedFrom != null) {
      image.derivedFrom(launchedFrom, ctx.region());
    }
    images.add(ctx, image, req.tagSpecifications());
    r.then(
        () -> {
          try {
            String machine = r.machineId();
            if (machine == null) {
              throw new IllegalStateException("instance " + r.id + " has no machine");
            }
            lifecycle
                .backend()
                .commit(
                    machine, ref, Labels.of(serverId, ctx.account(), ctx.region(), amiId, "image"));
            image.state("available");
          } catch (RuntimeException e) {
            LOG.error("CreateImage {} of {} failed", amiId, r.id, e);
            image.state("failed");
          }
        },
        lifecycle.executor());
    return CreateImageResponse.builder().imageId(amiId).build();
  }
}
