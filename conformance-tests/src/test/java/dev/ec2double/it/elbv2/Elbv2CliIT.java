package dev.ec2double.it.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

/**
 * The AWS CLI v2 (botocore, which reads the {@code member} lists and element names the Java SDK
 * forgives) on the ELBv2 calls added for listener certificates and security policies. The CLI signs
 * with AKIDEXAMPLE: the server's default account, which the SDK fixture shares.
 */
class Elbv2CliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Elbv2Fixture f;

  @BeforeAll
  static void server() {
    AwsCli.requireInstalled("Elbv2CliIT");
    f = new Elbv2Fixture(TestServer.get(), "AKIDEXAMPLE");
  }

  @AfterAll
  static void close() {
    if (f != null) {
      f.close();
    }
  }

  private static JsonNode aws(String... args) throws Exception {
    AwsCli.Run r = AwsCli.run("us-east-1", args);
    assertThat(r.exit()).as(r.stderr()).isZero();
    return JSON.readTree(r.stdout());
  }

  @Test
  void describesASecurityPolicyWithItsProtocolsAndCiphers() throws Exception {
    JsonNode policies =
        aws("elbv2", "describe-ssl-policies", "--names", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06")
            .get("SslPolicies");

    assertThat(policies).hasSize(1);
    JsonNode p = policies.get(0);
    assertThat(p.get("Name").asText()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-Res-2021-06");
    assertThat(texts(p.get("SslProtocols"))).containsExactly("TLSv1.2", "TLSv1.3");
    assertThat(p.get("Ciphers")).hasSize(7);
    assertThat(p.get("Ciphers").get(0).get("Name").asText()).isEqualTo("TLS_AES_128_GCM_SHA256");
    assertThat(p.get("Ciphers").get(6).get("Priority").asInt()).isEqualTo(7);
    assertThat(texts(p.get("SupportedLoadBalancerTypes")))
        .containsExactly("application", "network");

    AwsCli.Run missing =
        AwsCli.run("us-east-1", "elbv2", "describe-ssl-policies", "--names", "NoSuchPolicy");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.stderr()).contains("(SSLPolicyNotFound)").contains("NoSuchPolicy");
  }

  @Test
  void addsAndListsListenerCertificates(TestInfo test) throws Exception {
    String main = f.certificate("main-" + Elbv2Fixture.name(test));
    String extra = f.certificate("extra-" + Elbv2Fixture.name(test));
    Listener l = f.httpsListener(Elbv2Fixture.name(test), main);

    JsonNode added =
        aws(
            "elbv2",
            "add-listener-certificates",
            "--listener-arn",
            l.listenerArn(),
            "--certificates",
            "CertificateArn=" + extra);
    assertThat(added.get("Certificates")).hasSize(1);
    assertThat(added.get("Certificates").get(0).get("CertificateArn").asText()).isEqualTo(extra);

    JsonNode listed =
        aws("elbv2", "describe-listener-certificates", "--listener-arn", l.listenerArn())
            .get("Certificates");
    assertThat(listed).hasSize(2);
    assertThat(listed.get(0).get("CertificateArn").asText()).isEqualTo(main);
    assertThat(listed.get(0).get("IsDefault").asBoolean()).isTrue();
    assertThat(listed.get(1).get("CertificateArn").asText()).isEqualTo(extra);
    assertThat(listed.get(1).get("IsDefault").asBoolean()).isFalse();
  }

  @Test
  void drivesAnHttpsAlbThatServesTlsWithTheLocalCa(TestInfo test) throws Exception {
    String name = Elbv2Fixture.name(test);
    List<String> lbArgs =
        new ArrayList<>(List.of("elbv2", "create-load-balancer", "--name", name, "--subnets"));
    lbArgs.addAll(f.subnets);
    JsonNode lb = aws(lbArgs.toArray(String[]::new)).get("LoadBalancers").get(0);
    String lbArn = lb.get("LoadBalancerArn").asText();
    JsonNode listener =
        aws(
                "elbv2",
                "create-listener",
                "--load-balancer-arn",
                lbArn,
                "--protocol",
                "HTTPS",
                "--port",
                "443",
                "--ssl-policy",
                "ELBSecurityPolicy-TLS13-1-2-2021-06",
                "--certificates",
                "CertificateArn=" + f.certificate("cli-" + name),
                "--default-actions",
                "Type=fixed-response,FixedResponseConfig={StatusCode=200,ContentType=text/plain,"
                    + "MessageBody=tls-ok}")
            .get("Listeners")
            .get(0);
    assertThat(listener.get("Protocol").asText()).isEqualTo("HTTPS");
    assertThat(listener.get("SslPolicy").asText()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
    String listenerArn = listener.get("ListenerArn").asText();
    // where it accepts (the CLI 2.9 has no describe-listener-attributes; the SDK shares the
    // account)
    String authority = Albs.authority(f.elb, listenerArn);

    var client =
        java.net.http.HttpClient.newBuilder()
            .sslContext(TlsClients.context(TlsClients.caPem(TestServer.endpoint()), null, null))
            .proxy(java.net.http.HttpClient.Builder.NO_PROXY)
            .build();
    var r =
        client.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://" + authority + "/"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("tls-ok");
    assertThat(r.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
    aws("elbv2", "delete-load-balancer", "--load-balancer-arn", lbArn);
  }

  @Test
  void drivesAnNlbWithATlsListenerAndProxyProtocol(TestInfo test) throws Exception {
    String name = Elbv2Fixture.name(test);
    String lbArn =
        aws(
                "elbv2",
                "create-load-balancer",
                "--name",
                name,
                "--type",
                "network",
                "--subnets",
                f.subnets.get(0))
            .get("LoadBalancers")
            .get(0)
            .get("LoadBalancerArn")
            .asText();
    String tgArn =
        aws(
                "elbv2",
                "create-target-group",
                "--name",
                name,
                "--protocol",
                "TCP",
                "--port",
                "7000",
                "--vpc-id",
                f.vpcId)
            .get("TargetGroups")
            .get(0)
            .get("TargetGroupArn")
            .asText();
    JsonNode attributes =
        aws(
                "elbv2",
                "modify-target-group-attributes",
                "--target-group-arn",
                tgArn,
                "--attributes",
                "Key=proxy_protocol_v2.enabled,Value=true")
            .get("Attributes");
    assertThat(attributes.findValuesAsText("Key")).contains("proxy_protocol_v2.enabled");
    JsonNode listener =
        aws(
                "elbv2",
                "create-listener",
                "--load-balancer-arn",
                lbArn,
                "--protocol",
                "TLS",
                "--port",
                "7443",
                "--ssl-policy",
                "ELBSecurityPolicy-TLS13-1-2-2021-06",
                "--alpn-policy",
                "HTTP2Preferred",
                "--certificates",
                "CertificateArn=" + f.certificate("cli-" + name),
                "--default-actions",
                "Type=forward,TargetGroupArn=" + tgArn)
            .get("Listeners")
            .get(0);
    assertThat(listener.get("Protocol").asText()).isEqualTo("TLS");
    assertThat(texts(listener.get("AlpnPolicy"))).containsExactly("HTTP2Preferred");
    assertThat(listener.get("Certificates").get(0).get("CertificateArn").asText())
        .isEqualTo(f.certificate("cli-" + name));

    AwsCli.Run alpnOnTcp =
        AwsCli.run(
            "us-east-1",
            "elbv2",
            "create-listener",
            "--load-balancer-arn",
            lbArn,
            "--protocol",
            "TCP",
            "--port",
            "7000",
            "--alpn-policy",
            "HTTP1Only",
            "--default-actions",
            "Type=forward,TargetGroupArn=" + tgArn);
    assertThat(alpnOnTcp.exit()).isNotZero();
    assertThat(alpnOnTcp.stderr()).contains("(ValidationError)").contains("TLS listeners");
    aws("elbv2", "delete-load-balancer", "--load-balancer-arn", lbArn);
    aws("elbv2", "delete-target-group", "--target-group-arn", tgArn);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
