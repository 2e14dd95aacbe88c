package dev.ec2double.ec2.credits;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.instances.InstanceRecord;
import dev.ec2double.ec2.instances.InstanceState;
import dev.ec2double.ec2.instances.Instances;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceCreditSpecificationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceCreditSpecificationsResponse;
import software.amazon.awssdk.services.ec2.model.GetDefaultCreditSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.GetDefaultCreditSpecificationResponse;
import software.amazon.awssdk.services.ec2.model.InstanceCreditSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceCreditSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.InstanceFamilyCreditSpecification;
import software.amazon.awssdk.services.ec2.model.ModifyDefaultCreditSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyDefaultCreditSpecificationResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceCreditSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceCreditSpecificationResponse;
import software.amazon.awssdk.services.ec2.model.SuccessfulInstanceCreditSpecificationItem;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulInstanceCreditSpecificationItem;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulInstanceCreditSpecificationItemError;

/**
 * Credit specifications of burstable (T) instances: DescribeInstanceCreditSpecifications,
 * ModifyInstanceCreditSpecification, GetDefaultCreditSpecification and
 * ModifyDefaultCreditSpecification. Records only: the option is kept and shown, the container's CPU
 * is not throttled by credits.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceCreditSpecifications.html
 */
public final class CreditsService {
  private static final Pattern ID = Pattern.compile("i-[0-9a-f]{8}([0-9a-f]{9})?");
  private static final FilterSpec<InstanceCreditSpecification> FILTERS =
      FilterSpec.<InstanceCreditSpecification>of()
          .field("instance-id", InstanceCreditSpecification::instanceId);

  /**
   * With instance ids, their options (each must exist; a type that is not burstable has none and is
   * left out); without, every burstable instance that is not terminated.
   */
  public DescribeInstanceCreditSpecificationsResponse describeInstanceCreditSpecifications(
      RequestContext ctx, DescribeInstanceCreditSpecificationsRequest req) {
    Predicate<InstanceCreditSpecification> filter = FILTERS.compile(req.filters());
    List<InstanceRecord> selected =
        req.instanceIds().isEmpty()
            ? Instances.store(ctx.state()).all()
            : Instances.requireAll(ctx, req.instanceIds());
    List<InstanceCreditSpecification> out = new ArrayList<>();
    for (InstanceRecord r : selected) {
      if (r.cpuCredits() == null || r.state() == InstanceState.TERMINATED) {
        continue;
      }
      InstanceCreditSpecification s =
          InstanceCreditSpecification.builder()
              .instanceId(r.id())
              .cpuCredits(r.cpuCredits())
              .build();
      if (filter.test(s)) {
        out.add(s);
      }
    }
    Pages.Page<InstanceCreditSpecification> page =
        Pages.page(ctx.action(), out, req.maxResults(), req.nextToken());
    return DescribeInstanceCreditSpecificationsResponse.builder()
        .instanceCreditSpecifications(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Each instance on its own: what cannot change is listed as unsuccessful, with AWS's code. */
  public ModifyInstanceCreditSpecificationResponse modifyInstanceCreditSpecification(
      RequestContext ctx, ModifyInstanceCreditSpecificationRequest req) {
    if (req.instanceCreditSpecifications().isEmpty()) {
      throw AwsException.missingParameter("InstanceCreditSpecification");
    }
    List<SuccessfulInstanceCreditSpecificationItem> ok = new ArrayList<>();
    List<UnsuccessfulInstanceCreditSpecificationItem> failed = new ArrayList<>();
    for (InstanceCreditSpecificationRequest s : req.instanceCreditSpecifications()) {
      String credits = s.cpuCredits();
      if (credits == null || (!credits.equals("standard") && !credits.equals("unlimited"))) {
        throw AwsException.invalidParameterValue(
            "Value ("
                + credits
                + ") for parameter CpuCredits is invalid. Valid values:"
                + " standard, unlimited");
      }
      String id = s.instanceId();
      String code = null;
      String message = null;
      InstanceRecord r = null;
      if (id == null || !ID.matcher(id).matches()) {
        code = "InvalidInstanceID.Malformed";
        message = "Invalid id: \"" + id + "\"";
      } else if ((r = Instances.store(ctx.state()).get(id)) == null) {
        code = "InvalidInstanceID.NotFound";
        message = "The instance ID '" + id + "' does not exist";
      } else if (r.cpuCredits() == null) {
        code = "InstanceCreditSpecification.NotSupported";
        message = "The instance " + id + " is not a burstable performance instance.";
      } else if (r.state() == InstanceState.TERMINATED
          || r.state() == InstanceState.SHUTTING_DOWN) {
        code = "IncorrectInstanceState";
        message = "The instance " + id + " is " + r.state().awsName() + ".";
      }
      if (code != null) {
        failed.add(
            UnsuccessfulInstanceCreditSpecificationItem.builder()
                .instanceId(id)
                .error(
                    UnsuccessfulInstanceCreditSpecificationItemError.builder()
                        .code(code)
                        .message(message)
                        .build())
                .build());
        continue;
      }
      r.cpuCredits(credits);
      ok.add(SuccessfulInstanceCreditSpecificationItem.builder().instanceId(id).build());
    }
    ctx.state().changed();
    return ModifyInstanceCreditSpecificationResponse.builder()
        .successfulInstanceCreditSpecifications(ok)
        .unsuccessfulInstanceCreditSpecifications(failed)
        .build();
  }

  public GetDefaultCreditSpecificationResponse getDefaultCreditSpecification(
      RequestContext ctx, GetDefaultCreditSpecificationRequest req) {
    String family = family(req.instanceFamilyAsString());
    return GetDefaultCreditSpecificationResponse.builder()
        .instanceFamilyCreditSpecification(
            InstanceFamilyCreditSpecification.builder()
                .instanceFamily(family)
                .cpuCredits(CreditFamilies.defaultOf(ctx.state(), family))
                .build())
        .build();
  }

  public ModifyDefaultCreditSpecificationResponse modifyDefaultCreditSpecification(
      RequestContext ctx, ModifyDefaultCreditSpecificationRequest req) {
    String family = family(req.instanceFamilyAsString());
    String credits = req.cpuCredits();
    if (credits == null) {
      throw AwsException.missingParameter("CpuCredits");
    }
    if (!credits.equals("standard") && !credits.equals("unlimited")) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + credits
              + ") for parameter CpuCredits is invalid. Valid values: standard,"
              + " unlimited");
    }
    CreditFamilies.Defaults d = CreditFamilies.Defaults.of(ctx.state());
    synchronized (d) {
      d.byFamily.put(family, credits);
    }
    ctx.state().changed();
    return ModifyDefaultCreditSpecificationResponse.builder()
        .instanceFamilyCreditSpecification(
            InstanceFamilyCreditSpecification.builder()
                .instanceFamily(family)
                .cpuCredits(credits)
                .build())
        .build();
  }

  private static String family(String family) {
    if (family == null) {
      throw AwsException.missingParameter("InstanceFamily");
    }
    if (!CreditFamilies.AWS_DEFAULTS.containsKey(family)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + family
              + ") for parameter InstanceFamily is invalid. Valid values: t2, t3,"
              + " t3a, t4g");
    }
    return family;
  }
}
