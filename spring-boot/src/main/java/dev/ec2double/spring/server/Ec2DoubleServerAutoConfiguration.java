package dev.ec2double.spring.server;

import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.spring.Ec2DoubleClientsAutoConfiguration;
import dev.ec2double.spring.Ec2DoubleConnectionDetails;
import dev.ec2double.spring.SpringCloudAwsConnectionDetails;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connection details from an {@link Ec2DoubleServer} bean of the application (a test's
 * {@code @TestConfiguration} starts one): the clients of {@link Ec2DoubleClientsAutoConfiguration},
 * and Spring Cloud AWS's when present, talk to it. A connection details bean of the user's own, or
 * one from {@code @ServiceConnection}, comes first.
 */
@AutoConfiguration(
    before = Ec2DoubleClientsAutoConfiguration.class,
    afterName =
        "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration",
    beforeName = {
      "io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration",
      "io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration"
    })
@ConditionalOnClass(Ec2DoubleServer.class)
@ConditionalOnBean(Ec2DoubleServer.class)
public class Ec2DoubleServerAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(Ec2DoubleConnectionDetails.class)
  Ec2DoubleConnectionDetails ec2DoubleServerConnectionDetails(Ec2DoubleServer server) {
    return new Ec2DoubleServerConnectionDetails(server);
  }

  /** Spring Cloud AWS's connection details, from the same server. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(AwsConnectionDetails.class)
  static class SpringCloudAws {
    @Bean
    @ConditionalOnMissingBean(AwsConnectionDetails.class)
    AwsConnectionDetails ec2DoubleServerAwsConnectionDetails(Ec2DoubleServer server) {
      Ec2DoubleConnectionDetails details = new Ec2DoubleServerConnectionDetails(server);
      return (SpringCloudAwsConnectionDetails) () -> details;
    }
  }
}
