package dev.ec2double.ec2.instances;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.TagStore;
import dev.ec2double.ec2.images.ImageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceImageMetadataRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceImageMetadataResponse;
import software.amazon.awssdk.services.ec2.model.ImageMetadata;
import software.amazon.awssdk.services.ec2.model.InstanceImageMetadata;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * DescribeInstanceImageMetadata: each instance with the AMI it was launched from, as the AMI is now
 * (an AMI deregistered since shows only its id, as on AWS).
 */
public final class InstanceImageMetadataService {
  private static final FilterSpec<InstanceImageMetadata> FILTERS =
      FilterSpec.<InstanceImageMetadata>of()
          .field("availability-zone", InstanceImageMetadata::availabilityZone)
          .field("instance-id", InstanceImageMetadata::instanceId)
          .field("instance-type", InstanceImageMetadata::instanceTypeAsString)
          .field("instance-state-name", i -> i.state().nameAsString())
          .field("launch-time", i -> i.launchTime() == null ? null : i.launchTime().toString())
          .field("owner-id", InstanceImageMetadata::ownerId)
          .field("image-allowed", i -> i.imageMetadata().imageAllowed())
          .field("owner-alias", i -> i.imageMetadata().imageOwnerAlias())
          .field("zone-id", InstanceImageMetadata::zoneId)
          .tags(
              i -> i.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)));

  private final InstancesService instances;

  public InstanceImageMetadataService(InstancesService instances) {
    this.instances = instances;
  }

  public DescribeInstanceImageMetadataResponse describeInstanceImageMetadata(
      RequestContext ctx, DescribeInstanceImageMetadataRequest req) {
    Predicate<InstanceImageMetadata> filter = FILTERS.compile(req.filters());
    List<InstanceRecord> records =
        req.instanceIds().isEmpty()
            ? Instances.store(ctx.state()).all()
            : Instances.requireAll(ctx, req.instanceIds());
    TagStore tags = ctx.tags();
    List<InstanceImageMetadata> out = new ArrayList<>();
    for (InstanceRecord r : records) {
      InstanceImageMetadata m = view(ctx, r, tags);
      if (filter.test(m)) {
        out.add(m);
      }
    }
    Pages.Page<InstanceImageMetadata> page =
        Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeInstanceImageMetadataResponse.builder()
        .instanceImageMetadata(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private InstanceImageMetadata view(RequestContext ctx, InstanceRecord r, TagStore tags) {
    ImageRecord image = instances.images().find(ctx.state(), r.imageId);
    ImageMetadata.Builder im = ImageMetadata.builder().imageId(r.imageId);
    if (image != null) {
      im.name(image.name())
          .ownerId(image.ownerId())
          .state(image.state())
          .imageOwnerAlias(image.ownerAlias())
          .creationDate(image.created().toString())
          .deprecationTime(
              image.deprecationTime() == null ? null : image.deprecationTime().toString())
          .imageAllowed(instances.images().allowed(ctx.state(), image))
          .isPublic(image.isPublic());
    }
    Instant launched;
    synchronized (r) {
      launched = r.launchTime;
    }
    return InstanceImageMetadata.builder()
        .instanceId(r.id)
        .instanceType(r.instanceType())
        .launchTime(launched)
        .availabilityZone(r.zone)
        .zoneId(InstanceTopologyService.zoneId(ctx.region(), r.zone))
        .state(r.state().toSdk())
        .ownerId(r.ownerId)
        .tags(tags.sdkTags(r.id))
        .imageMetadata(im.build())
        .build();
  }
}
