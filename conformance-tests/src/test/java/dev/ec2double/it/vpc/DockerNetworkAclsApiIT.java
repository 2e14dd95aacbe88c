package dev.ec2double.it.vpc;

import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The network ACL API contract on the docker backend: entry changes reach the engine host's packet
 * filter (when the server may program it), and the chains go with the server. It fails (never
 * skips) when no engine answers.
 */
class DockerNetworkAclsApiIT extends NetworkAclsApiContract {
  private static Ec2DoubleServer server;

  @BeforeAll
  static void server() {
    server = new Ec2DoubleServer(ServerConfig.builder().port(0).backend("docker").build()).start();
    client(server, "AKIDNACLDOCKER");
  }

  @AfterAll
  static void stop() {
    server.close();
  }
}
