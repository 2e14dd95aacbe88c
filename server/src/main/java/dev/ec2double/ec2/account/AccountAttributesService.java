package dev.ec2double.ec2.account;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.AccountAttribute;
import software.amazon.awssdk.services.ec2.model.AccountAttributeValue;
import software.amazon.awssdk.services.ec2.model.DescribeAccountAttributesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAccountAttributesResponse;

/**
 * DescribeAccountAttributes with the values a new AWS account has
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAccountAttributes.html), in
 * the order AWS lists them.
 */
public final class AccountAttributesService {
  /** What {@code default-vpc} says when the region's default VPC was deleted. */
  static final String NO_DEFAULT_VPC = "none";

  private final Map<String, Function<RequestContext, String>> attributes = new LinkedHashMap<>();

  public AccountAttributesService() {
    attributes.put("vpc-max-security-groups-per-interface", ctx -> "5");
    attributes.put("max-instances", ctx -> "20");
    attributes.put("supported-platforms", ctx -> "VPC");
    attributes.put(
        "default-vpc",
        ctx -> {
          String vpcId = VpcLookups.defaultVpcId(ctx.state());
          return vpcId == null ? NO_DEFAULT_VPC : vpcId;
        });
    attributes.put("max-elastic-ips", ctx -> "5");
    attributes.put("vpc-max-elastic-ips", ctx -> "5");
  }

  public DescribeAccountAttributesResponse describeAccountAttributes(
      RequestContext ctx, DescribeAccountAttributesRequest req) {
    Set<String> names = new LinkedHashSet<>(req.attributeNamesAsStrings());
    for (String name : names) {
      if (!attributes.containsKey(name)) {
        throw AwsException.invalidParameterValue(
            "Value (" + name + ") for parameter attributeName is invalid. Unknown attribute name.");
      }
    }
    List<AccountAttribute> out = new ArrayList<>();
    attributes.forEach(
        (name, value) -> {
          if (names.isEmpty() || names.contains(name)) {
            out.add(
                AccountAttribute.builder()
                    .attributeName(name)
                    .attributeValues(
                        AccountAttributeValue.builder().attributeValue(value.apply(ctx)).build())
                    .build());
          }
        });
    return DescribeAccountAttributesResponse.builder().accountAttributes(out).build();
  }
}
