package dev.ec2double.it.verifiedaccess;

import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The AWS CLI v2 (botocore, strict about element names) drives the Verified Access actions it knows
 * (all but ExportVerifiedAccessInstanceClientConfiguration and GetVerifiedAccessEndpointTargets,
 * which it is too old for: the SDK ITs cover those) once each.
 */
class VerifiedAccessCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGION = "eu-west-2";

  @BeforeAll
  static void cliIsInstalled() {
    AwsCli.requireInstalled("VerifiedAccessCliIT");
  }

  private static JsonNode aws(String... args) throws Exception {
    String[] full = new String[args.length + 1];
    full[0] = "ec2";
    System.arraycopy(args, 0, full, 1, args.length);
    AwsCli.Run r = AwsCli.run(REGION, full);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.stderr()).isZero();
    return r.stdout().isBlank() ? JSON.nullNode() : JSON.readTree(r.stdout());
  }

  @Test
  void theCliDrivesAnInstanceItsProviderGroupAndEndpoint() throws Exception {
    String eni;
    String group;
    try (Ec2Client ec2 = TestServer.ec2(REGION, "AKIDEXAMPLE")) {
      String subnet =
          ec2.describeSubnets(r -> r.filters(filter("default-for-az", "true")))
              .subnets()
              .get(0)
              .subnetId();
      eni =
          ec2.createNetworkInterface(r -> r.subnetId(subnet))
              .networkInterface()
              .networkInterfaceId();
      group =
          ec2.describeSecurityGroups(r -> r.filters(filter("group-name", "default")))
              .securityGroups()
              .get(0)
              .groupId();
    }
    JsonNode provider =
        aws(
                "create-verified-access-trust-provider",
                "--trust-provider-type",
                "user",
                "--user-trust-provider-type",
                "oidc",
                "--policy-reference-name",
                "cli",
                "--oidc-options",
                "Issuer=https://idp.example.com,AuthorizationEndpoint=https://idp.example.com/a,"
                    + "TokenEndpoint=https://idp.example.com/t,UserInfoEndpoint=https://idp.example.com/u,"
                    + "ClientId=c,ClientSecret=s,Scope=openid",
                "--tag-specifications",
                "ResourceType=verified-access-trust-provider,Tags=[{Key=Name,Value=cli}]")
            .get("VerifiedAccessTrustProvider");
    String tp = provider.get("VerifiedAccessTrustProviderId").asText();
    assertThat(provider.get("OidcOptions").get("Scope").asText()).isEqualTo("openid");
    assertThat(provider.get("Tags").get(0).get("Value").asText()).isEqualTo("cli");
    String vai =
        aws("create-verified-access-instance", "--description", "cli")
            .get("VerifiedAccessInstance")
            .get("VerifiedAccessInstanceId")
            .asText();
    JsonNode attached =
        aws(
            "attach-verified-access-trust-provider",
            "--verified-access-instance-id",
            vai,
            "--verified-access-trust-provider-id",
            tp);
    assertThat(
            attached
                .get("VerifiedAccessInstance")
                .get("VerifiedAccessTrustProviders")
                .get(0)
                .get("UserTrustProviderType")
                .asText())
        .isEqualTo("oidc");
    assertThat(
            aws("describe-verified-access-instances", "--verified-access-instance-ids", vai)
                .get("VerifiedAccessInstances")
                .get(0)
                .get("VerifiedAccessTrustProviders"))
        .hasSize(1);
    assertThat(
            aws(
                    "modify-verified-access-instance",
                    "--verified-access-instance-id",
                    vai,
                    "--description",
                    "cli2")
                .get("VerifiedAccessInstance")
                .get("Description")
                .asText())
        .isEqualTo("cli2");
    assertThat(
            aws(
                    "modify-verified-access-instance-logging-configuration",
                    "--verified-access-instance-id",
                    vai,
                    "--access-logs",
                    "S3={Enabled=true,BucketName=logs}")
                .get("LoggingConfiguration")
                .get("AccessLogs")
                .get("S3")
                .get("BucketName")
                .asText())
        .isEqualTo("logs");
    assertThat(
            aws(
                    "describe-verified-access-instance-logging-configurations",
                    "--verified-access-instance-ids",
                    vai)
                .get("LoggingConfigurations")
                .get(0)
                .get("AccessLogs")
                .get("CloudWatchLogs")
                .get("Enabled")
                .asBoolean())
        .isFalse();

    String policy = "permit(principal, action, resource);";
    String vagr =
        aws(
                "create-verified-access-group",
                "--verified-access-instance-id",
                vai,
                "--policy-document",
                policy)
            .get("VerifiedAccessGroup")
            .get("VerifiedAccessGroupId")
            .asText();
    assertThat(
            aws("get-verified-access-group-policy", "--verified-access-group-id", vagr)
                .get("PolicyDocument")
                .asText())
        .isEqualTo(policy);
    assertThat(
            aws(
                    "modify-verified-access-group-policy",
                    "--verified-access-group-id",
                    vagr,
                    "--no-policy-enabled")
                .get("PolicyEnabled")
                .asBoolean())
        .isFalse();
    aws("modify-verified-access-group", "--verified-access-group-id", vagr, "--description", "g");
    assertThat(
            aws("describe-verified-access-groups", "--verified-access-group-ids", vagr)
                .get("VerifiedAccessGroups")
                .get(0)
                .get("Description")
                .asText())
        .isEqualTo("g");

    JsonNode endpoint =
        aws(
                "create-verified-access-endpoint",
                "--verified-access-group-id",
                vagr,
                "--endpoint-type",
                "network-interface",
                "--attachment-type",
                "vpc",
                "--domain-certificate-arn",
                "arn:aws:acm:eu-west-2:123456789012:certificate/0f6c1c8e-3a5b-4a1e-9d3e-7c2b1a0e9f11",
                "--application-domain",
                "app.example.com",
                "--endpoint-domain-prefix",
                "app",
                "--security-group-ids",
                group,
                "--network-interface-options",
                "NetworkInterfaceId=" + eni + ",Protocol=https,Port=443")
            .get("VerifiedAccessEndpoint");
    String vae = endpoint.get("VerifiedAccessEndpointId").asText();
    assertThat(endpoint.get("Status").get("Code").asText()).isEqualTo("pending");
    assertThat(endpoint.get("SecurityGroupIds").get(0).asText()).isEqualTo(group);
    assertThat(
            aws(
                    "modify-verified-access-endpoint",
                    "--verified-access-endpoint-id",
                    vae,
                    "--network-interface-options",
                    "Port=8443")
                .get("VerifiedAccessEndpoint")
                .get("NetworkInterfaceOptions")
                .get("Port")
                .asInt())
        .isEqualTo(8443);
    aws(
        "modify-verified-access-endpoint-policy",
        "--verified-access-endpoint-id",
        vae,
        "--policy-enabled",
        "--policy-document",
        policy);
    assertThat(
            aws("get-verified-access-endpoint-policy", "--verified-access-endpoint-id", vae)
                .get("PolicyEnabled")
                .asBoolean())
        .isTrue();
    assertThat(
            aws("describe-verified-access-endpoints", "--verified-access-endpoint-ids", vae)
                .get("VerifiedAccessEndpoints")
                .get(0)
                .get("Status")
                .get("Code")
                .asText())
        .isEqualTo("active");
    aws("delete-verified-access-endpoint", "--verified-access-endpoint-id", vae);
    aws("delete-verified-access-group", "--verified-access-group-id", vagr);
    aws(
        "detach-verified-access-trust-provider",
        "--verified-access-instance-id",
        vai,
        "--verified-access-trust-provider-id",
        tp);
    aws(
        "modify-verified-access-trust-provider",
        "--verified-access-trust-provider-id",
        tp,
        "--description",
        "gone soon");
    assertThat(
            aws(
                    "describe-verified-access-trust-providers",
                    "--verified-access-trust-provider-ids",
                    tp)
                .get("VerifiedAccessTrustProviders")
                .get(0)
                .get("Description")
                .asText())
        .isEqualTo("gone soon");
    aws("delete-verified-access-trust-provider", "--verified-access-trust-provider-id", tp);
    aws("delete-verified-access-instance", "--verified-access-instance-id", vai);
  }
}
