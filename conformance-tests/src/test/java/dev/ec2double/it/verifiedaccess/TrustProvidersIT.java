package dev.ec2double.it.verifiedaccess;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessTrustProviderRequest;
import software.amazon.awssdk.services.ec2.model.DeviceTrustProviderType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TrustProviderType;
import software.amazon.awssdk.services.ec2.model.UserTrustProviderType;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstance;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstanceLoggingConfiguration;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessTrustProvider;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessTrustProviderCondensed;

/**
 * Verified Access trust providers and instances on the mock backend: the option rules of user
 * (OIDC, IAM Identity Center) and device providers, one user provider per instance, the providers'
 * dependency on their instances, the client configuration and the logging configuration.
 */
class TrustProvidersIT {
  private static final String ACCOUNT = "320000000001";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("us-west-2", ACCOUNT);
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  static VerifiedAccessTrustProvider oidc(Ec2Client ec2, String name) {
    return ec2.createVerifiedAccessTrustProvider(
            r ->
                r.trustProviderType(TrustProviderType.USER)
                    .userTrustProviderType(UserTrustProviderType.OIDC)
                    .policyReferenceName(name)
                    .oidcOptions(
                        o ->
                            o.issuer("https://idp.example.com")
                                .authorizationEndpoint("https://idp.example.com/authorize")
                                .tokenEndpoint("https://idp.example.com/token")
                                .userInfoEndpoint("https://idp.example.com/userinfo")
                                .clientId("client-1")
                                .clientSecret("secret-1")
                                .scope("openid email"))
                    .tagSpecifications(
                        TagSpecification.builder()
                            .resourceType(ResourceType.VERIFIED_ACCESS_TRUST_PROVIDER)
                            .tags(Tag.builder().key("team").value(name).build())
                            .build()))
        .verifiedAccessTrustProvider();
  }

  private static VerifiedAccessTrustProvider device(DeviceTrustProviderType type) {
    return ec2.createVerifiedAccessTrustProvider(
            r ->
                r.trustProviderType(TrustProviderType.DEVICE)
                    .deviceTrustProviderType(type)
                    .policyReferenceName(type.toString())
                    .deviceOptions(d -> d.tenantId("tenant-" + type)))
        .verifiedAccessTrustProvider();
  }

  private static void refused(
      java.util.function.Consumer<CreateVerifiedAccessTrustProviderRequest.Builder> r,
      String code) {
    assertError(() -> ec2.createVerifiedAccessTrustProvider(r), code);
  }

