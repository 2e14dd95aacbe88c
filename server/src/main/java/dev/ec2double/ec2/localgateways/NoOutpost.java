package dev.ec2double.ec2.localgateways;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * What every Outposts networking call answers in an account without an Outpost: the input is
 * checked as AWS checks it, a named resource does not exist, and a list is empty.
 */
final class NoOutpost {
  private NoOutpost() {}

  /** The filters a Describe call lists (each with no value: nothing matches them). */
  static FilterSpec<Object> filters(String... names) {
    FilterSpec<Object> spec = FilterSpec.of();
    for (String n : names) {
      spec.field(n, o -> null);
    }
    return spec.tags(o -> java.util.Map.of());
  }

  /**
   * An empty page of a Describe call, after its ids (none exists: the first answers {@code
   * notFound}), filters and page size are checked.
   */
  static <T> Pages.Page<T> describe(
      RequestContext ctx,
      Collection<String> ids,
      String notFound,
      String noun,
      FilterSpec<Object> spec,
      List<Filter> filters,
      Integer maxResults,
      String nextToken) {
    spec.compile(filters);
    for (String id : ids) {
      throw missing(notFound, noun, id);
    }
    return Pages.page(ctx.action(), List.<T>of(), maxResults, nextToken);
  }

  /** AWS's error for an id of a resource this account does not have. */
  static AwsException missing(String code, String noun, String id) {
    return new AwsException(code, "The " + noun + " ID '" + id + "' does not exist");
  }

  static String required(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw AwsException.missingParameter(name);
    }
    return value;
  }

  static AwsException noTable(String id) {
    return missing("InvalidLocalGatewayRouteTableID.NotFound", "localGatewayRouteTable", id);
  }

  static AwsException noGateway(String id) {
    return missing("InvalidLocalGatewayID.NotFound", "localGateway", id);
  }

  static AwsException noGroup(String id) {
    return missing(
        "InvalidLocalGatewayVirtualInterfaceGroupID.NotFound",
        "localGatewayVirtualInterfaceGroup",
        id);
  }

  /** A route's destination: an IPv4 CIDR or a prefix list, one of the two. */
  static void destination(String cidr, String prefixList) {
    if ((cidr == null) == (prefixList == null)) {
      throw AwsException.invalidParameterCombination(
          "Specify either DestinationCidrBlock or DestinationPrefixListId.");
    }
    if (cidr != null && Cidr.parseOrNull(cidr) == null) {
      throw AwsException.invalidParameterValue(
          "Value (" + cidr + ") for parameter destinationCidrBlock is invalid.");
    }
    if (prefixList != null && !prefixList.startsWith("pl-")) {
      throw new AwsException(
          "InvalidPrefixListID.Malformed",
          "Invalid id: \"" + prefixList + "\" (expecting \"pl-...\")");
    }
  }

  /** A route's target: a virtual interface group or a network interface, one of the two. */
  static void target(String group, String eni) {
    if ((group == null) == (eni == null)) {
      throw AwsException.invalidParameterCombination(
          "Specify either LocalGatewayVirtualInterfaceGroupId or NetworkInterfaceId.");
    }
  }

  /** A private or public ASN as BGP takes it: 1 to 4294967294. */
  static void asn(Long asn, String name) {
    if (asn == null) {
      throw AwsException.missingParameter(name);
    }
    if (asn < 1 || asn > 4_294_967_294L) {
      throw AwsException.invalidParameterValue(
          "The value '" + asn + "' for " + name + " is invalid: it must be 1-4294967294.");
    }
  }
}
