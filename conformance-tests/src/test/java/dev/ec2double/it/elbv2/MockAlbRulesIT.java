package dev.ec2double.it.elbv2;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.BeforeAll;

/** The ALB rules contract on the mock backend. */
class MockAlbRulesIT extends AlbRulesContract {
  @BeforeAll
  static void server() {
    albWithTwoGroups(TestServer.get());
  }
}
