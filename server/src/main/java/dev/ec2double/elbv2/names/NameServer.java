package dev.ec2double.elbv2.names;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DNS server over UDP for the instances of one network, as the VPC's resolver is on AWS: it
 * answers the load balancers' names itself ({@code *.elb.test}) and passes every other query on to
 * the name servers of the machine the server runs on ({@code /etc/resolv.conf}), relaying their
 * answer. The engine's own resolver in each instance asks it what the engine does not know.
 */
public final class NameServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NameServer.class);

  /** The names the server answers for itself; others go upstream. */
  public static final String SUFFIX = ".elb.test";

  /** How long an instance's resolver may keep an answer: load balancers come and go in tests. */
  private static final int TTL = 5;

  private static final int UPSTREAM_TIMEOUT_MS = 3_000;

  private final DatagramSocket socket;
  private final Function<String, String> names;
  private final List<InetSocketAddress> upstreams;
  private final ExecutorService forwarders;
  private final Thread reader;

  private NameServer(
      DatagramSocket socket,
      Function<String, String> names,
      List<InetSocketAddress> upstreams,
      ExecutorService forwarders) {
    this.socket = socket;
    this.names = names;
    this.upstreams = upstreams;
    this.forwarders = forwarders;
    this.reader = new Thread(this::serve, "ec2double-dns-" + socket.getLocalPort());
    reader.setDaemon(true);
  }

  /**
   * Starts answering on {@code address} (a port the system picks).
   *
   * @param names the address of a load balancer's DNS name (lower case), or null
   * @param forwarders runs the queries passed upstream
   */
  public static NameServer start(
      String address, Function<String, String> names, ExecutorService forwarders)
      throws IOException {
    return start(address, names, forwarders, upstreams());
  }

  /** As above, passing other queries to {@code upstreams} in turn. */
  static NameServer start(
      String address,
      Function<String, String> names,
      ExecutorService forwarders,
      List<InetSocketAddress> upstreams)
      throws IOException {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0));
    NameServer server = new NameServer(socket, names, upstreams, forwarders);
    server.reader.start();
    return server;
  }

  public int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    byte[] buf = new byte[4096];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        if (!socket.isClosed()) {
          LOG.debug("name server receive failed: {}", e.getMessage());
        }
        continue;
      }
      byte[] query = Arrays.copyOf(p.getData(), p.getLength());
      InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
      byte[] answer = answer(query);
      if (answer != null) {
        send(answer, from);
      } else {
        forwarders.execute(() -> forward(query, from));
      }
    }
  }

  /** The answer the server gives itself, or null when the query goes upstream. */
  byte[] answer(byte[] query) {
    DnsMessages.Question q = DnsMessages.question(query, query.length);
    if (q == null || !q.name().endsWith(SUFFIX)) {
      return null;
    }
    String address = names.apply(q.name());
    return address == null
        ? DnsMessages.failure(query, q, DnsMessages.NXDOMAIN)
        : DnsMessages.answer(query, q, address, TTL);
  }

  private void forward(byte[] query, InetSocketAddress client) {
    try (DatagramSocket up = new DatagramSocket()) {
      up.setSoTimeout(UPSTREAM_TIMEOUT_MS);
      byte[] buf = new byte[4096];
      for (InetSocketAddress upstream : upstreams) {
        try {
          up.send(new DatagramPacket(query, query.length, upstream));
          DatagramPacket reply = new DatagramPacket(buf, buf.length);
          up.receive(reply);
          send(Arrays.copyOf(reply.getData(), reply.getLength()), client);
          return;
        } catch (IOException e) {
          LOG.debug("name server {} did not answer: {}", upstream, e.getMessage());
        }
      }
    } catch (SocketException e) {
      LOG.debug("cannot pass a query on: {}", e.getMessage());
    }
    DnsMessages.Question q = DnsMessages.question(query, query.length);
    if (q != null) {
      send(DnsMessages.failure(query, q, DnsMessages.SERVFAIL), client);
    }
  }

  private void send(byte[] message, InetSocketAddress to) {
    try {
      socket.send(new DatagramPacket(message, message.length, to));
    } catch (IOException e) {
      LOG.debug("cannot answer {}: {}", to, e.getMessage());
    }
  }

  /** The name servers of this machine, as its resolver uses them. */
  private static List<InetSocketAddress> upstreams() {
    List<InetSocketAddress> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/etc/resolv.conf"), StandardCharsets.UTF_8)) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 2 && f[0].equals("nameserver")) {
          out.add(new InetSocketAddress(f[1], 53));
        }
      }
    } catch (IOException e) {
      LOG.debug("no /etc/resolv.conf: names other than the load balancers' do not resolve");
    }
    return List.copyOf(out);
  }

  @Override
  public void close() {
    socket.close();
  }
}
