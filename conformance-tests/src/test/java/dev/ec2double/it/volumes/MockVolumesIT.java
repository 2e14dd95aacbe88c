package dev.ec2double.it.volumes;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Volumes and snapshots on the mock backend: the API alone. */
class MockVolumesIT extends VolumesContract {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Override
  protected Ec2Client ec2() {
    return ec2;
  }

  @Override
  protected String ami() {
    return "ami-0ec2d00000000de12";
  }
}
