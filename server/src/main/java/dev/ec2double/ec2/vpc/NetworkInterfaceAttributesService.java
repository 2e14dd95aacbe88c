package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfaceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfaceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ModifyPublicIpDnsNameOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyPublicIpDnsNameOptionsResponse;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.ResetNetworkInterfaceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetNetworkInterfaceAttributeResponse;

/**
 * One attribute of an interface at a time (DescribeNetworkInterfaceAttribute), the reset of its
 * source/destination check (ResetNetworkInterfaceAttribute), and its public hostname type
 * (ModifyPublicIpDnsNameOptions: a record, as ec2-double gives public addresses no DNS names).
 */
public final class NetworkInterfaceAttributesService {
  private static final Set<String> CREATION_TYPES = Set.of("efa", "efa-only", "branch", "trunk");
  private static final Set<String> HOSTNAME_TYPES =
      Set.of("public-dual-stack-dns-name", "public-ipv4-dns-name", "public-ipv6-dns-name");

  /** CreateNetworkInterface's InterfaceType: the kinds a user may make, or a plain interface. */
  static String creationType(String type) {
    if (type == null) {
      return "interface";
    }
    if (!CREATION_TYPES.contains(type)) {
      throw AwsException.invalidParameterValue(
          "Value (" + type + ") for parameter interfaceType is invalid.");
    }
    return type;
  }

  public DescribeNetworkInterfaceAttributeResponse describeNetworkInterfaceAttribute(
      RequestContext ctx, DescribeNetworkInterfaceAttributeRequest req) {
    if (req.networkInterfaceId() == null) {
      throw AwsException.missingParameter("NetworkInterfaceId");
    }
    String attribute = req.attributeAsString();
    if (attribute == null) {
      throw AwsException.missingParameter("Attribute");
    }
    VpcState st = VpcState.of(ctx.state());
    NetworkInterface eni;
    Boolean publicIp;
    synchronized (st) {
      NetworkInterfaceRecord n = st.networkInterface(req.networkInterfaceId());
      eni = NetworkInterfaceViews.eni(ctx, st, n);
      publicIp = n.associatePublicIp;
    }
    var b =
        DescribeNetworkInterfaceAttributeResponse.builder()
            .networkInterfaceId(eni.networkInterfaceId());
    switch (attribute) {
      case "description" ->
          b.description(AttributeValue.builder().value(eni.description()).build());
      case "groupSet" -> b.groups(eni.groups());
      case "sourceDestCheck" ->
          b.sourceDestCheck(AttributeBooleanValue.builder().value(eni.sourceDestCheck()).build());
      case "attachment" -> b.attachment(eni.attachment());
      case "associatePublicIpAddress" ->
          b.associatePublicIpAddress(publicIp != null ? publicIp : eni.association() != null);
      default ->
          throw AwsException.invalidParameterValue(
              "Value (" + attribute + ") for parameter attribute is invalid.");
    }
    return b.build();
  }

  public ResetNetworkInterfaceAttributeResponse resetNetworkInterfaceAttribute(
      RequestContext ctx, ResetNetworkInterfaceAttributeRequest req) {
    if (req.networkInterfaceId() == null) {
      throw AwsException.missingParameter("NetworkInterfaceId");
    }
    if (req.sourceDestCheck() == null) {
      throw AwsException.missingParameter("SourceDestCheck");
    }
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      st.networkInterface(req.networkInterfaceId()).sourceDestCheck = true;
    }
    return ResetNetworkInterfaceAttributeResponse.builder().build();
  }

  public ModifyPublicIpDnsNameOptionsResponse modifyPublicIpDnsNameOptions(
      RequestContext ctx, ModifyPublicIpDnsNameOptionsRequest req) {
    if (req.networkInterfaceId() == null) {
      throw AwsException.missingParameter("NetworkInterfaceId");
    }
    String type = req.hostnameTypeAsString();
    if (type == null) {
      throw AwsException.missingParameter("HostnameType");
    }
    if (!HOSTNAME_TYPES.contains(type)) {
      throw AwsException.invalidParameterValue(
          "Value (" + type + ") for parameter hostnameType is invalid.");
    }
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      NetworkInterfaceRecord n = st.networkInterface(req.networkInterfaceId());
      if (!type.equals("public-ipv4-dns-name") && n.ipv6Addresses.isEmpty()) {
        throw AwsException.invalidParameterValue(
            "The network interface " + n.id + " has no IPv6 address for an IPv6 hostname.");
      }
      n.publicDnsHostnameType = type;
    }
    return ModifyPublicIpDnsNameOptionsResponse.builder().successful(true).build();
  }
}
