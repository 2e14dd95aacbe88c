package dev.ec2double.elbv2.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The name server instances ask: it answers the load balancers' names itself, as a resolver reads
 * them (RFC 1035 messages over UDP).
 */
class NameServerTest {
  private static final String NAME = "web-1234567890.us-east-1.elb.test";
  private static final int AAAA = 28;

  private final ExecutorService forwarders = Executors.newSingleThreadExecutor();
  private NameServer server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    forwarders.shutdownNow();
  }

  private NameServer start(Map<String, String> names) throws Exception {
    server = NameServer.start("127.0.0.1", names::get, forwarders);
    return server;
  }

  /** A standard query with recursion desired, as a stub resolver sends it. */
  static byte[] query(int id, String name, int type) {
    ByteArrayOutputStream q = new ByteArrayOutputStream();
    q.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 0x01, 0, 0, 1, 0, 0, 0, 0, 0, 0});
    for (String label : name.split("\\.")) {
      q.write(label.length());
      q.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
    }
    q.writeBytes(new byte[] {0, 0, (byte) type, 0, 1});
    return q.toByteArray();
  }

  private static int rcode(byte[] answer) {
    return answer[3] & 0x0f;
  }

  private static int answers(byte[] answer) {
    return ((answer[6] & 0xff) << 8) | (answer[7] & 0xff);
  }

  @Test
  void answersALoadBalancersNameWithItsAddressOverUdp() throws Exception {
    start(Map.of(NAME, "198.18.7.9"));
    byte[] q = query(0x4242, "Web-1234567890.US-East-1.elb.test", DnsMessages.TYPE_A);

    byte[] a;
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(5_000);
      s.send(new DatagramPacket(q, q.length, new InetSocketAddress("127.0.0.1", server.port())));
      DatagramPacket p = new DatagramPacket(new byte[512], 512);
      s.receive(p);
      a = Arrays.copyOf(p.getData(), p.getLength());
    }

    assertThat(a[0]).isEqualTo((byte) 0x42);
    assertThat(a[1]).isEqualTo((byte) 0x42);
    assertThat(a[2] & 0x80).as("a response").isEqualTo(0x80);
    assertThat(a[2] & 0x01).as("recursion desired, as asked").isEqualTo(1);
    assertThat(rcode(a)).isZero();
    assertThat(answers(a)).isEqualTo(1);
    assertThat(Arrays.copyOfRange(a, a.length - 4, a.length))
        .containsExactly((byte) 198, (byte) 18, (byte) 7, (byte) 9);
    assertThat(Arrays.copyOfRange(a, q.length, q.length + 6))
        .as("the answer names the question (a pointer to it), type A, class IN")
        .containsExactly((byte) 0xc0, 12, 0, 1, 0, 1);
  }

  @Test
  void answersAnotherTypeOfAKnownNameWithNoRecordNotAnError() throws Exception {
    byte[] a = start(Map.of(NAME, "198.18.7.9")).answer(query(1, NAME, AAAA));

    assertThat(rcode(a)).isZero();
    assertThat(answers(a)).isZero();
  }

  @Test
  void refusesAnUnknownLoadBalancerNameItself() throws Exception {
    byte[] a = start(Map.of()).answer(query(1, "gone-1.us-east-1.elb.test", DnsMessages.TYPE_A));

    assertThat(rcode(a)).isEqualTo(DnsMessages.NXDOMAIN);
    assertThat(answers(a)).isZero();
  }

  @Test
  void passesOtherNamesAndOddMessagesOn() throws Exception {
    NameServer ns = start(Map.of(NAME, "198.18.7.9"));

    assertThat(ns.answer(query(1, "example.com", DnsMessages.TYPE_A))).isNull();
    assertThat(ns.answer(new byte[] {1, 2, 3})).isNull();
    byte[] response = query(1, NAME, DnsMessages.TYPE_A);
    response[2] |= (byte) 0x80;
    assertThat(ns.answer(response)).as("a response, not a query").isNull();
  }

  @Test
  void passesOtherNamesToTheFirstUpstreamThatAnswersAndRelaysItsAnswer() throws Exception {
    try (DatagramSocket upstream = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket client = new DatagramSocket()) {
      server =
          NameServer.start(
              "127.0.0.1",
              Map.<String, String>of()::get,
              forwarders,
              List.of(
                  (InetSocketAddress) silent.getLocalSocketAddress(),
                  (InetSocketAddress) upstream.getLocalSocketAddress()));
      byte[] q = query(7, "example.com", DnsMessages.TYPE_A);
      client.setSoTimeout(10_000);
      client.send(
          new DatagramPacket(q, q.length, new InetSocketAddress("127.0.0.1", server.port())));

      upstream.setSoTimeout(10_000);
      DatagramPacket asked = new DatagramPacket(new byte[512], 512);
      upstream.receive(asked);
      assertThat(Arrays.copyOf(asked.getData(), asked.getLength())).isEqualTo(q);
      byte[] upstreamAnswer = Arrays.copyOf(q, q.length + 1);
      upstreamAnswer[2] |= (byte) 0x80;
      upstream.send(
          new DatagramPacket(upstreamAnswer, upstreamAnswer.length, asked.getSocketAddress()));

      DatagramPacket relayed = new DatagramPacket(new byte[512], 512);
      client.receive(relayed);
      assertThat(Arrays.copyOf(relayed.getData(), relayed.getLength())).isEqualTo(upstreamAnswer);
    }
  }

  @Test
  void virtualAddressesAreStableAndAboveTheElasticIps() {
    assertThat(VirtualAddresses.loadBalancer(NAME))
        .isEqualTo(VirtualAddresses.loadBalancer(NAME))
        .matches("198\\.19\\.(12[89]|1[3-9]\\d|2\\d\\d)\\.\\d+")
        .doesNotEndWith(".0");
    assertThat(VirtualAddresses.nameServer("srv-0123"))
        .matches("198\\.19\\.([6-9]\\d|1[01]\\d|12[0-7])\\.\\d+");
    assertThat(VirtualAddresses.nameServer("srv-0123"))
        .isNotEqualTo(VirtualAddresses.nameServer("srv-4567"));
  }
}
