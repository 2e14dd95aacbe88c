package dev.ec2double.ec2.clientvpn;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.ClientVpnAuthenticationRequest;

/**
 * The checks of CreateClientVpnEndpoint's and ModifyClientVpnEndpoint's values, as the API
 * reference states them: a client CIDR of /12 to /22, ACM certificate ARNs of the caller's region,
 * one or two authentication options (never Active Directory and SAML together), port 443 or 1194,
 * sessions of 8, 10, 12 or 24 hours, at most two DNS servers, security groups only with their VPC.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateClientVpnEndpoint.html
 */
final class EndpointInputs {
  private EndpointInputs() {}

  private static final Pattern ACM =
      Pattern.compile("arn:aws[a-z-]*:acm:([a-z0-9-]+):[0-9]{12}:certificate/[0-9a-fA-F-]{36}");
  private static final Pattern SAML =
      Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:saml-provider/[A-Za-z0-9._-]{1,128}");
  private static final Pattern DIRECTORY = Pattern.compile("d-[0-9a-f]{10}");
  private static final Pattern LAMBDA =
      Pattern.compile(
          "arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:AWSClientVPN-[A-Za-z0-9_-]+(:.+)?");

  static Cidr clientCidr(String text) {
    if (text == null) {
      throw AwsException.missingParameter("ClientCidrBlock");
    }
    Cidr c = Cidr.parseOrNull(text);
    if (c == null) {
      throw AwsException.invalidParameterValue(
          "Value (" + text + ") for parameter clientCidrBlock is invalid.");
    }
    if (c.prefix() < 12 || c.prefix() > 22) {
      throw AwsException.invalidParameterValue(
          "The client CIDR block "
              + text
              + " is invalid: its size must be at least /22 and no larger than /12.");
    }
    return c;
  }

  /** An ACM certificate ARN of the caller's region. */
  static String certificateArn(RequestContext ctx, String arn, String name) {
    if (arn == null || arn.isEmpty()) {
      throw AwsException.missingParameter(name);
    }
    var m = ACM.matcher(arn);
    if (!m.matches()) {
      throw AwsException.invalidParameterValue(
          "Value (" + arn + ") for parameter " + name + " is invalid: not an ACM certificate ARN.");
    }
    if (!m.group(1).equals(ctx.region())) {
      throw AwsException.invalidParameterValue(
          "Certificate " + arn + " is not in the region " + ctx.region() + ".");
    }
    return arn;
  }

  static List<ClientVpnStore.Authentication> authentication(
      RequestContext ctx, List<ClientVpnAuthenticationRequest> given) {
    if (given.isEmpty()) {
      throw AwsException.missingParameter("Authentication");
    }
    if (given.size() > 2) {
      throw AwsException.invalidParameterValue("At most two authentication options are allowed.");
    }
    List<ClientVpnStore.Authentication> out = new ArrayList<>();
    for (ClientVpnAuthenticationRequest a : given) {
      String type = a.typeAsString();
      if (type == null) {
        throw AwsException.missingParameter("Authentication.Type");
      }
      out.add(
          switch (type) {
            case "certificate-authentication" ->
                new ClientVpnStore.Authentication(
                    type,
                    null,
                    certificateArn(
                        ctx,
                        a.mutualAuthentication() == null
                            ? null
                            : a.mutualAuthentication().clientRootCertificateChainArn(),
                        "MutualAuthentication.ClientRootCertificateChainArn"),
                    null,
                    null);
            case "directory-service-authentication" ->
                new ClientVpnStore.Authentication(
                    type,
                    matching(
                        a.activeDirectory() == null ? null : a.activeDirectory().directoryId(),
                        DIRECTORY,
                        "ActiveDirectory.DirectoryId"),
                    null,
                    null,
                    null);
            case "federated-authentication" -> {
              var f = a.federatedAuthentication();
              String self = f == null ? null : f.selfServiceSAMLProviderArn();
              yield new ClientVpnStore.Authentication(
                  type,
                  null,
                  null,
                  matching(
                      f == null ? null : f.samlProviderArn(),
                      SAML,
                      "FederatedAuthentication.SAMLProviderArn"),
                  self == null
                      ? null
                      : matching(self, SAML, "FederatedAuthentication.SelfServiceSAMLProviderArn"));
            }
            default ->
                throw AwsException.invalidParameterValue(
                    "Value (" + type + ") for parameter Authentication.Type is invalid.");
          });
    }
    var types = out.stream().map(ClientVpnStore.Authentication::type).toList();
    if (new LinkedHashSet<>(types).size() < types.size()) {
      throw AwsException.invalidParameterCombination(
          "Each authentication type may be given only once.");
    }
    if (types.contains("directory-service-authentication")
        && types.contains("federated-authentication")) {
      throw AwsException.invalidParameterCombination(
          "Active Directory and federated authentication cannot be used together.");
    }
    return out;
  }

  private static String matching(String value, Pattern shape, String name) {
    if (value == null || value.isEmpty()) {
      throw AwsException.missingParameter(name);
    }
    if (!shape.matcher(value).matches()) {
      throw AwsException.invalidParameterValue(
          "Value (" + value + ") for parameter " + name + " is invalid.");
    }
    return value;
  }

