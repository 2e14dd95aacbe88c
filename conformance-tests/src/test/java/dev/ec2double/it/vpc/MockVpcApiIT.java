package dev.ec2double.it.vpc;

import dev.ec2double.it.TestServer;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;

/** The VPC API contract on the mock backend (no engine networks: any 10.x.0.0/16 will do). */
class MockVpcApiIT extends VpcApiContract {
  @BeforeAll
  static void server() {
    client(TestServer.get(), () -> "10." + ThreadLocalRandom.current().nextInt(256));
  }
}
