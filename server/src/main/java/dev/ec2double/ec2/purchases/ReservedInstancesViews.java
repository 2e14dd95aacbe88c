package dev.ec2double.ec2.purchases;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import software.amazon.awssdk.services.ec2.model.ReservedInstances;

/** How a Reserved Instances record looks, and DescribeReservedInstances' filters. */
final class ReservedInstancesViews {
  private ReservedInstancesViews() {}

  /** https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeReservedInstances.html */
  static FilterSpec<ReservedInstances> filters(RequestContext ctx) {
    return FilterSpec.<ReservedInstances>of()
        .field("availability-zone", ReservedInstances::availabilityZone)
        .field("availability-zone-id", ReservedInstances::availabilityZoneId)
        .field("duration", ReservedInstances::duration)
        .field("end", r -> r.end().toString())
        .field("fixed-price", r -> ReservedInstancesService.price(r.fixedPrice()))
        .field("instance-type", ReservedInstances::instanceTypeAsString)
        .field("scope", ReservedInstances::scopeAsString)
        .field("product-description", ReservedInstances::productDescriptionAsString)
        .field("reserved-instances-id", ReservedInstances::reservedInstancesId)
        .field("start", r -> r.start().toString())
        .field("state", ReservedInstances::stateAsString)
        .field("usage-price", r -> ReservedInstancesService.price(r.usagePrice()))
        .tags(r -> ctx.tags().get(r.reservedInstancesId()));
  }

  static RiStore.Ri require(RiStore store, String id) {
    RiStore.Ri ri = store.byId.get(id);
    if (ri == null) {
      throw new AwsException(
          "InvalidReservedInstancesId.NotFound",
          "The Reserved Instances ID '" + id + "' does not exist");
    }
    return ri;
  }

  static ReservedInstances view(RequestContext ctx, RiStore.Ri ri, Instant now) {
    return ReservedInstances.builder()
        .reservedInstancesId(ri.id)
        .instanceType(ri.instanceType)
        .availabilityZone(ri.zone)
        .availabilityZoneId(ri.zoneId)
        .start(ri.start)
        .end(ri.end)
        .duration(ri.duration)
        .usagePrice(0f)
        .fixedPrice((float) ri.fixedPrice)
        .instanceCount(ri.count)
        .productDescription(RiOfferings.PRODUCT)
        .state(ri.stateAt(now))
        .instanceTenancy(ri.tenancy)
        .currencyCode("USD")
        .offeringType(ri.offeringType)
        .offeringClass(ri.offeringClass)
        .recurringCharges(RiOfferings.charges(ri.hourly))
        .scope(ri.zone == null ? "Region" : "Availability Zone")
        .tags(ctx.tags().sdkTags(ri.id))
        .build();
  }
}
