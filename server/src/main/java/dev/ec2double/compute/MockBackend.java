package dev.ec2double.compute;

/** API-only: every resource is a record, nothing runs. For users without a Docker engine. */
public final class MockBackend implements ComputeBackend {
  @Override
  public String name() {
    return "mock";
  }

  @Override
  public String describe() {
    return "mock (API only: no containers, networks or volumes are created)";
  }

  @Override
  public void close() {}
}
