package dev.ec2double.server;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.ec2.vpc.VpcNetworks;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API as the instances of a VPC reach it: one more connector of the server's Jetty per VPC
 * network, bound to the address the server has there (the network's gateway, where the metadata
 * service listens too), on the API's own port when it is free there. Instances get its URL in
 * {@code AWS_ENDPOINT_URL}; nothing outside the engine host and its networks reaches it.
 */
final class InstanceApiEndpoints implements VpcNetworks.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceApiEndpoints.class);

  private final Server jetty;
  private final ComputeBackend backend;
  private final int apiPort;
  private final Map<String, ServerConnector> byNetwork = new ConcurrentHashMap<>();
  private final Map<String, String> endpoints = new ConcurrentHashMap<>();
  private final Set<String> addresses = ConcurrentHashMap.newKeySet();

  InstanceApiEndpoints(Server jetty, ComputeBackend backend, int apiPort) {
    this.jetty = jetty;
    this.backend = backend;
    this.apiPort = apiPort;
  }

  @Override
  public synchronized void ready(String network, String gateway) {
    if (endpoints.containsKey(network)) {
      return;
    }
    String address = backend.localAddress(network, gateway);
    ServerConnector c = open(address, apiPort);
    if (c == null) {
      c = open(address, 0);
    }
    if (c == null) {
      return;
    }
    byNetwork.put(network, c);
    addresses.add(address);
    String endpoint = "http://" + address + ":" + c.getLocalPort();
    endpoints.put(network, endpoint);
    LOG.info("the API for the instances of {} on {}", network, endpoint);
  }

  private ServerConnector open(String address, int port) {
    ServerConnector main = (ServerConnector) jetty.getConnectors()[0];
    ServerConnector c =
        new ServerConnector(
            jetty,
            new HttpConnectionFactory(
                main.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()));
    c.setHost(address);
    c.setPort(port);
    try {
      jetty.addConnector(c);
      c.start();
      return c;
    } catch (Exception e) {
      jetty.removeConnector(c);
      if (port == 0) {
        LOG.info(
            "instances of this network cannot reach the API: {} ({})", address, e.getMessage());
      }
      return null;
    }
  }

  @Override
  public synchronized void removed(String network) {
    endpoints.remove(network);
    ServerConnector c = byNetwork.remove(network);
    if (c != null) {
      addresses.remove(c.getHost());
      close(c);
    }
  }

  /** A fresh server: every network's connector goes with its network. */
  synchronized void stopAll() {
    byNetwork.keySet().forEach(this::removed);
  }

  /** The URL instances of a network reach the API at, or null. */
  String endpoint(String network) {
    return endpoints.get(network);
  }

  /** Whether a request came in on an address instances reach (not the API's own). */
  boolean facesInstances(String localAddress) {
    return addresses.contains(localAddress);
  }

  private void close(ServerConnector c) {
    try {
      c.stop();
    } catch (Exception e) {
      LOG.debug("connector {} did not stop cleanly", c, e);
    }
    jetty.removeConnector(c);
  }
}
