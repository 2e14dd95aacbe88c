package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.errors.AwsException;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CreateCustomerGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateCustomerGatewayResponse;
import software.amazon.awssdk.services.ec2.model.CustomerGateway;
import software.amazon.awssdk.services.ec2.model.DeleteCustomerGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteCustomerGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCustomerGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCustomerGatewaysResponse;

/**
 * CreateCustomerGateway, DescribeCustomerGateways and DeleteCustomerGateway: records only (no
 * tunnel comes up). An identical Create returns the gateway that exists, as AWS does; a deleted
 * gateway shows state {@code deleted} for an hour, then goes.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateCustomerGateway.html
 */
public final class CustomerGatewaysService {
  private static final ResourceKind<CustomerGatewayRecord, CustomerGateway> KIND =
      CustomerGateways.KIND;
  private static final long MAX_ASN = 2_147_483_647L;
  private static final long MAX_ASN_EXTENDED = 4_294_967_295L;
  private static final long DEFAULT_ASN = 65_000L;
  private static final long DELETED_VISIBLE_MILLIS = 60 * 60 * 1000L;
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern CERTIFICATE_ARN =
      Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+");

  public CreateCustomerGatewayResponse createCustomerGateway(
      RequestContext ctx, CreateCustomerGatewayRequest req) {
    if (!"ipsec.1".equals(req.typeAsString())) {
      throw AwsException.invalidParameterValue(
          "The value '"
              + req.typeAsString()
              + "' for parameter Type is invalid. Valid values: ipsec.1");
    }
    long asn = asn(req.bgpAsn(), req.bgpAsnExtended());
    String ip = ipAddress(req.ipAddress(), req.publicIp(), req.certificateArn());
    if (req.deviceName() != null && req.deviceName().length() > 255) {
      throw AwsException.invalidParameterValue(
          "The device name must be at most 255 characters long");
    }
    if (req.certificateArn() != null && !CERTIFICATE_ARN.matcher(req.certificateArn()).matches()) {
      throw AwsException.invalidParameterValue(
          "The certificate ARN '" + req.certificateArn() + "' is not valid");
    }
    var tags = KIND.tags(req.tagSpecifications());
    CustomerGatewayRecord wanted =
        new CustomerGatewayRecord(
            null,
            asn,
            req.bgpAsnExtended() != null,
            ip,
            "ipsec.1",
            req.deviceName(),
            req.certificateArn());
    VpcState st = VpcState.of(ctx.state());
    CustomerGatewayRecord g;
    synchronized (st) {
      long now = System.currentTimeMillis();
      st.customerGateways
          .values()
          .removeIf(c -> c.deletedAt != 0 && now - c.deletedAt > DELETED_VISIBLE_MILLIS);
      g =
          st.customerGateways.values().stream()
              .filter(c -> c.sameAs(wanted))
              .findFirst()
              .orElseGet(
                  () ->
                      KIND.create(
                          ctx,
                          tags,
                          id ->
                              new CustomerGatewayRecord(
                                  id,
                                  wanted.bgpAsn,
                                  wanted.extendedAsn,
                                  wanted.ipAddress,
                                  wanted.type,
                                  wanted.deviceName,
                                  wanted.certificateArn)));
    }
    return CreateCustomerGatewayResponse.builder().customerGateway(KIND.view(ctx, g)).build();
  }

  public DescribeCustomerGatewaysResponse describeCustomerGateways(
      RequestContext ctx, DescribeCustomerGatewaysRequest req) {
    var page = KIND.describe(ctx, req.customerGatewayIds(), req.filters(), null, null);
    return DescribeCustomerGatewaysResponse.builder().customerGateways(page.items()).build();
  }

  /** The gateway turns {@code deleted}; deleting it again changes nothing. */
  public DeleteCustomerGatewayResponse deleteCustomerGateway(
      RequestContext ctx, DeleteCustomerGatewayRequest req) {
    KIND.modify(
        ctx,
        req.customerGatewayId(),
        g -> {
          VpcState st = VpcState.of(ctx.state());
          boolean used =
              st.vpnConnections.values().stream()
                  .anyMatch(c -> c.live() && c.customerGatewayId.equals(g.id));
          if (used) {
            throw new AwsException(
                "IncorrectState",
                "The customer gateway " + g.id + " is in use by a VPN connection.");
          }
          if (g.deletedAt == 0) {
            g.state = "deleted";
            g.deletedAt = System.currentTimeMillis();
          }
          return g;
        });
    return DeleteCustomerGatewayResponse.builder().build();
  }

  /** BgpAsn (1 to 2^31-1) or BgpAsnExtended (2^31 to 2^32-1), not both; 65000 when neither. */
  private static long asn(Integer bgpAsn, Long extended) {
    if (bgpAsn != null && extended != null) {
      throw AwsException.invalidParameterCombination(
          "You cannot specify both BgpAsn and BgpAsnExtended");
    }
    if (bgpAsn != null) {
      if (bgpAsn < 1) {
        throw AwsException.invalidParameterValue(
            "The value '"
                + bgpAsn
                + "' for BgpAsn is invalid. It must be between 1 and "
                + MAX_ASN);
      }
      return bgpAsn;
    }
    if (extended != null) {
      if (extended <= MAX_ASN || extended > MAX_ASN_EXTENDED) {
        throw AwsException.invalidParameterValue(
            "The value '"
                + extended
                + "' for BgpAsnExtended is invalid. It must be between "
                + (MAX_ASN + 1)
                + " and "
                + MAX_ASN_EXTENDED);
      }
      return extended;
    }
    return DEFAULT_ASN;
  }

  /** IpAddress, or the deprecated PublicIp; only a gateway with a certificate may have neither. */
  private static String ipAddress(String ipAddress, String publicIp, String certificateArn) {
    if (ipAddress != null && publicIp != null && !ipAddress.equals(publicIp)) {
      throw AwsException.invalidParameterCombination(
          "IpAddress and PublicIp must not name different addresses");
    }
    String ip = ipAddress != null ? ipAddress : publicIp;
    if (ip == null) {
      if (certificateArn == null) {
        throw AwsException.missingParameter("IpAddress");
      }
      return null;
    }
    if (!IPV4.matcher(ip).matches()) {
      throw AwsException.invalidParameterValue(
          "The value '" + ip + "' for IpAddress is not a valid IPv4 address");
    }
    return ip;
  }
}
