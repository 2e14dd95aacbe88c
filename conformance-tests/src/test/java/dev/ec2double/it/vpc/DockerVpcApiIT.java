package dev.ec2double.it.vpc;

import dev.ec2double.compute.docker.DockerBackend;
import dev.ec2double.it.FreeCidrs;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The VPC API contract on the docker backend. Its own server maps the contract's built-in debian:12
 * AMI (not pullable here) to the local busybox image, and every VPC gets a {@code /16} that no
 * network on the engine has ({@link FreeCidrs}), so another server on the engine cannot collide. It
 * fails (never skips) when no engine answers.
 */
class DockerVpcApiIT extends VpcApiContract {
  private static Ec2DoubleServer server;

  @BeforeAll
  static void server() {
    server =
        new Ec2DoubleServer(
                ServerConfig.builder()
                    .port(0)
                    .backend("docker")
                    .ami("ami-0ec2d00000000de12", "ec2-double/busybox:latest")
                    .build())
            .start();
    client(server, () -> FreeCidrs.prefix16(((DockerBackend) server.backend()).client()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }
}
