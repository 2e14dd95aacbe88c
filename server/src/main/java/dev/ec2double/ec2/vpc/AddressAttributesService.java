package dev.ec2double.ec2.vpc;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.AddressAttribute;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeMovingAddressesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeMovingAddressesResponse;
import software.amazon.awssdk.services.ec2.model.ModifyAddressAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyAddressAttributeResponse;
import software.amazon.awssdk.services.ec2.model.MoveAddressToVpcRequest;
import software.amazon.awssdk.services.ec2.model.MoveAddressToVpcResponse;
import software.amazon.awssdk.services.ec2.model.MovingAddressStatus;
import software.amazon.awssdk.services.ec2.model.PtrUpdateStatus;
import software.amazon.awssdk.services.ec2.model.ResetAddressAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetAddressAttributeResponse;
import software.amazon.awssdk.services.ec2.model.RestoreAddressToClassicRequest;
import software.amazon.awssdk.services.ec2.model.RestoreAddressToClassicResponse;

/**
 * An Elastic IP's reverse DNS record (the {@code domain-name} attribute,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyAddressAttribute.html): a
 * record, since ec2-double's public addresses are not on the internet. Modify and Reset answer the
 * update {@code PENDING} and DescribeAddressesAttribute shows the new name from then on. The
 * EC2-Classic moves answer as AWS does since Classic's retirement: nothing is moving, and a move is
 * not available.
 */
public final class AddressAttributesService {
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)*[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.?");

  private static final FilterSpec<MovingAddressStatus> MOVING =
      FilterSpec.<MovingAddressStatus>of()
          .field("moving-status", MovingAddressStatus::moveStatusAsString);

  /** AWS's own reverse name of a public address: ec2-198-18-0-1.compute-1.amazonaws.com. */
  static String defaultPtr(String region, String ip) {
    String host = "ec2-" + ip.replace('.', '-');
    return region.equals("us-east-1")
        ? host + ".compute-1.amazonaws.com"
        : host + "." + region + ".compute.amazonaws.com";
  }

  private static AddressAttribute view(VpcState st, ElasticIpRecord a, PtrUpdateStatus update) {
    return AddressAttribute.builder()
        .allocationId(a.allocationId)
        .publicIp(a.publicIp)
        .ptrRecord(a.ptrRecord != null ? a.ptrRecord : defaultPtr(st.region, a.publicIp))
        .ptrRecordUpdate(update)
        .build();
  }

  private static void requireDomainName(String attribute, boolean required) {
    if (attribute == null) {
      if (required) {
        throw AwsException.missingParameter("Attribute");
      }
      return;
    }
    if (!attribute.equals("domain-name")) {
      throw AwsException.invalidParameterValue(
          "Value (" + attribute + ") for parameter attribute is invalid.");
    }
  }

  public DescribeAddressesAttributeResponse describeAddressesAttribute(
      RequestContext ctx, DescribeAddressesAttributeRequest req) {
    requireDomainName(req.attributeAsString(), true);
    VpcState st = VpcState.of(ctx.state());
    List<AddressAttribute> out = new ArrayList<>();
    synchronized (st) {
      List<ElasticIpRecord> records = new ArrayList<>();
      for (String id : req.allocationIds()) {
        records.add(st.address(id));
      }
      if (req.allocationIds().isEmpty()) {
        records.addAll(st.addresses.values());
      }
      records.forEach(a -> out.add(view(st, a, null)));
    }
    var page = Pages.page("DescribeAddressesAttribute", out, req.maxResults(), req.nextToken());
    return DescribeAddressesAttributeResponse.builder()
        .addresses(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyAddressAttributeResponse modifyAddressAttribute(
      RequestContext ctx, ModifyAddressAttributeRequest req) {
    if (req.allocationId() == null) {
      throw AwsException.missingParameter("AllocationId");
    }
    String name = req.domainName();
    if (name == null) {
      throw AwsException.missingParameter("DomainName");
    }
    if (!DOMAIN.matcher(name).matches()) {
      throw AwsException.invalidParameterValue(
          "Value (" + name + ") for parameter domainName is invalid.");
    }
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      ElasticIpRecord a = st.address(req.allocationId());
      AddressAttribute before =
          view(st, a, PtrUpdateStatus.builder().value(name).status("PENDING").build());
      a.ptrRecord = name.endsWith(".") ? name : name + ".";
      return ModifyAddressAttributeResponse.builder().address(before).build();
    }
  }

  public ResetAddressAttributeResponse resetAddressAttribute(
      RequestContext ctx, ResetAddressAttributeRequest req) {
    if (req.allocationId() == null) {
      throw AwsException.missingParameter("AllocationId");
    }
    requireDomainName(req.attributeAsString(), true);
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      ElasticIpRecord a = st.address(req.allocationId());
      AddressAttribute before = view(st, a, PtrUpdateStatus.builder().status("PENDING").build());
      a.ptrRecord = null;
      return ResetAddressAttributeResponse.builder().address(before).build();
    }
  }

  private static AwsException classicRetired() {
    return new AwsException(
        "UnsupportedOperation", "The functionality you requested is not available in this region.");
  }

  public MoveAddressToVpcResponse moveAddressToVpc(
      RequestContext ctx, MoveAddressToVpcRequest req) {
    if (req.publicIp() == null) {
      throw AwsException.missingParameter("PublicIp");
    }
    throw classicRetired();
  }

  public RestoreAddressToClassicResponse restoreAddressToClassic(
      RequestContext ctx, RestoreAddressToClassicRequest req) {
    if (req.publicIp() == null) {
      throw AwsException.missingParameter("PublicIp");
    }
    throw classicRetired();
  }

  /** No address is moving between EC2-Classic and a VPC any more: an empty, paged answer. */
  public DescribeMovingAddressesResponse describeMovingAddresses(
      RequestContext ctx, DescribeMovingAddressesRequest req) {
    MOVING.compile(req.filters());
    var page =
        Pages.page(
            "DescribeMovingAddresses",
            List.<MovingAddressStatus>of(),
            req.maxResults(),
            req.nextToken());
    return DescribeMovingAddressesResponse.builder()
        .movingAddressStatuses(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
