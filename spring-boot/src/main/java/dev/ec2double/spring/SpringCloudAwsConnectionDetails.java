package dev.ec2double.spring;

import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import java.net.URI;

/**
 * Spring Cloud AWS's connection details as a view of ec2-double's, read when asked. Loaded only
 * where Spring Cloud AWS is on the class path.
 */
@FunctionalInterface
public interface SpringCloudAwsConnectionDetails extends AwsConnectionDetails {
  /** The details this view reads. */
  Ec2DoubleConnectionDetails ec2Double();

  @Override
  default URI getEndpoint() {
    return ec2Double().getEndpoint();
  }

  @Override
  default String getRegion() {
    return ec2Double().getRegion();
  }

  @Override
  default String getAccessKey() {
    return ec2Double().getAccessKey();
  }

  @Override
  default String getSecretKey() {
    return ec2Double().getSecretKey();
  }
}
