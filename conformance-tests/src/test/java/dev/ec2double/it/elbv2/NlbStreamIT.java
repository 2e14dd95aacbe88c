package dev.ec2double.it.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Ec2Calls;
import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.instances.Exec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * What a network load balancer does in a process of the server (Netty) rather than in the kernel: a
 * PROXY protocol v2 header with the client's address reaches a target whose group asks for it (from
 * this machine and from an instance); a TLS listener decrypts with its certificate, security policy
 * and ALPN policy and forwards to TCP targets, or to TLS ones; and at the end of a deregistration
 * delay, open connections to the target are cut when {@code
 * deregistration_delay.connection_termination.enabled} says so (kernel and process), and kept when
 * not. Without cross-zone balancing, an instance reaches only its zone's target through a
 * proxy-protocol listener while this machine reaches every zone's; and the process accepts only on
 * loopback and the VPC networks, not on the machine's other addresses. The targets are busybox
 * {@code nc} servers: echoes (what they receive comes back) and ones that answer their name. Docker
 * backend; fails, never skips, without an engine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NlbStreamIT {
  private static final String ACCOUNT = "123456789012";
  private static final int ECHO = 7100;
  private static final int WHO = 7300;

  /** The bridges of VPC networks are named {@code ec2d…}. */
  private static final String VPC_BRIDGES = "ec2d";

  private static final byte[] SIGNATURE = {
    0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A
  };

  private static Ec2Client ec2;
  private static ElasticLoadBalancingV2Client elb;
  private static List<String> echoes;
  private static String echoIp;
  private static LoadBalancer lb;
  private static final List<String> groups = new ArrayList<>();
  private static String proxyGroup;
  private static String plainGroup;
  private static String proxyListener;
  private static String kernelListener;
  private static String zonesListener;
  private static List<String> whos;
  private static String caPem;
  private static SSLServerSocket tlsTarget;

  @BeforeAll
  static void echoServersBehindAnNlb() throws Exception {
    ec2 = DockerTestServer.ec2();
    elb = Elbv2Clients.of(DockerTestServer.get(), "AKIDDOCKER");
    caPem = TlsClients.caPem(DockerTestServer.get().endpoint());
    String echo = "#!/bin/sh\nnc -ll -p " + ECHO + " -e cat\n";
    echoes = List.of(Albs.runBusybox(ec2, null, echo), Albs.runBusybox(ec2, null, echo));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                instances().stream().allMatch(i -> i.state().name() == InstanceStateName.RUNNING));
    echoIp =
        instances().stream()
            .filter(i -> i.instanceId().equals(echoes.get(0)))
            .findFirst()
            .orElseThrow()
            .privateIpAddress();
    lb =
        elb.createLoadBalancer(
                r ->
                    r.name("nlb-stream")
                        .type(LoadBalancerTypeEnum.NETWORK)
                        .subnets(Elbv2Clients.twoSubnets(DockerTestServer.get(), ACCOUNT)))
            .loadBalancers()
            .get(0);
    proxyGroup = group("nlb-stream-proxy", ProtocolEnum.TCP, ECHO, TargetTypeEnum.INSTANCE);
    elb.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(proxyGroup)
                .attributes(a -> a.key("proxy_protocol_v2.enabled").value("true")));
    elb.registerTargets(r -> r.targetGroupArn(proxyGroup).targets(d -> d.id(echoes.get(0))));
    proxyListener = listener(ProtocolEnum.TCP, ECHO, proxyGroup);
    plainGroup = group("nlb-stream-plain", ProtocolEnum.TCP, ECHO, TargetTypeEnum.INSTANCE);
    elb.registerTargets(r -> r.targetGroupArn(plainGroup).targets(d -> d.id(echoes.get(1))));
    kernelListener = listener(ProtocolEnum.TCP, 7200, plainGroup);
    Albs.awaitStates(elb, proxyGroup, TargetHealthStateEnum.HEALTHY, 1);
    Albs.awaitStates(elb, plainGroup, TargetHealthStateEnum.HEALTHY, 1);
  }

  private static String group(String name, ProtocolEnum protocol, int port, TargetTypeEnum type) {
    String arn =
        elb.createTargetGroup(
                r ->
                    r.name(name)
                        .protocol(protocol)
                        .port(port)
                        .targetType(type)
                        .vpcId(Elbv2Clients.defaultVpcId(DockerTestServer.get(), ACCOUNT))
                        .healthCheckIntervalSeconds(5)
                        .healthCheckTimeoutSeconds(2)
                        .healthyThresholdCount(2))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    groups.add(arn);
    return arn;
  }

  private static String listener(ProtocolEnum protocol, int port, String group) {
    return elb.createListener(
            r ->
                r.loadBalancerArn(lb.loadBalancerArn())
                    .protocol(protocol)
                    .port(port)
                    .defaultActions(Albs.forward(group)))
        .listeners()
        .get(0)
        .listenerArn();
  }

  private static String tlsListener(int port, String group, String policy, String alpn) {
    return elb.createListener(
            r ->
                r.loadBalancerArn(lb.loadBalancerArn())
                    .protocol(ProtocolEnum.TLS)
                    .port(port)
                    .sslPolicy(policy)
                    .alpnPolicy(alpn == null ? List.of() : List.of(alpn))
                    .certificates(
                        Certificate.builder()
                            .certificateArn(
                                "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/nlb-stream")
                            .build())
                    .defaultActions(Albs.forward(group)))
        .listeners()
        .get(0)
        .listenerArn();
  }

  private static List<Instance> instances() {
    return ec2.describeInstances(r -> r.instanceIds(echoes)).reservations().stream()
        .flatMap(r -> r.instances().stream())
        .toList();
  }

  @AfterAll
  static void close() throws IOException {
    if (lb != null) {
      elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
    }
    groups.forEach(g -> elb.deleteTargetGroup(r -> r.targetGroupArn(g)));
    if (echoes != null) {
      ec2.terminateInstances(r -> r.instanceIds(echoes));
    }
    if (whos != null) {
      ec2.terminateInstances(r -> r.instanceIds(whos));
    }
    if (tlsTarget != null) {
      tlsTarget.close();
    }
    elb.close();
    ec2.close();
  }

  @Test
  @Order(1)
  void aProxyProtocolV2HeaderWithTheClientsAddressComesBeforeTheStream() throws IOException {
    try (Socket s = connect(proxyListener)) {
      s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
      byte[] got = s.getInputStream().readNBytes(28 + 6);

      assertThat(Arrays.copyOf(got, 12)).isEqualTo(SIGNATURE);
      assertThat(got[12]).isEqualTo((byte) 0x21); // version 2, PROXY
      assertThat(got[13]).isEqualTo((byte) 0x11); // TCP over IPv4
      ByteBuffer b = ByteBuffer.wrap(got, 14, 14);
      assertThat(b.getShort()).isEqualTo((short) 12);
      assertThat(address(b)).isEqualTo(s.getLocalAddress().getHostAddress());
      assertThat(address(b)).isEqualTo(Albs.hostAddress(elb, proxyListener));
      assertThat(b.getShort() & 0xffff).isEqualTo(s.getLocalPort());
      assertThat(b.getShort() & 0xffff).isEqualTo(ECHO);
      assertThat(new String(got, 28, 6, StandardCharsets.US_ASCII)).isEqualTo("hello\n");
    }
  }

  @Test
  @Order(2)
  void fromAnInstanceTheHeaderCarriesItsOwnAddressAndTheLoadBalancersVirtualOne() {
    String out =
        Exec.run(
            DockerTestServer.docker(),
            "ec2double-" + echoes.get(0),
            "sh",
            "-c",
            "(printf hi; sleep 1) | timeout 3 nc "
                + lb.dnsName()
                + " "
                + ECHO
                + " | od -An -tu1 -v");
    List<Integer> bytes = Arrays.stream(out.trim().split("\\s+")).map(Integer::parseInt).toList();

    assertThat(bytes).hasSize(30);
    assertThat(bytes.subList(12, 14)).containsExactly(0x21, 0x11);
    assertThat(join(bytes.subList(16, 20))).isEqualTo(echoIp);
    assertThat(join(bytes.subList(20, 24))).startsWith("198.19.");
    assertThat(bytes.subList(28, 30)).containsExactly((int) 'h', (int) 'i');
  }

  @Test
  @Order(3)
  void aTlsListenerDecryptsWithItsCertificateAndAlpnPolicyAndForwardsToTcpTargets()
      throws Exception {
    String l = tlsListener(7443, plainGroup, null, "HTTP2Preferred");
    SSLContext ctx = TlsClients.context(caPem, null, null);
    await()
        .atMost(Duration.ofSeconds(5))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              try (SSLSocket s = tls(ctx, l, List.of("TLSv1.3", "TLSv1.2"))) {
                X509Certificate served = (X509Certificate) s.getSession().getPeerCertificates()[0];
                assertThat(TlsClients.commonName(served)).isEqualTo(lb.dnsName());
                assertThat(s.getApplicationProtocol()).isEqualTo("h2");
                assertThat(echo(s, "over tls\n")).isEqualTo("over tls\n");
              }
            });
  }

  @Test
  @Order(4)
  void aTlsListenersSecurityPolicyRefusesOlderProtocols() throws Exception {
    String l = tlsListener(7444, plainGroup, "ELBSecurityPolicy-TLS13-1-3-2021-06", null);
    SSLContext ctx = TlsClients.context(caPem, null, null);
    await()
        .atMost(Duration.ofSeconds(5))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              try (SSLSocket s = tls(ctx, l, List.of("TLSv1.3"))) {
                assertThat(s.getApplicationProtocol()).isEmpty(); // no ALPN policy
                assertThat(echo(s, "1.3\n")).isEqualTo("1.3\n");
              }
            });
    assertThatThrownBy(() -> tls(ctx, l, List.of("TLSv1.2")).close())
        .isInstanceOf(IOException.class);
  }

  @Test
  @Order(5)
  void aTlsTargetGroupGetsTlsFromTheLoadBalancer() throws Exception {
    HttpsListenersIT.SelfSigned own = HttpsListenersIT.selfSigned("target.example.test");
    SSLContext server = TlsClients.context(own.cert(), own.key(), own.cert());
    tlsTarget =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread t = new Thread(NlbStreamIT::serveTls, "tls-target");
    t.setDaemon(true);
    t.start();
    String tlsGroup =
        group("nlb-stream-tls", ProtocolEnum.TLS, tlsTarget.getLocalPort(), TargetTypeEnum.IP);
    elb.registerTargets(r -> r.targetGroupArn(tlsGroup).targets(d -> d.id("127.0.0.1")));
    String l = tlsListener(7445, tlsGroup, null, null);
    Albs.awaitStates(elb, tlsGroup, TargetHealthStateEnum.HEALTHY, 1);
    SSLContext ctx = TlsClients.context(caPem, null, null);
    await()
        .atMost(Duration.ofSeconds(5))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              try (SSLSocket s = tls(ctx, l, null)) {
                s.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(s.getInputStream().readNBytes(9), StandardCharsets.US_ASCII))
                    .isEqualTo("tls:ping\n");
              }
            });
  }

  /** Answers {@code tls:LINE} to each line, over TLS only (plain bytes fail the handshake). */
  private static void serveTls() {
    while (!tlsTarget.isClosed()) {
      try {
        Socket c = tlsTarget.accept();
        Thread t =
            new Thread(
                () -> {
                  try (c) {
                    var in =
                        new java.io.BufferedReader(
                            new java.io.InputStreamReader(
                                c.getInputStream(), StandardCharsets.US_ASCII));
                    String line;
                    while ((line = in.readLine()) != null) {
                      c.getOutputStream()
                          .write(("tls:" + line + "\n").getBytes(StandardCharsets.US_ASCII));
                    }
                  } catch (IOException e) {
                    // a health check's bare connect, or the end
                  }
                });
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Test
  @Order(6)
  void withoutConnectionTerminationAFlowOutlivesItsTargetsDeregistration() throws IOException {
    delay(plainGroup, "1", "false");
    try (Socket s = awaitConnected(kernelListener)) {
      assertThat(echo(s, "before\n")).isEqualTo("before\n");
      deregisterAndAwaitGone(plainGroup, echoes.get(1));
      assertThat(echo(s, "after\n")).isEqualTo("after\n");
    }
  }

  @Test
  @Order(7)
  void withConnectionTerminationFlowsAreCutAtTheEndOfTheDelayInTheKernelAndTheProcess()
      throws IOException {
    elb.registerTargets(r -> r.targetGroupArn(plainGroup).targets(d -> d.id(echoes.get(1))));
    Albs.awaitStates(elb, plainGroup, TargetHealthStateEnum.HEALTHY, 1);
    delay(plainGroup, "1", "true");
    delay(proxyGroup, "1", "true");
    try (Socket viaKernel = awaitConnected(kernelListener);
        Socket viaProcess = connect(proxyListener)) {
      assertThat(echo(viaKernel, "k\n")).isEqualTo("k\n");
      viaProcess.getOutputStream().write("p\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(viaProcess.getInputStream().readNBytes(28 + 2)).hasSize(30);

      deregisterAndAwaitGone(plainGroup, echoes.get(1));
      deregisterAndAwaitGone(proxyGroup, echoes.get(0));

      await().atMost(Duration.ofSeconds(5)).until(() -> broken(viaKernel));
      await().atMost(Duration.ofSeconds(5)).until(() -> broken(viaProcess));
    }
  }

  @Test
  @Order(8)
  void withoutCrossZoneAProxyProtocolListenerSendsAnInstanceOnlyToItsZonesTargets() {
    String from = echoes.get(0);
    String near = subnetOf(from);
    String farSubnet =
        Elbv2Clients.twoSubnets(DockerTestServer.get(), ACCOUNT).stream()
            .filter(s -> !s.equals(near))
            .findFirst()
            .orElseThrow();
    whos = List.of(runWho("near", near), runWho("far", farSubnet));
    for (String id : whos) {
      Ec2Calls.awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(60));
    }
    assertThat(subnetOf(whos.get(1))).isEqualTo(farSubnet);
    String zonesGroup = group("nlb-stream-zones", ProtocolEnum.TCP, WHO, TargetTypeEnum.INSTANCE);
    elb.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(zonesGroup)
                .attributes(a -> a.key("proxy_protocol_v2.enabled").value("true")));
    elb.registerTargets(
        r -> r.targetGroupArn(zonesGroup).targets(d -> d.id(whos.get(0)), d -> d.id(whos.get(1))));
    zonesListener = listener(ProtocolEnum.TCP, WHO, zonesGroup);
    Albs.awaitStates(elb, zonesGroup, TargetHealthStateEnum.HEALTHY, 2);

    // the NLB's default: the node of the instance's zone sends it to that zone's target only
    assertThat(whoFromInstance(from, 4)).containsOnly("near").hasSize(4);
    // this machine is in no zone: it reaches both
    await()
        .atMost(Duration.ofSeconds(5))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              List<String> names = new ArrayList<>();
              for (int i = 0; i < 4; i++) {
                names.add(whoFromHost());
              }
              assertThat(names).contains("near", "far");
            });

    elb.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(zonesGroup)
                .attributes(a -> a.key("load_balancing.cross_zone.enabled").value("true")));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(whoFromInstance(from, 4)).contains("near", "far"));
  }

  @Test
  @Order(9)
  void aProcessListenerAcceptsOnLoopbackAndTheVpcsNetworksNotOnTheHostsOtherAddresses()
      throws IOException {
    try (Socket s = connect(zonesListener)) {
      assertThat(new String(s.getInputStream().readNBytes(3), StandardCharsets.US_ASCII))
          .isIn("nea", "far");
      // where the kernel handed the connection: the process's own port
      int port =
          HostSockets.acceptedPortOf(new InetSocketAddress(s.getLocalAddress(), s.getLocalPort()));
      assertThat(port).isNotEqualTo(WHO);

      List<InetAddress> vpcs = HostSockets.ownIpv4Of(VPC_BRIDGES);
      assertThat(HostSockets.listeningOn(port))
          .as("where port %d accepts (the VPC networks' addresses: %s)", port, vpcs)
          .isNotEmpty()
          .allMatch(a -> a.isLoopbackAddress() || vpcs.contains(a));
      // the machine's other addresses (eth0, docker0, ...): nothing accepts there on that port
      for (InetAddress other : HostSockets.ownIpv4Except(VPC_BRIDGES)) {
        if (!other.isLoopbackAddress()) {
          assertThat(HostSockets.free(other, port)).as("%s:%d is free", other, port).isTrue();
        }
      }
    }
  }

  private static String subnetOf(String instance) {
    return ec2.describeInstances(r -> r.instanceIds(instance))
        .reservations()
        .get(0)
        .instances()
        .get(0)
        .subnetId();
  }

  /**
   * A busybox instance whose port {@link #WHO} answers its name and closes, once it took the
   * 28-byte PROXY v2 header (unread bytes would make its close a reset).
   */
  private static String runWho(String name, String subnet) {
    return Albs.runBusybox(
        ec2,
        subnet,
        "#!/bin/sh\nprintf '#!/bin/sh\\ndd bs=28 count=1 >/dev/null 2>&1\\necho "
            + name
            + "\\n' > /who.sh\nchmod +x /who.sh\nnc -ll -p "
            + WHO
            + " -e /who.sh\n");
  }

  private static String whoFromHost() throws IOException {
    try (Socket s = connect(zonesListener)) {
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    }
  }

  /** The names {@code times} connections from the instance to the load balancer's name got. */
  private static List<String> whoFromInstance(String instance, int times) {
    String out =
        Exec.run(
            DockerTestServer.docker(),
            "ec2double-" + instance,
            "sh",
            "-c",
            "for i in $(seq "
                + times
                + "); do sleep 1 | timeout 3 nc "
                + lb.dnsName()
                + " "
                + WHO
                + "; done");
    return Arrays.stream(out.strip().split("\\s+")).toList();
  }

  private static void delay(String group, String seconds, String terminate) {
    elb.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(group)
                .attributes(
                    a -> a.key("deregistration_delay.timeout_seconds").value(seconds),
                    a ->
                        a.key("deregistration_delay.connection_termination.enabled")
                            .value(terminate)));
  }

  private static void deregisterAndAwaitGone(String group, String id) {
    elb.deregisterTargets(r -> r.targetGroupArn(group).targets(d -> d.id(id)));
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> Albs.health(elb, group).stream().noneMatch(h -> h.target().id().equals(id)));
  }

  /** Whether the connection no longer carries data: a write then a read fails or ends. */
  private static boolean broken(Socket s) {
    try {
      s.setSoTimeout(1000);
      s.getOutputStream().write('x');
      s.getOutputStream().flush();
      return s.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static Socket awaitConnected(String listener) {
    return await()
        .atMost(Duration.ofSeconds(5))
        .ignoreExceptions()
        .until(
            () -> {
              Socket s = connect(listener);
              if (!echo(s, "?\n").equals("?\n")) {
                s.close();
                return null;
              }
              return s;
            },
            x -> x != null);
  }

  private static Socket connect(String listener) throws IOException {
    Socket s = new Socket();
    s.connect(
        new InetSocketAddress(Albs.hostAddress(elb, listener), Albs.hostPort(elb, listener)), 3000);
    s.setSoTimeout(5000);
    return s;
  }

  private static SSLSocket tls(SSLContext ctx, String listener, List<String> protocols)
      throws IOException {
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
    s.connect(
        new InetSocketAddress(Albs.hostAddress(elb, listener), Albs.hostPort(elb, listener)), 3000);
    s.setSoTimeout(5000);
    SSLParameters p = s.getSSLParameters();
    p.setServerNames(List.of(new SNIHostName(lb.dnsName())));
    p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
    if (protocols != null) {
      p.setProtocols(protocols.toArray(String[]::new));
    }
    s.setSSLParameters(p);
    s.startHandshake();
    return s;
  }

  /** Writes a line, reads as many bytes back. */
  private static String echo(Socket s, String line) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(line.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = s.getInputStream();
    return new String(in.readNBytes(line.length()), StandardCharsets.US_ASCII);
  }

  private static String address(ByteBuffer b) {
    byte[] a = new byte[4];
    b.get(a);
    return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
  }

  private static String join(List<Integer> bytes) {
    return String.join(".", bytes.stream().map(String::valueOf).toList());
  }
}
