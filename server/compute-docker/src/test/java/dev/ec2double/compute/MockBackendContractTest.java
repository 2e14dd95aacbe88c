package dev.ec2double.compute;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract on the mock backend: the same state machine, nothing behind it. */
class MockBackendContractTest extends ComputeBackendContract {
  private static MockBackend mock;
  private static String serverId;

  @BeforeAll
  static void start() {
    mock = new MockBackend();
    serverId = newServerId();
  }

  @AfterAll
  static void stop() {
    mock.removeAll();
    mock.close();
  }

  @Override
  protected ComputeBackend backend() {
    return mock;
  }

  @Override
  protected String serverId() {
    return serverId;
  }

  @Override
  protected boolean filtersPackets() {
    return false;
  }

  @Override
  protected int exitOnItsOwn(String machineId) {
    mock.exit(machineId, 3);
    return 3;
  }
}
