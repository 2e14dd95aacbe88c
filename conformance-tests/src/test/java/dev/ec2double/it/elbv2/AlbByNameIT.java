package dev.ec2double.it.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.Option;
import dev.ec2double.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Load balancers are reached by the DNS name and port the API gives: each accepts on its own
 * loopback address, so two listeners on port 80 both get port 80, and a client that knows nothing
 * of ec2-double (a JVM started with {@code -Djdk.net.hosts.file}, the server keeping that file)
 * resolves the names. Port 80 needs root, as CI has.
 */
class AlbByNameIT {
  private static final String ACCOUNT = "000000000081";
  @TempDir static Path dir;
  private static Path hosts;
  private static Ec2DoubleServer server;
  private static ElasticLoadBalancingV2Client elb;
  private static List<String> subnets;

  @BeforeAll
  static void start() {
    hosts = dir.resolve("ec2-double.hosts");
    server =
        new Ec2DoubleServer(
                ServerConfig.builder()
                    .port(0)
                    .backend("mock")
                    .set(Option.HOSTS_FILE, hosts.toString())
                    .build())
            .start();
    elb = Elbv2Clients.of(server, ACCOUNT);
    subnets = Elbv2Clients.twoSubnets(server, ACCOUNT);
  }

  @AfterAll
  static void stop() {
    elb.close();
    server.close();
  }

  /** A load balancer with a listener on port 80 that answers its own name; its listener ARN. */
  private static String listener(LoadBalancer lb) {
    return elb.createListener(
            r ->
                r.loadBalancerArn(lb.loadBalancerArn())
                    .port(80)
                    .defaultActions(
                        a ->
                            a.type(ActionTypeEnum.FIXED_RESPONSE)
                                .fixedResponseConfig(
                                    f ->
                                        f.statusCode("200")
                                            .contentType("text/plain")
                                            .messageBody("I am " + lb.loadBalancerName()))))
        .listeners()
        .get(0)
        .listenerArn();
  }

  private static LoadBalancer lb(String name) {
    return elb.createLoadBalancer(r -> r.name(name).subnets(subnets)).loadBalancers().get(0);
  }

  @Test
  void twoLoadBalancersAnswerOnPort80EachAtItsOwnAddressAndByTheirDnsNames() throws Exception {
    LoadBalancer web = lb("by-name-web");
    LoadBalancer api = lb("by-name-api");
    String webListener = listener(web);
    String apiListener = listener(api);

    assertThat(Albs.hostPort(elb, webListener)).isEqualTo(80);
    assertThat(Albs.hostPort(elb, apiListener)).isEqualTo(80);
    String webAddress = Albs.hostAddress(elb, webListener);
    String apiAddress = Albs.hostAddress(elb, apiListener);
    assertThat(webAddress).startsWith("127.").isNotEqualTo(apiAddress);
    assertThat(apiAddress).startsWith("127.");
    try (Http http = new Http()) {
      assertThat(http.at(webAddress).get(80, "/").getContentAsString())
          .isEqualTo("I am by-name-web");
      assertThat(http.at(apiAddress).get(80, "/").getContentAsString())
          .isEqualTo("I am by-name-api");
    }

    // the names resolve where the server keeps them: a JVM that reads that file
    assertThat(Files.readString(hosts))
        .contains(webAddress + " " + web.dnsName() + " ")
        .contains(apiAddress + " " + api.dnsName() + " ");
    assertThat(
            fetchInAnotherJvm("http://" + web.dnsName() + "/", "http://" + api.dnsName() + ":80/"))
        .containsExactly("200 I am by-name-web", "200 I am by-name-api");

    // a deleted load balancer's name goes, the other's stays
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(api.loadBalancerArn()));
    assertThat(Files.readString(hosts)).doesNotContain(api.dnsName()).contains(web.dnsName());
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(web.loadBalancerArn()));
  }

  /** What {@link FetchByName} prints in a JVM started with {@code -Djdk.net.hosts.file}. */
  private static List<String> fetchInAnotherJvm(String... urls)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Djdk.net.hosts.file=" + hosts);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(FetchByName.class.getName());
    cmd.addAll(List.of(urls));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().toList();
  }
}
