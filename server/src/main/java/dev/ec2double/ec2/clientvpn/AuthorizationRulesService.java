package dev.ec2double.ec2.clientvpn;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.AuthorizationRule;
import software.amazon.awssdk.services.ec2.model.AuthorizeClientVpnIngressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeClientVpnIngressResponse;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnAuthorizationRulesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnAuthorizationRulesResponse;
import software.amazon.awssdk.services.ec2.model.RevokeClientVpnIngressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeClientVpnIngressResponse;

/**
 * Authorization rules of a Client VPN endpoint: which clients (an Active Directory or IdP group, or
 * every group) may reach a network. A rule is its network and group; the same rule twice is
 * InvalidClientVpnDuplicateAuthorizationRule; at most 50 per endpoint, AWS's default quota.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeClientVpnIngress.html
 */
public final class AuthorizationRulesService {
  static final int MAX_RULES = 50;

  private static final FilterSpec<AuthorizationRule> FILTERS =
      FilterSpec.<AuthorizationRule>of()
          .field("description", AuthorizationRule::description)
          .field("destination-cidr", AuthorizationRule::destinationCidr)
          .field("group-id", AuthorizationRule::groupId);

  /** The rule a call names: its network, and either a group or all groups. */
  private static ClientVpnStore.Rule rule(
      String cidr, String group, Boolean all, String description, String allName) {
    if (cidr == null) {
      throw AwsException.missingParameter("TargetNetworkCidr");
    }
    if (Cidr.parseOrNull(cidr) == null) {
      throw AwsException.invalidParameterValue(
          "Value (" + cidr + ") for parameter TargetNetworkCidr is not a valid CIDR block.");
    }
    boolean every = Boolean.TRUE.equals(all);
    if (every && group != null) {
      throw AwsException.invalidParameterCombination(
          "Specify either AccessGroupId or " + allName + ", not both.");
    }
    if (!every && (group == null || group.isEmpty())) {
      throw AwsException.missingParameter("AccessGroupId");
    }
    return new ClientVpnStore.Rule(cidr, every ? null : group, every, description);
  }

  private static boolean same(ClientVpnStore.Rule a, ClientVpnStore.Rule b) {
    return a.cidr().equals(b.cidr())
        && a.allGroups() == b.allGroups()
        && java.util.Objects.equals(a.groupId(), b.groupId());
  }

  public AuthorizeClientVpnIngressResponse authorizeClientVpnIngress(
      RequestContext ctx, AuthorizeClientVpnIngressRequest req) {
    ClientVpnStore.Rule given =
        rule(
            req.targetNetworkCidr(),
            req.accessGroupId(),
            req.authorizeAllGroups(),
            req.description(),
            "AuthorizeAllGroups");
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      ClientVpnStore.Endpoint e = ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
      if (e.rules.stream().anyMatch(r -> same(r, given))) {
        throw new AwsException(
            "InvalidClientVpnDuplicateAuthorizationRule",
            "The authorization rule for "
                + given.cidr()
                + (given.allGroups() ? " and all groups" : " and group " + given.groupId())
                + " already exists on "
                + e.id
                + ".");
      }
      if (e.rules.size() >= MAX_RULES) {
        throw new AwsException(
            "ClientVpnAuthorizationRuleLimitExceeded",
            e.id + " already has " + MAX_RULES + " authorization rules.");
      }
      e.rules.add(given);
    }
    return AuthorizeClientVpnIngressResponse.builder().status(st -> st.code("authorizing")).build();
  }

  public RevokeClientVpnIngressResponse revokeClientVpnIngress(
      RequestContext ctx, RevokeClientVpnIngressRequest req) {
    ClientVpnStore.Rule given =
        rule(
            req.targetNetworkCidr(),
            req.accessGroupId(),
            req.revokeAllGroups(),
            null,
            "RevokeAllGroups");
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      ClientVpnStore.Endpoint e = ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
      if (!e.rules.removeIf(r -> same(r, given))) {
        throw new AwsException(
            "InvalidClientVpnEndpointAuthorizationRuleNotFound",
            "No authorization rule for "
                + given.cidr()
                + (given.allGroups() ? " and all groups" : " and group " + given.groupId())
                + " on "
                + e.id
                + ".");
      }
    }
    return RevokeClientVpnIngressResponse.builder().status(st -> st.code("revoking")).build();
  }

  public DescribeClientVpnAuthorizationRulesResponse describeClientVpnAuthorizationRules(
      RequestContext ctx, DescribeClientVpnAuthorizationRulesRequest req) {
    var page =
        ClientVpnEndpoints.page(
            ctx,
            req.clientVpnEndpointId(),
            FILTERS,
            req.filters(),
            req.maxResults(),
            req.nextToken(),
            e ->
                e.rules.stream()
                    .map(
                        r ->
                            AuthorizationRule.builder()
                                .clientVpnEndpointId(e.id)
                                .description(r.description())
                                .groupId(r.groupId())
                                .accessAll(r.allGroups())
                                .destinationCidr(r.cidr())
                                .status(st -> st.code("active"))
                                .build()));
    return DescribeClientVpnAuthorizationRulesResponse.builder()
        .authorizationRules(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