  @Test
  void providersFollowTheRulesOfTheirType() {
    VerifiedAccessTrustProvider user = oidc(ec2, "rules_idp");
    assertThat(user.verifiedAccessTrustProviderId()).matches("vatp-[0-9a-f]{17}");
    assertThat(user.oidcOptions().issuer()).isEqualTo("https://idp.example.com");
    assertThat(user.oidcOptions().scope()).isEqualTo("openid email");
    assertThat(user.deviceOptions()).isNull();
    assertThat(user.creationTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
    assertThat(user.sseSpecification().customerManagedKeyEnabled()).isFalse();
    VerifiedAccessTrustProvider jamf = device(DeviceTrustProviderType.JAMF);
    assertThat(jamf.deviceOptions().tenantId()).isEqualTo("tenant-jamf");

    refused(r -> r.trustProviderType("user").policyReferenceName("x"), "MissingParameter");
    refused(
        r -> r.trustProviderType("user").userTrustProviderType("oidc").policyReferenceName("x"),
        "MissingParameter");
    refused(
        r ->
            r.trustProviderType("user")
                .userTrustProviderType("oidc")
                .policyReferenceName("x")
                .oidcOptions(
                    o ->
                        o.issuer("http://plain.example.com")
                            .authorizationEndpoint("https://a.example.com")
                            .tokenEndpoint("https://a.example.com")
                            .userInfoEndpoint("https://a.example.com")
                            .clientId("c")
                            .clientSecret("s")),
        "InvalidParameterValue");
    refused(
        r ->
            r.trustProviderType("device")
                .deviceTrustProviderType("jamf")
                .policyReferenceName("x")
                .deviceOptions(d -> d.tenantId("t"))
                .oidcOptions(o -> o.issuer("https://a.example.com")),
        "InvalidParameterCombination");
    refused(
        r -> r.trustProviderType("device").deviceTrustProviderType("jamf").policyReferenceName("x"),
        "MissingParameter");
    refused(
        r ->
            r.trustProviderType("user")
                .userTrustProviderType("iam-identity-center")
                .policyReferenceName("x")
                .deviceTrustProviderType("jamf"),
        "InvalidParameterCombination");
    refused(
        r ->
            r.trustProviderType("user")
                .userTrustProviderType("iam-identity-center")
                .policyReferenceName("bad name"),
        "InvalidParameterValue");
    refused(
        r ->
            r.trustProviderType("user")
                .userTrustProviderType("iam-identity-center")
                .policyReferenceName("x")
                .sseSpecification(s -> s.customerManagedKeyEnabled(true)),
        "MissingParameter");

    // filters, tags and DescribeTags
    assertThat(
            ec2.describeVerifiedAccessTrustProviders(
                    r ->
                        r.verifiedAccessTrustProviderIds(
                                user.verifiedAccessTrustProviderId(),
                                jamf.verifiedAccessTrustProviderId())
                            .filters(filter("trust-provider-type", "device")))
                .verifiedAccessTrustProviders())
        .extracting(VerifiedAccessTrustProvider::verifiedAccessTrustProviderId)
        .containsExactly(jamf.verifiedAccessTrustProviderId());
    assertThat(
            ec2.describeVerifiedAccessTrustProviders(
                    r -> r.filters(filter("tag:team", "rules_idp")))
                .verifiedAccessTrustProviders())
        .extracting(VerifiedAccessTrustProvider::verifiedAccessTrustProviderId)
        .containsExactly(user.verifiedAccessTrustProviderId());
    assertThat(
            ec2.describeTags(
                    r ->
                        r.filters(
                            filter("resource-id", user.verifiedAccessTrustProviderId()),
                            filter("resource-type", "verified-access-trust-provider")))
                .tags())
        .hasSize(1);
    assertError(
        () ->
            ec2.describeVerifiedAccessTrustProviders(r -> r.filters(filter("no-such-filter", "x"))),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.describeVerifiedAccessTrustProviders(
                r -> r.verifiedAccessTrustProviderIds("vatp-0123456789abcdef0")),
        "InvalidVerifiedAccessTrustProviderId.NotFound");
    assertError(
        () -> ec2.describeVerifiedAccessTrustProviders(r -> r.maxResults(4)),
        "InvalidParameterValue");

    // modify: OIDC options on an oidc provider only, merged with what it had
    VerifiedAccessTrustProvider changed =
        ec2.modifyVerifiedAccessTrustProvider(
                r ->
                    r.verifiedAccessTrustProviderId(user.verifiedAccessTrustProviderId())
                        .oidcOptions(o -> o.clientId("client-2"))
                        .description("rotated"))
            .verifiedAccessTrustProvider();
    assertThat(changed.oidcOptions().clientId()).isEqualTo("client-2");
    assertThat(changed.oidcOptions().issuer()).isEqualTo("https://idp.example.com");
    assertThat(changed.description()).isEqualTo("rotated");
    assertError(
        () ->
            ec2.modifyVerifiedAccessTrustProvider(
                r ->
                    r.verifiedAccessTrustProviderId(jamf.verifiedAccessTrustProviderId())
                        .oidcOptions(o -> o.clientId("x"))),
        "InvalidParameterCombination");
    assertError(
        () ->
            ec2.modifyVerifiedAccessTrustProvider(
                r ->
                    r.verifiedAccessTrustProviderId(user.verifiedAccessTrustProviderId())
                        .deviceOptions(d -> d.publicSigningKeyUrl("https://k.example.com"))),
        "InvalidParameterCombination");
  }

  @Test
  void anInstanceTakesOneUserProviderAndSeveralDeviceProviders() {
    VerifiedAccessInstance instance =
        ec2.createVerifiedAccessInstance(
                r ->
                    r.description("corp")
                        .fipsEnabled(true)
                        .cidrEndpointsCustomSubDomain("va.corp.example.com"))
            .verifiedAccessInstance();
    String id = instance.verifiedAccessInstanceId();
    assertThat(id).matches("vai-[0-9a-f]{17}");
    assertThat(instance.fipsEnabled()).isTrue();
    assertThat(instance.cidrEndpointsCustomSubDomain().subDomain())
        .isEqualTo("va.corp.example.com");
    assertThat(instance.cidrEndpointsCustomSubDomain().nameservers()).hasSize(4);
    assertThat(instance.verifiedAccessTrustProviders()).isEmpty();

    VerifiedAccessTrustProvider user = oidc(ec2, "attach_idp");
    VerifiedAccessTrustProvider other =
        ec2.createVerifiedAccessTrustProvider(
                r ->
                    r.trustProviderType("user")
                        .userTrustProviderType("iam-identity-center")
                        .policyReferenceName("sso"))
            .verifiedAccessTrustProvider();
    VerifiedAccessTrustProvider jamf = device(DeviceTrustProviderType.JAMF);
    VerifiedAccessTrustProvider jamf2 = device(DeviceTrustProviderType.JAMF);
    VerifiedAccessTrustProvider crowdstrike = device(DeviceTrustProviderType.CROWDSTRIKE);
    var attached =
        ec2.attachVerifiedAccessTrustProvider(
            r ->
                r.verifiedAccessInstanceId(id)
                    .verifiedAccessTrustProviderId(user.verifiedAccessTrustProviderId()));
    assertThat(attached.verifiedAccessInstance().verifiedAccessTrustProviders())
        .extracting(VerifiedAccessTrustProviderCondensed::userTrustProviderTypeAsString)
        .containsExactly("oidc");
    attach(id, jamf);
    attach(id, crowdstrike);
    assertError(() -> attach(id, other), "InvalidParameterValue");
    assertError(() -> attach(id, jamf2), "InvalidParameterValue");
    assertError(() -> attach(id, user), "InvalidParameterValue");
    assertThat(
            ec2.describeVerifiedAccessInstances(
                    r ->
                        r.filters(
                            filter(
                                "verified-access-trust-provider-id",
                                crowdstrike.verifiedAccessTrustProviderId())))
                .verifiedAccessInstances())
        .extracting(VerifiedAccessInstance::verifiedAccessInstanceId)
        .containsExactly(id);

    // an attached provider cannot be deleted
    assertError(
        () ->
            ec2.deleteVerifiedAccessTrustProvider(
                r -> r.verifiedAccessTrustProviderId(jamf.verifiedAccessTrustProviderId())),
        "DependencyViolation");

    var config =
        ec2.exportVerifiedAccessInstanceClientConfiguration(r -> r.verifiedAccessInstanceId(id));
    assertThat(config.region()).isEqualTo("us-west-2");
    assertThat(config.deviceTrustProvidersAsStrings()).containsExactly("jamf", "crowdstrike");
    assertThat(config.userTrustProvider().issuer()).isEqualTo("https://idp.example.com");
    assertThat(config.userTrustProvider().typeAsString()).isEqualTo("oidc");
    assertThat(config.openVpnConfigurations()).isEmpty();

    var detached =
        ec2.detachVerifiedAccessTrustProvider(
            r ->
                r.verifiedAccessInstanceId(id)
                    .verifiedAccessTrustProviderId(jamf.verifiedAccessTrustProviderId()));
    assertThat(detached.verifiedAccessInstance().verifiedAccessTrustProviders())
        .extracting(VerifiedAccessTrustProviderCondensed::deviceTrustProviderTypeAsString)
        .containsExactly(null, "crowdstrike");
    assertError(
        () ->
            ec2.detachVerifiedAccessTrustProvider(
                r ->
                    r.verifiedAccessInstanceId(id)
                        .verifiedAccessTrustProviderId(jamf.verifiedAccessTrustProviderId())),
        "InvalidParameterValue");
    assertThat(
            ec2.deleteVerifiedAccessTrustProvider(
                    r -> r.verifiedAccessTrustProviderId(jamf.verifiedAccessTrustProviderId()))
                .verifiedAccessTrustProvider()
                .verifiedAccessTrustProviderId())
        .isEqualTo(jamf.verifiedAccessTrustProviderId());
    assertError(
        () ->
            ec2.attachVerifiedAccessTrustProvider(
                r ->
                    r.verifiedAccessInstanceId("vai-0123456789abcdef0")
                        .verifiedAccessTrustProviderId(user.verifiedAccessTrustProviderId())),
        "InvalidVerifiedAccessInstanceId.NotFound");
  }

  private static void attach(String instance, VerifiedAccessTrustProvider p) {
    ec2.attachVerifiedAccessTrustProvider(
        r ->
            r.verifiedAccessInstanceId(instance)
                .verifiedAccessTrustProviderId(p.verifiedAccessTrustProviderId()));
  }

  @Test
  void loggingShowsItsDefaultsUntilSet() {
    String id =
        ec2.createVerifiedAccessInstance(r -> r.description("logs"))
            .verifiedAccessInstance()
            .verifiedAccessInstanceId();
    VerifiedAccessInstanceLoggingConfiguration before =
        ec2.describeVerifiedAccessInstanceLoggingConfigurations(
                r -> r.verifiedAccessInstanceIds(id))
            .loggingConfigurations()
            .get(0);
    assertThat(before.accessLogs().s3().enabled()).isFalse();
    assertThat(before.accessLogs().cloudWatchLogs().enabled()).isFalse();
    assertThat(before.accessLogs().kinesisDataFirehose().enabled()).isFalse();
    assertThat(before.accessLogs().logVersion()).isEqualTo("ocsf-0.1");
    assertThat(before.accessLogs().includeTrustContext()).isFalse();

    assertError(
        () ->
            ec2.modifyVerifiedAccessInstanceLoggingConfiguration(
                r -> r.verifiedAccessInstanceId(id).accessLogs(a -> a.s3(s -> s.enabled(true)))),
        "MissingParameter");
    assertError(
        () ->
            ec2.modifyVerifiedAccessInstanceLoggingConfiguration(
                r -> r.verifiedAccessInstanceId(id).accessLogs(a -> a.logVersion("ocsf-9"))),
        "InvalidParameterValue");
    var set =
        ec2.modifyVerifiedAccessInstanceLoggingConfiguration(
                r ->
                    r.verifiedAccessInstanceId(id)
                        .accessLogs(
                            a ->
                                a.s3(s -> s.enabled(true).bucketName("va-logs").prefix("corp/"))
                                    .logVersion("ocsf-1.0.0-rc.2")
                                    .includeTrustContext(true)))
            .loggingConfiguration();
    assertThat(set.accessLogs().s3().bucketName()).isEqualTo("va-logs");
    assertThat(set.accessLogs().s3().bucketOwner()).isEqualTo(ACCOUNT);
    assertThat(set.accessLogs().s3().deliveryStatus().codeAsString()).isEqualTo("success");
    assertThat(set.accessLogs().cloudWatchLogs().enabled()).isFalse();
    List<VerifiedAccessInstanceLoggingConfiguration> after =
        ec2.describeVerifiedAccessInstanceLoggingConfigurations(
                r -> r.filters(filter("verified-access-instance-id", id)))
            .loggingConfigurations();
    assertThat(after.get(0).accessLogs().logVersion()).isEqualTo("ocsf-1.0.0-rc.2");
    assertThat(after.get(0).accessLogs().includeTrustContext()).isTrue();
    assertError(
        () -> ec2.describeVerifiedAccessInstanceLoggingConfigurations(r -> r.maxResults(11)),
        "InvalidParameterValue");
  }

  @Test
  void pagesHoldAtMostMaxResults() {
    try (Ec2Client paged = TestServer.ec2("eu-west-3", ACCOUNT)) {
      for (int i = 0; i < 6; i++) {
        paged.createVerifiedAccessInstance(r -> r.description("paged"));
      }
      var first = paged.describeVerifiedAccessInstances(r -> r.maxResults(5));
      assertThat(first.verifiedAccessInstances()).hasSize(5);
      var second =
          paged.describeVerifiedAccessInstances(r -> r.maxResults(5).nextToken(first.nextToken()));
      assertThat(second.verifiedAccessInstances()).hasSize(1);
      assertThat(second.nextToken()).isNull();
      assertError(() -> paged.createVerifiedAccessInstance(r -> r.dryRun(true)), "DryRunOperation");
      assertThat(paged.describeVerifiedAccessInstances(r -> {}).verifiedAccessInstances())
          .hasSize(6);
    }
  }
}
