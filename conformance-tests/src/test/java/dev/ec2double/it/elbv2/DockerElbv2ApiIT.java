package dev.ec2double.it.elbv2;

import dev.ec2double.it.DockerTestServer;
import org.junit.jupiter.api.BeforeAll;

/** The ELBv2 API contract on the docker backend. */
class DockerElbv2ApiIT extends Elbv2ApiContract {
  @BeforeAll
  static void server() {
    client(DockerTestServer.get());
  }
}
