package dev.ec2double.it.elbv2;

import static dev.ec2double.it.elbv2.Elbv2Fixture.assertError;
import static dev.ec2double.it.elbv2.Elbv2Fixture.name;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreRevocation;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RevocationContent;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStore;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreRevocation;

/**
 * Trust stores: created from a CA bundle named in S3 (recorded, not read), their revocation lists,
 * the listeners that use them for mutual TLS, and the errors of each call.
 */
class TrustStoresIT {
  private static Elbv2Fixture f;

  @BeforeAll
  static void server() {
    f = new Elbv2Fixture(TestServer.get(), "333344445555");
  }

  @AfterAll
  static void close() {
    f.close();
  }

  private static TrustStore create(String name) {
    return f.elb
        .createTrustStore(
            r ->
                r.name(name)
                    .caCertificatesBundleS3Bucket("ca-bundles")
                    .caCertificatesBundleS3Key(name + "/ca.pem")
                    .tags(Tag.builder().key("team").value("edge").build()))
        .trustStores()
        .get(0);
  }

  @Test
  void createsDescribesModifiesAndDeletesTrustStores(TestInfo test) {
    TrustStore t = create(name(test));

    assertThat(t.trustStoreArn())
        .matches(
            "arn:aws:elasticloadbalancing:us-east-1:333344445555:truststore/"
                + name(test)
                + "/[0-9a-f]{16}");
    assertThat(t.statusAsString()).isEqualTo("ACTIVE");
    assertThat(t.numberOfCaCertificates()).isEqualTo(1);
    assertThat(t.totalRevokedEntries()).isZero();
    assertThat(f.elb.describeTrustStores(r -> r.names(name(test))).trustStores())
        .containsExactly(t);
    assertThat(f.elb.describeTrustStores(r -> r.trustStoreArns(t.trustStoreArn())).trustStores())
        .containsExactly(t);
    assertThat(f.elb.describeTags(r -> r.resourceArns(t.trustStoreArn())).tagDescriptions())
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.tags())
                    .containsExactly(Tag.builder().key("team").value("edge").build()));
    assertThat(
            f.elb
                .getTrustStoreCaCertificatesBundle(r -> r.trustStoreArn(t.trustStoreArn()))
                .location())
        .isEqualTo("https://ca-bundles.s3.us-east-1.amazonaws.com/" + name(test) + "/ca.pem");

    f.elb.modifyTrustStore(
        r ->
            r.trustStoreArn(t.trustStoreArn())
                .caCertificatesBundleS3Bucket("other-bundles")
                .caCertificatesBundleS3Key("ca.pem")
                .caCertificatesBundleS3ObjectVersion("v2"));
    assertThat(
            f.elb
                .getTrustStoreCaCertificatesBundle(r -> r.trustStoreArn(t.trustStoreArn()))
                .location())
        .isEqualTo("https://other-bundles.s3.us-east-1.amazonaws.com/ca.pem?versionId=v2");

    f.elb.deleteTrustStore(r -> r.trustStoreArn(t.trustStoreArn()));
    assertError(
        "TrustStoreNotFound",
        () -> f.elb.describeTrustStores(r -> r.trustStoreArns(t.trustStoreArn())));
    assertError("TrustStoreNotFound", () -> f.elb.describeTrustStores(r -> r.names(name(test))));
    assertError(
        "TrustStoreNotFound",
        () -> f.elb.deleteTrustStore(r -> r.trustStoreArn(t.trustStoreArn())));
  }

  @Test
  void refusesDuplicateNamesBadNamesAndUnreadableBundles(TestInfo test) {
    TrustStore t = create(name(test));
    assertError("DuplicateTrustStoreName", () -> create(name(test)));
    assertError("ValidationError", () -> create("-" + name(test)));
    assertError(
        "CaCertificatesBundleNotFound",
        () ->
            f.elb.createTrustStore(
                r ->
                    r.name(name(test) + "2")
                        .caCertificatesBundleS3Bucket("Not_A_Bucket")
                        .caCertificatesBundleS3Key("ca.pem")));
    assertError(
        "CaCertificatesBundleNotFound",
        () ->
            f.elb.modifyTrustStore(
                r ->
                    r.trustStoreArn(t.trustStoreArn())
                        .caCertificatesBundleS3Bucket("ca-bundles")
                        .caCertificatesBundleS3Key("")));
    assertError(
        "TrustStoreNotFound", () -> f.elb.describeTrustStores(r -> r.names(name(test) + "2")));
    // the failed modify left the bundle as it was
    assertThat(
            f.elb
                .getTrustStoreCaCertificatesBundle(r -> r.trustStoreArn(t.trustStoreArn()))
                .location())
        .endsWith("/" + name(test) + "/ca.pem");
  }

  @Test
  void keepsRevocationListsById(TestInfo test) {
    TrustStore t = create(name(test));
    List<TrustStoreRevocation> added =
        f.elb
            .addTrustStoreRevocations(
                r ->
                    r.trustStoreArn(t.trustStoreArn())
                        .revocationContents(crl("a.crl"), crl("b.crl")))
            .trustStoreRevocations();

    assertThat(added).extracting(TrustStoreRevocation::revocationId).containsExactly(1L, 2L);
    assertThat(added).allSatisfy(a -> assertThat(a.revocationTypeAsString()).isEqualTo("CRL"));
    assertThat(
            f.elb
                .describeTrustStoreRevocations(r -> r.trustStoreArn(t.trustStoreArn()))
                .trustStoreRevocations())
        .extracting(DescribeTrustStoreRevocation::revocationId)
        .containsExactly(1L, 2L);
    assertThat(
            f.elb
                .getTrustStoreRevocationContent(
                    r -> r.trustStoreArn(t.trustStoreArn()).revocationId(2L))
                .location())
        .isEqualTo("https://crls.s3.us-east-1.amazonaws.com/b.crl");

    f.elb.removeTrustStoreRevocations(r -> r.trustStoreArn(t.trustStoreArn()).revocationIds(1L));
    assertThat(
            f.elb
                .describeTrustStoreRevocations(
                    r -> r.trustStoreArn(t.trustStoreArn()).revocationIds(2L))
                .trustStoreRevocations())
        .extracting(DescribeTrustStoreRevocation::revocationId)
        .containsExactly(2L);
    assertError(
        "RevocationIdNotFound",
        () ->
            f.elb.removeTrustStoreRevocations(
                r -> r.trustStoreArn(t.trustStoreArn()).revocationIds(1L, 2L)));
    assertError(
        "RevocationIdNotFound",
        () ->
            f.elb.getTrustStoreRevocationContent(
                r -> r.trustStoreArn(t.trustStoreArn()).revocationId(7L)));
    assertError(
        "RevocationContentNotFound",
        () ->
            f.elb.addTrustStoreRevocations(
                r ->
                    r.trustStoreArn(t.trustStoreArn())
                        .revocationContents(RevocationContent.builder().s3Key("x.crl").build())));
    // the failed calls changed nothing: list 2 is still there, and the next list is number 3
    assertThat(
            f.elb
                .addTrustStoreRevocations(
                    r -> r.trustStoreArn(t.trustStoreArn()).revocationContents(crl("c.crl")))
                .trustStoreRevocations())
        .extracting(TrustStoreRevocation::revocationId)
        .containsExactly(3L);
  }

  @Test
  void aTrustStoreInUseByAListenerCannotBeDeleted(TestInfo test) {
    TrustStore t = create(name(test));
    Listener l = f.httpsListener(name(test), f.certificate("main-" + name(test)));
    assertError(
        "TrustStoreNotFound",
        () ->
            f.elb.modifyListener(
                r ->
                    r.listenerArn(l.listenerArn())
                        .mutualAuthentication(
                            m ->
                                m.mode("verify")
                                    .trustStoreArn(
                                        t.trustStoreArn()
                                            .replace("/" + name(test) + "/", "/gone/")))));

    Listener verifying =
        f.elb
            .modifyListener(
                r ->
                    r.listenerArn(l.listenerArn())
                        .mutualAuthentication(
                            m -> m.mode("verify").trustStoreArn(t.trustStoreArn())))
            .listeners()
            .get(0);

    assertThat(verifying.mutualAuthentication().trustStoreArn()).isEqualTo(t.trustStoreArn());
    assertThat(verifying.mutualAuthentication().trustStoreAssociationStatusAsString())
        .isEqualTo("active");
    assertThat(verifying.mutualAuthentication().ignoreClientCertificateExpiry()).isFalse();
    assertThat(
            f.elb
                .describeTrustStoreAssociations(r -> r.trustStoreArn(t.trustStoreArn()))
                .trustStoreAssociations())
        .extracting(a -> a.resourceArn())
        .containsExactly(l.listenerArn());
    assertError(
        "TrustStoreInUse", () -> f.elb.deleteTrustStore(r -> r.trustStoreArn(t.trustStoreArn())));
    assertError(
        "DeleteAssociationSameAccount",
        () ->
            f.elb.deleteSharedTrustStoreAssociation(
                r -> r.trustStoreArn(t.trustStoreArn()).resourceArn(l.listenerArn())));
    assertError(
        "AssociationNotFound",
        () ->
            f.elb.deleteSharedTrustStoreAssociation(
                r -> r.trustStoreArn(t.trustStoreArn()).resourceArn(verifying.loadBalancerArn())));

    f.elb.modifyListener(
        r -> r.listenerArn(l.listenerArn()).mutualAuthentication(m -> m.mode("passthrough")));
    assertThat(
            f.elb
                .describeTrustStoreAssociations(r -> r.trustStoreArn(t.trustStoreArn()))
                .trustStoreAssociations())
        .isEmpty();
    f.elb.deleteTrustStore(r -> r.trustStoreArn(t.trustStoreArn()));
  }

  @Test
  void getResourcePolicyFindsTrustStoresOnly(TestInfo test) {
    TrustStore t = create(name(test));
    assertThat(f.elb.getResourcePolicy(r -> r.resourceArn(t.trustStoreArn())).policy()).isNull();
    String lb = f.lb(name(test)).loadBalancerArn();
    assertError("ResourceNotFound", () -> f.elb.getResourcePolicy(r -> r.resourceArn(lb)));
  }

  private static RevocationContent crl(String key) {
    return RevocationContent.builder().s3Bucket("crls").s3Key(key).revocationType("CRL").build();
  }
}
