package dev.ec2double.it.elbv2;

import dev.ec2double.it.DockerTestServer;
import org.junit.jupiter.api.BeforeAll;

/** The ALB rules contract on the docker backend. */
class DockerAlbRulesIT extends AlbRulesContract {
  @BeforeAll
  static void server() {
    albWithTwoGroups(DockerTestServer.get());
  }
}
