package dev.ec2double.server;

import dev.ec2double.compute.ComputeBackend;
import dev.ec2double.ec2.vpc.VpcNetworks;
import dev.ec2double.server.http.HttpServer;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API as the instances of a VPC reach it: one more address of the server's per VPC network,
 * bound to the address the server has there (the network's gateway, where the metadata service
 * listens too), on the API's own port when it is free there. Instances get its URL in {@code
 * AWS_ENDPOINT_URL}; nothing outside the engine host and its networks reaches it.
 */
final class InstanceApiEndpoints implements VpcNetworks.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceApiEndpoints.class);

  private final HttpServer http;
  private final ComputeBackend backend;
  private final int apiPort;
  private final Map<String, HttpServer.Listener> byNetwork = new ConcurrentHashMap<>();
  private final Map<String, String> endpoints = new ConcurrentHashMap<>();
  private final Set<String> addresses = ConcurrentHashMap.newKeySet();

  InstanceApiEndpoints(HttpServer http, ComputeBackend backend, int apiPort) {
    this.http = http;
    this.backend = backend;
    this.apiPort = apiPort;
  }

  @Override
  public synchronized void ready(String network, String gateway) {
    if (endpoints.containsKey(network)) {
      return;
    }
    String address = backend.localAddress(network, gateway);
    HttpServer.Listener l = open(address, apiPort);
    if (l == null) {
      l = open(address, 0);
    }
    if (l == null) {
      return;
    }
    byNetwork.put(network, l);
    addresses.add(address);
    String endpoint = "http://" + address + ":" + l.port();
    endpoints.put(network, endpoint);
    LOG.info("the API for the instances of {} on {}", network, endpoint);
  }

  private HttpServer.Listener open(String address, int port) {
    try {
      return http.listen(address, port);
    } catch (IOException | RuntimeException e) {
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
    HttpServer.Listener l = byNetwork.remove(network);
    if (l != null) {
      addresses.remove(l.host());
      l.close();
    }
  }

  /** A fresh server: every network's listener goes with its network. */
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
}
