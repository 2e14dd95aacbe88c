package dev.ec2double.spring.server;

import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.spring.Ec2DoubleConnectionDetails;
import java.net.URI;

/** The connection details of an in-JVM {@link Ec2DoubleServer}: its endpoint, asked when needed. */
final class Ec2DoubleServerConnectionDetails implements Ec2DoubleConnectionDetails {
  private final Ec2DoubleServer server;

  Ec2DoubleServerConnectionDetails(Ec2DoubleServer server) {
    this.server = server;
  }

  @Override
  public URI getEndpoint() {
    return server.endpoint();
  }
}