  static String transport(String value) {
    if (value == null) {
      return "udp";
    }
    if (!value.equals("udp") && !value.equals("tcp")) {
      throw AwsException.invalidParameterValue(
          "Value (" + value + ") for parameter TransportProtocol is invalid. Use udp or tcp.");
    }
    return value;
  }

  static int port(int port) {
    if (port != 443 && port != 1194) {
      throw AwsException.invalidParameterValue(
          "Value (" + port + ") for parameter VpnPort is invalid. Valid values are 443 and 1194.");
    }
    return port;
  }

  static int sessionTimeout(int hours) {
    if (!List.of(8, 10, 12, 24).contains(hours)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + hours
              + ") for parameter SessionTimeoutHours is invalid. Valid values are 8, 10, 12 and"
              + " 24.");
    }
    return hours;
  }

  static List<String> dnsServers(List<String> servers) {
    if (servers.size() > 2) {
      throw AwsException.invalidParameterValue("At most two DNS servers may be given.");
    }
    for (String s : servers) {
      if (Cidr.ip(s) < 0) {
        throw AwsException.invalidParameterValue(
            "Value (" + s + ") for parameter DnsServers is not a valid IPv4 address.");
      }
    }
    return List.copyOf(servers);
  }

  static String enabledOrDisabled(String value, String name, String otherwise) {
    if (value == null) {
      return otherwise;
    }
    if (!value.equals("enabled") && !value.equals("disabled")) {
      throw AwsException.invalidParameterValue(
          "Value (" + value + ") for parameter " + name + " is invalid.");
    }
    return value;
  }

  static String ipType(String value, String name) {
    if (value == null) {
      return "ipv4";
    }
    if (!List.of("ipv4", "ipv6", "dual-stack").contains(value)) {
      throw AwsException.invalidParameterValue(
          "Value (" + value + ") for parameter " + name + " is invalid.");
    }
    return value;
  }

  /** A connection log: a log group is needed when it is enabled. */
  static void logGroup(Boolean enabled, String group) {
    if (enabled == null) {
      throw AwsException.missingParameter("ConnectionLogOptions.Enabled");
    }
    if (enabled && (group == null || group.isEmpty())) {
      throw AwsException.missingParameter("ConnectionLogOptions.CloudwatchLogGroup");
    }
  }

  static String lambda(boolean enabled, String arn) {
    if (!enabled) {
      return null;
    }
    return matching(arn, LAMBDA, "ClientConnectOptions.LambdaFunctionArn");
  }

  static String banner(boolean enabled, String text) {
    if (!enabled) {
      return null;
    }
    if (text == null || text.isEmpty()) {
      throw AwsException.missingParameter("ClientLoginBannerOptions.BannerText");
    }
    if (text.length() > 1400) {
      throw AwsException.invalidParameterValue(
          "The login banner text may have at most 1400 characters.");
    }
    return text;
  }

  /** The self-service portal needs SAML authentication. */
  static void portal(String portal, List<ClientVpnStore.Authentication> auth) {
    if (portal.equals("enabled")
        && auth.stream().noneMatch(a -> a.type().equals("federated-authentication"))) {
      throw AwsException.invalidParameterCombination(
          "The self-service portal can be enabled only with federated authentication.");
    }
  }

  /** A VPC that exists and whose CIDR does not overlap the clients' block. */
  static String vpc(RequestContext ctx, String vpcId, String clientCidr) {
    if (!VpcLookups.vpcExists(ctx.state(), vpcId)) {
      throw new AwsException("InvalidVpcID.NotFound", "The vpc ID '" + vpcId + "' does not exist");
    }
    Cidr clients = Cidr.parseOrNull(clientCidr);
    for (String block : VpcLookups.vpcCidrs(ctx.state(), vpcId)) {
      Cidr c = Cidr.parseOrNull(block);
      if (c != null && c.overlaps(clients)) {
        throw AwsException.invalidParameterValue(
            "The client CIDR block "
                + clientCidr
                + " overlaps the CIDR "
                + block
                + " of "
                + vpcId
                + ".");
      }
    }
    return vpcId;
  }

  /**
   * The security groups of an endpoint in a VPC: the ones given (at most five, each of the VPC), or
   * the VPC's default group.
   */
  static List<String> securityGroups(RequestContext ctx, String vpcId, List<String> given) {
    if (given.isEmpty()) {
      return vpcId == null
          ? List.of()
          : List.of(VpcLookups.defaultSecurityGroup(ctx.state(), vpcId));
    }
    if (vpcId == null) {
      throw AwsException.missingParameter("VpcId");
    }
    if (given.size() > 5) {
      throw AwsException.invalidParameterValue("At most five security groups may be given.");
    }
    for (String g : given) {
      if (!VpcLookups.securityGroupExists(ctx.state(), vpcId, g)) {
        throw new AwsException(
            "InvalidGroup.NotFound",
            "The security group '" + g + "' does not exist in VPC '" + vpcId + "'");
      }
    }
    return List.copyOf(new LinkedHashSet<>(given));
  }
}
