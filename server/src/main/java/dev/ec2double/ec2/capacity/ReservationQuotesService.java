package dev.ec2double.ec2.capacity;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.Resources;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import software.amazon.awssdk.services.ec2.model.CancellationTerms;
import software.amazon.awssdk.services.ec2.model.CapacityReservationCancellationQuote;
import software.amazon.awssdk.services.ec2.model.CapacityReservationConfiguration;
import software.amazon.awssdk.services.ec2.model.CapacityReservationModificationQuote;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationCancellationQuoteRequest;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationCancellationQuoteResponse;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationDateChangeQuoteRequest;
import software.amazon.awssdk.services.ec2.model.CreateCapacityReservationDateChangeQuoteResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationCancellationQuotesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationCancellationQuotesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationDateChangeQuotesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationDateChangeQuotesResponse;
import software.amazon.awssdk.services.ec2.model.ModificationQuoteCurrentConfiguration;
import software.amazon.awssdk.services.ec2.model.ModificationReservationUpdate;
import software.amazon.awssdk.services.ec2.model.ModificationTerms;

/**
 * Quotes of what cancelling a reservation, or moving its start date, would cost. ec2-double's
 * reservations carry no commitment, so a cancellation quote's terms charge nothing ({@code
 * commitment-wind-down} over 0 hours) and a date change is quoted as asked; a quote is {@code
 * active} for an hour, then {@code expired}. A date change needs a reservation that has not started
 * yet ({@code scheduled}) and a new start date in the future.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateCapacityReservationCancellationQuote.html
 */
public final class ReservationQuotesService {
  static final ResourceKind<QuoteStore.Quote, CapacityReservationCancellationQuote> CANCELLATIONS =
      ResourceKind.<QuoteStore.Quote, CapacityReservationCancellationQuote>of(
              "crcq", "capacity-reservation-cancellation-quote")
          .errors(
              "InvalidCapacityReservationCancellationQuoteId.NotFound",
              "Capacity Reservation cancellation quote",
              "InvalidCapacityReservationCancellationQuoteId.Malformed")
          .storedIn(QuoteStore::of, s -> s.cancellations)
          .id(QuoteStore.Quote::id)
          .view(ReservationQuotesService::cancellation, CapacityReservationCancellationQuote::tags)
          .filter(
              "capacity-reservation-id",
              CapacityReservationCancellationQuote::capacityReservationId)
          .filter("quote-state", CapacityReservationCancellationQuote::quoteStateAsString)
          .build();

  static final ResourceKind<QuoteStore.Quote, CapacityReservationModificationQuote> DATE_CHANGES =
      ResourceKind.<QuoteStore.Quote, CapacityReservationModificationQuote>of(
              "crmq", "capacity-reservation-modification-quote")
          .errors(
              "InvalidCapacityReservationModificationQuoteId.NotFound",
              "Capacity Reservation modification quote",
              "InvalidCapacityReservationModificationQuoteId.Malformed")
          .storedIn(QuoteStore::of, s -> s.dateChanges)
          .id(QuoteStore.Quote::id)
          .view(ReservationQuotesService::dateChange, CapacityReservationModificationQuote::tags)
          .filter(
              "capacity-reservation-id",
              CapacityReservationModificationQuote::capacityReservationId)
          .filter("quote-state", CapacityReservationModificationQuote::quoteStateAsString)
          .build();

  public ReservationQuotesService(Resources resources) {
    CANCELLATIONS.registerTaggable(resources);
    DATE_CHANGES.registerTaggable(resources);
  }

  public CreateCapacityReservationCancellationQuoteResponse
      createCapacityReservationCancellationQuote(
          RequestContext ctx, CreateCapacityReservationCancellationQuoteRequest req) {
    var tags = CANCELLATIONS.tags(req.tagSpecifications());
    ReservationStore.Reservation r = reservation(ctx, req.capacityReservationId());
    Instant now = Instant.now();
    Inputs.activeOrRefuse(r, now);
    QuoteStore.Quote q =
        CANCELLATIONS.create(
            ctx,
            tags,
            id -> new QuoteStore.Quote(id, r.id, now, r.totalCount, r.stateAt(now), null, null));
    return CreateCapacityReservationCancellationQuoteResponse.builder()
        .capacityReservationCancellationQuote(CANCELLATIONS.view(ctx, q))
        .build();
  }

