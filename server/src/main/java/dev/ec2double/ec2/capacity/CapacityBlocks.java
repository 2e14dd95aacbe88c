package dev.ec2double.ec2.capacity;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import java.time.Instant;
import software.amazon.awssdk.services.ec2.model.CapacityBlock;

/**
 * Capacity Blocks as a resource kind, with DescribeCapacityBlocks' filters.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeCapacityBlocks.html
 */
final class CapacityBlocks {
  private CapacityBlocks() {}

  static final ResourceKind<CapacityBlockStore.Block, CapacityBlock> KIND =
      ResourceKind.<CapacityBlockStore.Block, CapacityBlock>of("cb", "capacity-block")
          .errors(
              "InvalidCapacityBlockId.NotFound",
              "Capacity Block",
              "InvalidCapacityBlockId.Malformed")
          .storedIn(CapacityBlockStore::of, s -> s.blocks)
          .id(b -> b.id)
          .view(CapacityBlocks::view, CapacityBlock::tags)
          .filter("capacity-block-id", CapacityBlock::capacityBlockId)
          .filter("ultraserver-type", CapacityBlock::ultraserverType)
          .filter("availability-zone", CapacityBlock::availabilityZone)
          .filter("start-date", b -> b.startDate().toString())
          .filter("end-date", b -> b.endDate().toString())
          .filter("create-date", b -> b.createDate().toString())
          .filter("state", CapacityBlock::stateAsString)
          .build();

  private static CapacityBlock view(RequestContext ctx, CapacityBlockStore.Block b) {
    return CapacityBlock.builder()
        .capacityBlockId(b.id)
        .availabilityZone(b.zone)
        .availabilityZoneId(b.zoneId)
        .capacityReservationIds(b.reservationIds)
        .startDate(b.start)
        .endDate(b.end)
        .createDate(b.created)
        .state(b.stateAt(Instant.now()))
        .tags(ctx.tags().sdkTags(b.id))
        .build();
  }
}
