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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * HTTPS listeners as records (certificate, security policy) and their certificate lists:
 * AddListenerCertificates, RemoveListenerCertificates, DescribeListenerCertificates.
 */
class ListenerCertificatesIT {
  private static Elbv2Fixture f;

  @BeforeAll
  static void server() {
    f = new Elbv2Fixture(TestServer.get(), "222233334444");
  }

  @AfterAll
  static void close() {
    f.close();
  }

  private static Certificate cert(String arn) {
    return Certificate.builder().certificateArn(arn).build();
  }

  private static List<String> listed(String listenerArn) {
    return f
        .elb
        .describeListenerCertificates(r -> r.listenerArn(listenerArn))
        .certificates()
        .stream()
        .map(c -> c.certificateArn() + (c.isDefault() ? " default" : ""))
        .toList();
  }

  @Test
  void anHttpsListenerKeepsItsCertificateAndTheApiDefaultPolicy(TestInfo test) {
    String main = f.certificate("main-" + name(test));
    Listener l = f.httpsListener(name(test), main);

    assertThat(l.protocolAsString()).isEqualTo("HTTPS");
    assertThat(l.certificates()).extracting(Certificate::certificateArn).containsExactly(main);
    assertThat(l.sslPolicy()).isEqualTo("ELBSecurityPolicy-2016-08");
    assertThat(l.mutualAuthentication().mode()).isEqualTo("off");
    assertThat(f.elb.describeListeners(r -> r.listenerArns(l.listenerArn())).listeners())
        .containsExactly(l);
    assertThat(listed(l.listenerArn())).containsExactly(main + " default");
  }

  @Test
  void addsRemovesAndListsCertificatesBesideTheDefault(TestInfo test) {
    String main = f.certificate("main-" + name(test));
    String other = f.certificate("other-" + name(test));
    String iam = "arn:aws:iam::" + f.account + ":server-certificate/" + name(test);
    Listener l = f.httpsListener(name(test), main);

    List<Certificate> added =
        f.elb
            .addListenerCertificates(
                r -> r.listenerArn(l.listenerArn()).certificates(cert(other), cert(iam)))
            .certificates();
    assertThat(added).extracting(Certificate::certificateArn).containsExactly(other, iam);
    // adding one again changes nothing; the default may be listed as well, then it shows twice
    f.elb.addListenerCertificates(r -> r.listenerArn(l.listenerArn()).certificates(cert(other)));
    f.elb.addListenerCertificates(r -> r.listenerArn(l.listenerArn()).certificates(cert(main)));
    assertThat(listed(l.listenerArn())).containsExactly(main + " default", other, iam, main);

    f.elb.removeListenerCertificates(
        r -> r.listenerArn(l.listenerArn()).certificates(cert(other), cert(main)));
    assertThat(listed(l.listenerArn())).containsExactly(main + " default", iam);
    assertError(
        "OperationNotPermitted",
        () ->
            f.elb.removeListenerCertificates(
                r -> r.listenerArn(l.listenerArn()).certificates(cert(main))));
    assertThat(listed(l.listenerArn())).containsExactly(main + " default", iam);
    var page = f.elb.describeListenerCertificates(r -> r.listenerArn(l.listenerArn()).pageSize(1));
    assertThat(page.certificates()).hasSize(1);
    assertThat(page.nextMarker()).isNotNull();
  }

  @Test
  void refusesMalformedCertificatesAndHttpListeners(TestInfo test) {
    Listener l = f.httpsListener(name(test), f.certificate("main-" + name(test)));
    assertError(
        "CertificateNotFound",
        () ->
            f.elb.addListenerCertificates(
                r -> r.listenerArn(l.listenerArn()).certificates(cert("not-an-arn"))));
    assertError(
        "ListenerNotFound",
        () ->
            f.elb.describeListenerCertificates(
                r -> r.listenerArn(l.listenerArn().replaceAll(".{16}$", "0123456789abcdef"))));

    LoadBalancer lb = f.elb.describeLoadBalancers(r -> r.names(name(test))).loadBalancers().get(0);
    TargetGroup tg = f.elb.describeTargetGroups(r -> r.names(name(test))).targetGroups().get(0);
    Listener http =
        f.elb
            .createListener(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .protocol("HTTP")
                        .port(8080)
                        .defaultActions(Albs.forward(tg.targetGroupArn())))
            .listeners()
            .get(0);
    assertThat(listed(http.listenerArn())).isEmpty();
    assertError(
        "ValidationError",
        () ->
            f.elb.addListenerCertificates(
                r ->
                    r.listenerArn(http.listenerArn())
                        .certificates(cert(f.certificate("x-" + name(test))))));
  }