  public CreateCapacityReservationDateChangeQuoteResponse createCapacityReservationDateChangeQuote(
      RequestContext ctx, CreateCapacityReservationDateChangeQuoteRequest req) {
    var tags = DATE_CHANGES.tags(req.tagSpecifications());
    ReservationStore.Reservation r = reservation(ctx, req.capacityReservationId());
    Instant start = Inputs.required(req.newStartDate(), "NewStartDate");
    Instant now = Instant.now();
    if (!r.stateAt(now).equals("scheduled")) {
      throw new AwsException(
          "IncorrectState",
          "The Capacity Reservation "
              + r.id
              + " is "
              + r.stateAt(now)
              + "; only a scheduled (future-dated) reservation's start date can change.");
    }
    if (!start.isAfter(now)) {
      throw AwsException.invalidParameterValue(
          "The NewStartDate " + start + " is in the past; it must be in the future.");
    }
    if (r.endDate != null && !start.isBefore(r.endDate)) {
      throw AwsException.invalidParameterValue(
          "The NewStartDate " + start + " must be before the reservation's end date.");
    }
    QuoteStore.Quote q =
        DATE_CHANGES.create(
            ctx,
            tags,
            id ->
                new QuoteStore.Quote(
                    id, r.id, now, r.totalCount, r.stateAt(now), r.startDate, start));
    return CreateCapacityReservationDateChangeQuoteResponse.builder()
        .capacityReservationModificationQuote(DATE_CHANGES.view(ctx, q))
        .build();
  }

  public DescribeCapacityReservationCancellationQuotesResponse
      describeCapacityReservationCancellationQuotes(
          RequestContext ctx, DescribeCapacityReservationCancellationQuotesRequest req) {
    var page =
        CANCELLATIONS.describe(
            ctx,
            req.capacityReservationCancellationQuoteIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeCapacityReservationCancellationQuotesResponse.builder()
        .capacityReservationCancellationQuotes(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DescribeCapacityReservationDateChangeQuotesResponse
      describeCapacityReservationDateChangeQuotes(
          RequestContext ctx, DescribeCapacityReservationDateChangeQuotesRequest req) {
    var page =
        DATE_CHANGES.describe(
            ctx,
            req.capacityReservationModificationQuoteIds(),
            req.filters(),
            req.maxResults(),
            req.nextToken());
    return DescribeCapacityReservationDateChangeQuotesResponse.builder()
        .capacityReservationModificationQuotes(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static ReservationStore.Reservation reservation(RequestContext ctx, String id) {
    return CapacityReservations.KIND.get(ctx.state(), Inputs.required(id, "CapacityReservationId"));
  }

  private static CapacityReservationCancellationQuote cancellation(
      RequestContext ctx, QuoteStore.Quote q) {
    Instant now = Instant.now();
    return CapacityReservationCancellationQuote.builder()
        .capacityReservationCancellationQuoteId(q.id())
        .capacityReservationId(q.reservationId())
        .createTime(q.createTime())
        .expirationTime(q.expirationTime())
        .quoteState(q.stateAt(now))
        .currentConfiguration(
            CapacityReservationConfiguration.builder()
                .instanceCount(q.instanceCount())
                .reservationState(q.reservationState())
                .build())
        .cancellationTerms(
            CancellationTerms.builder()
                .cancellationType("commitment-wind-down")
                .reservationState("cancelled")
                .committedInstanceCount(0)
                .chargeCommitmentDurationHours(0L)
                .chargeEndDate(q.createTime())
                .build())
        .tags(ctx.tags().sdkTags(q.id()))
        .build();
  }

  private static CapacityReservationModificationQuote dateChange(
      RequestContext ctx, QuoteStore.Quote q) {
    Instant now = Instant.now();
    return CapacityReservationModificationQuote.builder()
        .capacityReservationModificationQuoteId(q.id())
        .capacityReservationId(q.reservationId())
        .createTime(q.createTime())
        .expirationTime(q.expirationTime())
        .quoteState(q.stateAt(now))
        .currentConfiguration(
            ModificationQuoteCurrentConfiguration.builder()
                .instanceCount(q.instanceCount())
                .reservationState(q.reservationState())
                .startDate(q.startDate())
                .originalStartDate(q.startDate())
                .build())
        .modificationTerms(
            ModificationTerms.builder()
                .reservationUpdate(
                    ModificationReservationUpdate.builder().newStartDate(q.newStartDate()).build())
                .build())
        .tags(ctx.tags().sdkTags(q.id()))
        .build();
  }
}
