package dev.ec2double.elbv2.network;

import dev.ec2double.compute.Layer4Forward;
import dev.ec2double.elbv2.tls.Certificates;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link StreamListener}s of network load balancers, by listener ARN, on one Netty event loop
 * group of two threads, made with the first of them (a server without such listeners runs none).
 * Each accepts on loopback and on the server's address on every VPC network ({@link #acceptOn}).
 */
final class StreamListeners implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamListeners.class);

  private final Certificates certificates;
  private final Map<String, StreamListener> open = new HashMap<>();
  private EventLoopGroup group;

  /** Where every listener accepts: {@link #LOOPBACK} first. */
  private List<String> addresses = List.of(LOOPBACK);

  /** Where the kernel's {@code REDIRECT} puts the flows of this machine's own programs. */
  static final String LOOPBACK = "127.0.0.1";

  StreamListeners(Certificates certificates) {
    this.certificates = certificates;
  }

  /**
   * Opens, updates and closes listeners to match {@code wanted}; answers the port each accepts on
   * (a listener that could not open is left out).
   */
  synchronized Map<String, Integer> apply(Map<String, StreamSettings> wanted) {
    open.keySet()
        .removeIf(
            arn -> {
              if (wanted.containsKey(arn)) {
                return false;
              }
              open.get(arn).close();
              return true;
            });
    Map<String, Integer> ports = new HashMap<>();
    for (var e : wanted.entrySet()) {
      StreamListener l = open.get(e.getKey());
      try {
        if (l == null) {
          if (group == null) {
            group = new NioEventLoopGroup(2, new DefaultThreadFactory("nlb-stream", true));
          }
          l = StreamListener.open(group, certificates, e.getValue(), addresses);
          open.put(e.getKey(), l);
        } else {
          l.update(e.getValue());
        }
        ports.put(e.getKey(), l.port());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return ports;
      } catch (Exception ex) {
        LOG.warn("listener {} cannot forward: {}", e.getKey(), ex.getMessage());
      }
    }
    return ports;
  }

  /**
   * Every listener accepts on loopback and on these addresses (the server's on each VPC network)
   * from now on; true when one of them moved to another port (the kernel must be told).
   */
  synchronized boolean acceptOn(Collection<String> networkAddresses) {
    List<String> wanted = new ArrayList<>(List.of(LOOPBACK));
    networkAddresses.stream()
        .filter(a -> !a.equals(LOOPBACK))
        .distinct()
        .sorted()
        .forEach(wanted::add);
    addresses = List.copyOf(wanted);
    boolean moved = false;
    for (var e : open.entrySet()) {
      int before = e.getValue().port();
      try {
        e.getValue().bindOn(addresses);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return true;
      }
      moved |= e.getValue().port() != before;
    }
    return moved;
  }

  /** Closes the connections a listener has to a target. */
  synchronized void cut(String listenerArn, Layer4Forward.Target target) {
    StreamListener l = open.get(listenerArn);
    if (l != null) {
      l.cut(target);
    }
  }

  @Override
  public synchronized void close() {
    open.values().forEach(StreamListener::close);
    open.clear();
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      group = null;
    }
  }
}
