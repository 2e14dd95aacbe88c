package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateSubnetCidrReservationRequest;
import software.amazon.awssdk.services.ec2.model.CreateSubnetCidrReservationResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSubnetCidrReservationRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSubnetCidrReservationResponse;
import software.amazon.awssdk.services.ec2.model.GetSubnetCidrReservationsRequest;
import software.amazon.awssdk.services.ec2.model.GetSubnetCidrReservationsResponse;
import software.amazon.awssdk.services.ec2.model.SubnetCidrReservation;

/**
 * CreateSubnetCidrReservation, GetSubnetCidrReservations, DeleteSubnetCidrReservation: IPv4
 * reservations (explicit or prefix) that the subnet's address pool honours: RunInstances and
 * CreateNetworkInterface never pick an address in one unless it is asked for by name, as on AWS.
 * https://docs.aws.amazon.com/vpc/latest/userguide/subnet-cidr-reservation.html
 */
public final class SubnetCidrReservations {
  static final ResourceKind<SubnetCidrReservationRecord, SubnetCidrReservation> KIND =
      ResourceKind.<SubnetCidrReservationRecord, SubnetCidrReservation>of(
              "scr", "subnet-cidr-reservation")
          .errors(
              "InvalidSubnetCidrReservationID.NotFound",
              "subnetCidrReservation",
              "InvalidSubnetCidrReservationID.Malformed")
          .storedIn(VpcState::of, st -> st.subnetCidrReservations)
          .id(SubnetCidrReservationRecord::id)
          .view(SubnetCidrReservations::view, SubnetCidrReservation::tags)
          .filter("reservationType", SubnetCidrReservation::reservationTypeAsString)
          .filter("subnet-id", SubnetCidrReservation::subnetId)
          .filter("owner-id", SubnetCidrReservation::ownerId)
          .build();

  private static SubnetCidrReservation view(RequestContext ctx, SubnetCidrReservationRecord r) {
    return SubnetCidrReservation.builder()
        .subnetCidrReservationId(r.id())
        .subnetId(r.subnetId())
        .cidr(r.cidr())
        .reservationType(r.type())
        .description(r.description())
        .ownerId(ctx.account())
        .tags(ctx.tags().sdkTags(r.id()))
        .build();
  }

  public CreateSubnetCidrReservationResponse createSubnetCidrReservation(
      RequestContext ctx, CreateSubnetCidrReservationRequest req) {
    String type = req.reservationTypeAsString();
    if (type == null) {
      throw AwsException.missingParameter("ReservationType");
    }
    if (!type.equals("prefix") && !type.equals("explicit")) {
      throw AwsException.invalidParameterValue(
          "Value (" + type + ") for parameter reservationType is invalid. Use prefix or explicit.");
    }
    if (req.cidr() == null) {
      throw AwsException.missingParameter("Cidr");
    }
    Cidr block = Cidr.parseOrNull(req.cidr());
    if (block == null) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + req.cidr()
              + ") for parameter cidr is invalid: IPv6 subnets and invalid CIDRs are not taken.");
    }
    var tags = KIND.tags(req.tagSpecifications());
    VpcState st = VpcState.of(ctx.state());
    SubnetCidrReservationRecord r;
    synchronized (st) {
      SubnetRecord s = st.subnet(req.subnetId());
      if (!s.cidr.contains(block)) {
        throw AwsException.invalidParameterValue(
            "The CIDR " + block + " is not within the subnet " + s.id + " (" + s.cidr + ").");
      }
      for (SubnetCidrReservationRecord other : st.subnetCidrReservations.values()) {
        if (other.subnetId().equals(s.id) && Cidr.parseOrNull(other.cidr()).overlaps(block)) {
          throw AwsException.invalidParameterValue(
              "The CIDR " + block + " overlaps the reservation " + other.id() + ".");
        }
      }
      s.pool.reserve(block);
      r =
          KIND.create(
              ctx,
              tags,
              id ->
                  new SubnetCidrReservationRecord(
                      id, s.id, block.toString(), type, req.description()));
    }
    return CreateSubnetCidrReservationResponse.builder()
        .subnetCidrReservation(KIND.view(ctx, r))
        .build();
  }

  public GetSubnetCidrReservationsResponse getSubnetCidrReservations(
      RequestContext ctx, GetSubnetCidrReservationsRequest req) {
    VpcState st = VpcState.of(ctx.state());
    String subnetId = st.subnet(req.subnetId()).id;
    List<SubnetCidrReservation> views =
        KIND.select(ctx, r -> r.subnetId().equals(subnetId), req.filters());
    var page = Pages.page(ctx.action(), views, req.maxResults(), req.nextToken());
    return GetSubnetCidrReservationsResponse.builder()
        .subnetIpv4CidrReservations(page.items())
        .subnetIpv6CidrReservations(List.of())
        .nextToken(page.nextToken())
        .build();
  }

  public DeleteSubnetCidrReservationResponse deleteSubnetCidrReservation(
      RequestContext ctx, DeleteSubnetCidrReservationRequest req) {
    VpcState st = VpcState.of(ctx.state());
    SubnetCidrReservationRecord r;
    synchronized (st) {
      r = KIND.get(ctx.state(), req.subnetCidrReservationId());
      SubnetRecord s = st.subnets.get(r.subnetId());
      if (s != null) {
        s.pool.unreserve(Cidr.parseOrNull(r.cidr()));
      }
      KIND.delete(ctx, r.id());
    }
    return DeleteSubnetCidrReservationResponse.builder()
        .deletedSubnetCidrReservation(KIND.view(ctx, r))
        .build();
  }
}
