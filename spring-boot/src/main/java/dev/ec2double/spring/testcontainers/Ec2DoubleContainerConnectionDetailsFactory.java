package dev.ec2double.spring.testcontainers;

import dev.ec2double.spring.Ec2DoubleConnectionDetails;
import dev.ec2double.testcontainers.Ec2DoubleContainer;
import java.net.URI;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/** {@code @ServiceConnection} on an {@link Ec2DoubleContainer}: its endpoint, region and keys. */
class Ec2DoubleContainerConnectionDetailsFactory
    extends ContainerConnectionDetailsFactory<Ec2DoubleContainer, Ec2DoubleConnectionDetails> {

  Ec2DoubleContainerConnectionDetailsFactory() {
    super(ANY_CONNECTION_NAME, "dev.ec2double.testcontainers.Ec2DoubleContainer");
  }

  @Override
  protected Ec2DoubleConnectionDetails getContainerConnectionDetails(
      ContainerConnectionSource<Ec2DoubleContainer> source) {
    return new ContainerEc2DoubleConnectionDetails(source);
  }

  /** The details of a started container, as they are now. */
  static Ec2DoubleConnectionDetails of(Ec2DoubleContainer container) {
    return new Fixed(
        container.getEndpoint(),
        container.getRegion(),
        container.getAccessKey(),
        container.getSecretKey());
  }

  private record Fixed(URI getEndpoint, String getRegion, String getAccessKey, String getSecretKey)
      implements Ec2DoubleConnectionDetails {}

  // Boot names the bean after this class's short name: one name per details type, or the second
  // registered for a container replaces the first. The container is read when asked: it is started
  // by then.
  private static final class ContainerEc2DoubleConnectionDetails
      extends ContainerConnectionDetails<Ec2DoubleContainer> implements Ec2DoubleConnectionDetails {
    ContainerEc2DoubleConnectionDetails(ContainerConnectionSource<Ec2DoubleContainer> source) {
      super(source);
    }

    @Override
    public URI getEndpoint() {
      return getContainer().getEndpoint();
    }

    @Override
    public String getRegion() {
      return getContainer().getRegion();
    }

    @Override
    public String getAccessKey() {
      return getContainer().getAccessKey();
    }

    @Override
    public String getSecretKey() {
      return getContainer().getSecretKey();
    }
  }
}
