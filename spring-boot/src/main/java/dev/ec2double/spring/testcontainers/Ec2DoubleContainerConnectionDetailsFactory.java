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

  // Boot names the bean after this class's short name: one name per details type, or the second
  // registered for a container replaces the first
  private static final class ContainerEc2DoubleConnectionDetails
      extends ContainerConnectionDetails<Ec2DoubleContainer> implements Ec2DoubleConnectionDetails {
    ContainerEc2DoubleConnectionDetails(ContainerConnectionSource<Ec2DoubleContainer> source) {
      super(source);
    }

    // read when asked, not at construction: the container is started by then

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
