package dev.ec2double.it.elbv2;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.BeforeAll;

/** The ELBv2 API contract on the mock backend. */
class MockElbv2ApiIT extends Elbv2ApiContract {
  @BeforeAll
  static void server() {
    client(TestServer.get());
  }
}
