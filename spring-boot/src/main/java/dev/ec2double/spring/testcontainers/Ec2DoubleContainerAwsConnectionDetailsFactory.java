package dev.ec2double.spring.testcontainers;

import dev.ec2double.spring.Ec2DoubleConnectionDetails;
import dev.ec2double.spring.SpringCloudAwsConnectionDetails;
import dev.ec2double.testcontainers.Ec2DoubleContainer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@code @ServiceConnection} on an {@link Ec2DoubleContainer} for Spring Cloud AWS: its {@code
 * AwsConnectionDetails}, which its credentials, region and client auto-configuration read, as for a
 * LocalStack container. Only used when Spring Cloud AWS is on the class path.
 */
class Ec2DoubleContainerAwsConnectionDetailsFactory
    extends ContainerConnectionDetailsFactory<Ec2DoubleContainer, AwsConnectionDetails> {

  Ec2DoubleContainerAwsConnectionDetailsFactory() {
    super(
        ANY_CONNECTION_NAME,
        "dev.ec2double.testcontainers.Ec2DoubleContainer",
        "io.awspring.cloud.autoconfigure.core.AwsConnectionDetails");
  }

  @Override
  protected AwsConnectionDetails getContainerConnectionDetails(
      ContainerConnectionSource<Ec2DoubleContainer> source) {
    return new ContainerAwsConnectionDetails(source);
  }

  // Boot names the bean after this class's short name: one name per details type, or the second
  // registered for a container replaces the first
  private static final class ContainerAwsConnectionDetails
      extends ContainerConnectionDetails<Ec2DoubleContainer>
      implements SpringCloudAwsConnectionDetails {
    ContainerAwsConnectionDetails(ContainerConnectionSource<Ec2DoubleContainer> source) {
      super(source);
    }

    @Override
    public Ec2DoubleConnectionDetails ec2Double() {
      return Ec2DoubleContainerConnectionDetailsFactory.of(getContainer());
    }
  }
}