  @Test
  void checksTheSecuritySettingsOfCreateAndModifyListener(TestInfo test) {
    String main = f.certificate("main-" + name(test));
    Listener l = f.httpsListener(name(test), main);
    LoadBalancer lb = f.elb.describeLoadBalancers(r -> r.names(name(test))).loadBalancers().get(0);
    TargetGroup tg = f.elb.describeTargetGroups(r -> r.names(name(test))).targetGroups().get(0);

    assertError(
        "ValidationError",
        () ->
            f.elb.createListener(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .protocol("HTTPS")
                        .port(8443)
                        .defaultActions(Albs.forward(tg.targetGroupArn()))));
    assertError(
        "ValidationError",
        () ->
            f.elb.createListener(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .protocol("HTTP")
                        .port(8081)
                        .certificates(cert(main))
                        .defaultActions(Albs.forward(tg.targetGroupArn()))));
    assertError(
        "SSLPolicyNotFound",
        () -> f.elb.modifyListener(r -> r.listenerArn(l.listenerArn()).sslPolicy("MyPolicy")));
    assertError(
        "CertificateNotFound",
        () ->
            f.elb.modifyListener(
                r -> r.listenerArn(l.listenerArn()).certificates(cert("arn:aws:acm:nope"))));
    assertError(
        "ValidationError",
        () ->
            f.elb.modifyListener(
                r -> r.listenerArn(l.listenerArn()).mutualAuthentication(m -> m.mode("verify"))));
    assertThat(f.elb.describeListeners(r -> r.listenerArns(l.listenerArn())).listeners())
        .containsExactly(l);

    Listener tls13 =
        f.elb
            .modifyListener(
                r ->
                    r.listenerArn(l.listenerArn()).sslPolicy("ELBSecurityPolicy-TLS13-1-3-2021-06"))
            .listeners()
            .get(0);
    assertThat(tls13.sslPolicy()).isEqualTo("ELBSecurityPolicy-TLS13-1-3-2021-06");
    assertThat(tls13.certificates()).extracting(Certificate::certificateArn).containsExactly(main);
  }

  @Test
  void anHttpsListenerTurnedHttpKeepsAcceptingWithoutItsTlsSettings(TestInfo test) {
    Listener l = f.httpsListener(name(test), f.certificate("main-" + name(test)));
    assertThat(attributes(l.listenerArn()))
        .anyMatch(a -> a.key().equals("ec2double.host_port") && !a.value().equals("0"))
        .anyMatch(
            a ->
                a.key().equals("routing.http.request.x_amzn_tls_version.header_name")
                    && a.value().equals("X-Amzn-Tls-Version"));

    Listener http =
        f.elb
            .modifyListener(r -> r.listenerArn(l.listenerArn()).protocol("HTTP").port(8081))
            .listeners()
            .get(0);

    assertThat(http.certificates()).isEmpty();
    assertThat(http.sslPolicy()).isNull();
    assertThat(Albs.hostPort(f.elb, l.listenerArn())).isPositive();
    assertThat(attributes(l.listenerArn()))
        .noneMatch(a -> a.key().startsWith("routing.http.request."));
  }

  @Test
  void validatesListenerAttributesByProtocol(TestInfo test) {
    Listener l = f.httpsListener(name(test), f.certificate("main-" + name(test)));
    f.elb.modifyListenerAttributes(
        r ->
            r.listenerArn(l.listenerArn())
                .attributes(
                    attr("routing.http.response.x_frame_options.header_value", "SAMEORIGIN"),
                    attr(
                        "routing.http.response.access_control_allow_methods.header_value",
                        "GET,PUT"),
                    attr(
                        "routing.http.request.x_amzn_mtls_clientcert.header_name",
                        "X-Client-Cert")));
    assertThat(attributes(l.listenerArn()))
        .contains(
            attr("routing.http.response.x_frame_options.header_value", "SAMEORIGIN"),
            attr("routing.http.request.x_amzn_mtls_clientcert.header_name", "X-Client-Cert"),
            attr("routing.http.response.server.enabled", "true"));

    for (ListenerAttribute bad :
        List.of(
            attr("routing.http.response.x_frame_options.header_value", "NEVER"),
            attr("routing.http.response.access_control_allow_methods.header_value", "FETCH"),
            attr("routing.http.response.access_control_max_age.header_value", "-1"),
            attr("routing.http.response.x_content_type_options.header_value", "sniff"),
            attr("routing.http.request.x_amzn_tls_version.header_name", "bad header"),
            attr("tcp.idle_timeout.seconds", "120"))) {
      assertError(
          "ValidationError",
          () ->
              f.elb.modifyListenerAttributes(r -> r.listenerArn(l.listenerArn()).attributes(bad)));
    }
    assertThat(attributes(l.listenerArn()))
        .contains(attr("routing.http.response.x_frame_options.header_value", "SAMEORIGIN"));
  }

  private static ListenerAttribute attr(String key, String value) {
    return ListenerAttribute.builder().key(key).value(value).build();
  }

  private static List<ListenerAttribute> attributes(String listenerArn) {
    return f.elb.describeListenerAttributes(r -> r.listenerArn(listenerArn)).attributes();
  }
}
