package dev.ec2double.it.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Ec2Calls;
import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.instances.Exec;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * A network load balancer forwards real TCP and UDP in the host's kernel: two busybox instances
 * behind a TCP listener both answer, from this machine (the listener's host address and port) and
 * from an instance (the DNS name and port); the target sees the instance's own address (client IP
 * preservation) until preservation is turned off; a target that fails its TCP health checks gets no
 * connection; a draining one gets no new one; a UDP listener's datagram reaches an ip target on
 * this machine and its answer comes back. Docker backend; fails, never skips, without an engine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NlbTrafficIT {
  private static final String ACCOUNT = "123456789012";
  private static final int PORT = 7000;

  private static Ec2Client ec2;
  private static ElasticLoadBalancingV2Client elb;
  private static String client;
  private static String clientIp;
  private static List<String> webs;
  private static LoadBalancer lb;
  private static String tcpGroup;
  private static String udpGroup;
  private static String tcpListener;
  private static DatagramSocket udpTarget;
  private static ServerSocket udpHealth;
  private static Thread udpEcho;

  @BeforeAll
  static void twoTargetsBehindAnNlb() {
    ec2 = DockerTestServer.ec2();
    elb = Elbv2Clients.of(DockerTestServer.get(), "AKIDDOCKER");
    client = Albs.runBusybox(ec2, null, "#!/bin/sh\ntrue\n");
    webs = List.of(runWho("nlb-web-1", null), runWho("nlb-web-2", null));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                instances().stream().allMatch(i -> i.state().name() == InstanceStateName.RUNNING));
    clientIp =
        instances().stream()
            .filter(i -> i.instanceId().equals(client))
            .findFirst()
            .orElseThrow()
            .privateIpAddress();
    lb =
        elb.createLoadBalancer(
                r ->
                    r.name("nlb-traffic")
                        .type(LoadBalancerTypeEnum.NETWORK)
                        .subnets(Elbv2Clients.twoSubnets(DockerTestServer.get(), ACCOUNT)))
            .loadBalancers()
            .get(0);
    tcpGroup =
        elb.createTargetGroup(
                r ->
                    r.name("nlb-traffic-tcp")
                        .protocol(ProtocolEnum.TCP)
                        .port(PORT)
                        .vpcId(Elbv2Clients.defaultVpcId(DockerTestServer.get(), ACCOUNT))
                        .healthCheckIntervalSeconds(5)
                        .healthCheckTimeoutSeconds(2)
                        .healthyThresholdCount(2)
                        .unhealthyThresholdCount(2))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.registerTargets(
        r -> r.targetGroupArn(tcpGroup).targets(d -> d.id(webs.get(0)), d -> d.id(webs.get(1))));
    tcpListener =
        elb.createListener(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .protocol(ProtocolEnum.TCP)
                        .port(PORT)
                        .defaultActions(Albs.forward(tcpGroup)))
            .listeners()
            .get(0)
            .listenerArn();
    Albs.awaitStates(elb, tcpGroup, TargetHealthStateEnum.HEALTHY, 2);
  }

  /** A busybox instance answering {@code NAME CLIENT-ADDRESS} to a GET of /cgi-bin/who. */
  private static String runWho(String name, String subnet) {
    return Albs.runBusybox(
        ec2,
        subnet,
        "#!/bin/sh\nmkdir -p /www/cgi-bin\n"
            + "printf '#!/bin/sh\\necho Content-Type: text/plain\\necho\\necho "
            + name
            + " $REMOTE_ADDR\\n' > /www/cgi-bin/who\n"
            + "chmod +x /www/cgi-bin/who\nhttpd -p "
            + PORT
            + " -h /www\n");
  }

  private static List<Instance> instances() {
    List<String> ids = new ArrayList<>(webs);
    ids.add(client);
    return ec2.describeInstances(r -> r.instanceIds(ids)).reservations().stream()
        .flatMap(r -> r.instances().stream())
        .toList();
  }

  @AfterAll
  static void close() throws IOException {
    if (lb != null) {
      elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
    }
    for (String tg : new String[] {tcpGroup, udpGroup}) {
      if (tg != null) {
        elb.deleteTargetGroup(r -> r.targetGroupArn(tg));
      }
    }
    if (webs != null) {
      ec2.terminateInstances(r -> r.instanceIds(webs));
    }
    if (client != null) {
      ec2.terminateInstances(r -> r.instanceIds(client));
    }
    if (udpTarget != null) {
      udpTarget.close();
      udpHealth.close();
    }
    elb.close();
    ec2.close();
  }

  @Test
  @Order(1)
  void fromThisMachineBothTargetsAnswerAtTheListenersHostAddressAndOwnPort() throws IOException {
    assertThat(Albs.hostPort(elb, tcpListener)).isEqualTo(PORT);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      names.add(whoFromHost().split(" ")[0]);
    }
    assertThat(names).contains("nlb-web-1", "nlb-web-2").hasSize(6);
  }

  @Test
  @Order(2)
  void fromAnInstanceByNameTheTargetSeesTheInstancesOwnAddress() {
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      answers.add(whoFromClient());
    }
    assertThat(answers).allSatisfy(a -> assertThat(a).endsWith(clientIp + "]"));
    assertThat(answers).anyMatch(a -> a.startsWith("nlb-web-1"));
    assertThat(answers).anyMatch(a -> a.startsWith("nlb-web-2"));
  }

  @Test
  @Order(3)
  void aDatagramReachesAUdpTargetAndItsAnswerComesBack() throws Exception {
    udpTarget = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    udpHealth = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    udpEcho = new Thread(NlbTrafficIT::echo, "udp-target");
    udpEcho.setDaemon(true);
    udpEcho.start();
    Thread accept = new Thread(NlbTrafficIT::acceptHealthChecks, "udp-target-health");
    accept.setDaemon(true);
    accept.start();
    udpGroup =
        elb.createTargetGroup(
                r ->
                    r.name("nlb-traffic-udp")
                        .protocol(ProtocolEnum.UDP)
                        .port(udpTarget.getLocalPort())
                        .targetType(TargetTypeEnum.IP)
                        .vpcId(Elbv2Clients.defaultVpcId(DockerTestServer.get(), ACCOUNT))
                        .healthCheckPort(Integer.toString(udpHealth.getLocalPort()))
                        .healthCheckIntervalSeconds(5)
                        .healthCheckTimeoutSeconds(2)
                        .healthyThresholdCount(2))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(udpGroup).targets(d -> d.id("127.0.0.1")));
    String listener =
        elb.createListener(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .protocol(ProtocolEnum.UDP)
                        .port(PORT + 1)
                        .defaultActions(Albs.forward(udpGroup)))
            .listeners()
            .get(0)
            .listenerArn();
    Albs.awaitStates(elb, udpGroup, TargetHealthStateEnum.HEALTHY, 1);
    InetSocketAddress at =
        new InetSocketAddress(Albs.hostAddress(elb, listener), Albs.hostPort(elb, listener));

    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(1000);
      socket.connect(at);
      String answer = null;
      for (int i = 0; i < 5 && answer == null; i++) { // UDP may lose a datagram: ask again
        byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(ping, ping.length));
        DatagramPacket in = new DatagramPacket(new byte[512], 512);
        try {
          socket.receive(in);
          answer = new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
          // again
        }
      }
      assertThat(answer).isEqualTo("pong to ping");
    }
  }

  private static void echo() {
    byte[] buf = new byte[512];
    while (!udpTarget.isClosed()) {
      try {
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        udpTarget.receive(in);
        byte[] out =
            ("pong to " + new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        udpTarget.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void acceptHealthChecks() {
    while (!udpHealth.isClosed()) {
      try {
        udpHealth.accept().close();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Test
  @Order(4)
  void aTargetThatFailsItsHealthChecksGetsNoConnection() throws IOException {
    // the client instance listens on no port: its TCP health checks fail
    elb.registerTargets(r -> r.targetGroupArn(tcpGroup).targets(d -> d.id(client)));
    Albs.awaitStates(elb, tcpGroup, TargetHealthStateEnum.UNHEALTHY, 1);

    List<String> names = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      names.add(whoFromHost().split(" ")[0]); // a connection to the client would be refused
    }
    assertThat(names).containsOnly("nlb-web-1", "nlb-web-2");
    elb.deregisterTargets(r -> r.targetGroupArn(tcpGroup).targets(d -> d.id(client)));
  }

  @Test
  @Order(5)
  void withoutClientIpPreservationTheTargetSeesTheHostsAddress() {
    elb.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(tcpGroup)
                .attributes(a -> a.key("preserve_client_ip.enabled").value("false")));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(whoFromClient()).startsWith("nlb-web-").doesNotContain(clientIp + "]"));
  }

  @Test
  @Order(6)
  void aDrainingTargetGetsNoNewConnection() throws IOException {
    elb.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(tcpGroup)
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("60")));
    elb.deregisterTargets(r -> r.targetGroupArn(tcpGroup).targets(d -> d.id(webs.get(1))));
    assertThat(
            Albs.health(elb, tcpGroup).stream()
                .filter(h -> h.target().id().equals(webs.get(1)))
                .map(h -> h.targetHealth().state()))
        .containsExactly(TargetHealthStateEnum.DRAINING);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              List<String> names = new ArrayList<>();
              for (int i = 0; i < 4; i++) {
                names.add(whoFromHost().split(" ")[0]);
              }
              assertThat(names).containsOnly("nlb-web-1");
            });
  }

  @Test
  @Order(7)
  void withoutCrossZoneAnInstanceReachesOnlyItsZonesTargetsUntilItIsTurnedOn() throws IOException {
    Instance c = instances().stream().filter(i -> i.instanceId().equals(client)).findFirst().get();
    String otherSubnet =
        Elbv2Clients.twoSubnets(DockerTestServer.get(), ACCOUNT).stream()
            .filter(s -> !s.equals(c.subnetId()))
            .findFirst()
            .orElseThrow();
    String far = runWho("nlb-web-far", otherSubnet);
    try {
      Ec2Calls.awaitState(ec2, far, InstanceStateName.RUNNING, Duration.ofSeconds(60));
      elb.registerTargets(r -> r.targetGroupArn(tcpGroup).targets(d -> d.id(far)));
      Albs.awaitStates(elb, tcpGroup, TargetHealthStateEnum.HEALTHY, 2); // web-1 and the far one
      assertThat(
              ec2.describeInstances(r -> r.instanceIds(far))
                  .reservations()
                  .get(0)
                  .instances()
                  .get(0)
                  .subnetId())
          .isEqualTo(otherSubnet);

      // the NLB's default: each zone's node sends its zone's clients to its zone's targets
      List<String> fromClient = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        fromClient.add(whoFromClient().split(" ")[0]);
      }
      assertThat(fromClient).containsOnly("nlb-web-1");
      // this machine is in no zone: its flows go to every zone's targets
      List<String> fromHost = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        fromHost.add(whoFromHost().split(" ")[0]);
      }
      assertThat(fromHost).contains("nlb-web-1", "nlb-web-far");

      elb.modifyLoadBalancerAttributes(
          r ->
              r.loadBalancerArn(lb.loadBalancerArn())
                  .attributes(a -> a.key("load_balancing.cross_zone.enabled").value("true")));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                  names.add(whoFromClient().split(" ")[0]);
                }
                assertThat(names).contains("nlb-web-1", "nlb-web-far");
              });
    } finally {
      ec2.terminateInstances(r -> r.instanceIds(far));
    }
  }

  private static String whoFromHost() throws IOException {
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(
              Albs.hostAddress(elb, tcpListener), Albs.hostPort(elb, tcpListener)),
          3000);
      s.setSoTimeout(5000);
      s.getOutputStream()
          .write("GET /cgi-bin/who HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      return body(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }
  }

  private static String whoFromClient() {
    String answer =
        Exec.run(
            DockerTestServer.docker(),
            "ec2double-" + client,
            "sh",
            "-c",
            "printf 'GET /cgi-bin/who HTTP/1.0\\r\\n\\r\\n' | nc -w 3 "
                + lb.dnsName()
                + " "
                + PORT
                + " 2>&1");
    return body(answer);
  }

  /** The body of busybox httpd's answer (its CGI headers end in a bare LF). */
  private static String body(String answer) {
    String lf = answer.replace("\r\n", "\n");
    int end = lf.indexOf("\n\n");
    return end < 0 ? lf.strip() : lf.substring(end + 2).strip();
  }
}
