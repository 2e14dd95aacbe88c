package dev.ec2double.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import dev.ec2double.spring.server.Ec2DoubleServerAutoConfiguration;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** Which clients the auto-configuration makes, from what, and when it stands back. */
class Ec2DoubleClientsAutoConfigurationTest {
  private static final URI ENDPOINT = URI.create("http://127.0.0.1:4751");

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  Ec2DoubleServerAutoConfiguration.class, Ec2DoubleClientsAutoConfiguration.class));

  @Test
  void makesNoClientWithoutConnectionDetails() {
    runner.run(
        context -> {
          assertThat(context).doesNotHaveBean(Ec2Client.class);
          assertThat(context).doesNotHaveBean(Ec2DoubleConnectionDetails.class);
        });
  }

  @Test
  void pointsEachClientAtTheDetailsEndpointRegionAndKeys() {
    runner
        .withBean(Ec2DoubleConnectionDetails.class, () -> details("eu-north-1"))
        .run(
            context -> {
              Ec2Client ec2 = context.getBean(Ec2Client.class);
              assertThat(ec2.serviceClientConfiguration().endpointOverride()).contains(ENDPOINT);
              assertThat(ec2.serviceClientConfiguration().region()).isEqualTo(Region.EU_NORTH_1);
              assertThat(
                      ec2.serviceClientConfiguration()
                          .credentialsProvider()
                          .resolveIdentity()
                          .join()
                          .accessKeyId())
                  .isEqualTo("111122223333");
              assertThat(
                      context
                          .getBean(ElasticLoadBalancingV2Client.class)
                          .serviceClientConfiguration()
                          .endpointOverride())
                  .contains(ENDPOINT);
              assertThat(context).hasSingleBean(AutoScalingClient.class);
            });
  }

  @Test
  void leavesAClientOfTheApplicationsOwnAlone() {
    Ec2Client own = Ec2Client.builder().region(Region.US_WEST_2).build();
    runner
        .withBean(Ec2DoubleConnectionDetails.class, () -> details("eu-north-1"))
        .withBean("ownEc2", Ec2Client.class, () -> own)
        .run(
            context -> {
              assertThat(context).getBean(Ec2Client.class).isSameAs(own);
              assertThat(context).hasSingleBean(ElasticLoadBalancingV2Client.class);
            });
  }

  /** An application that declares its own Ec2Client: a test puts one of its own first. */
  // tag::primary[]
  @TestConfiguration(proxyBeanMethods = false)
  static class Ec2ClientForTests {
    @Bean
    @Primary
    Ec2Client ec2ClientForTests(Ec2DoubleConnectionDetails ec2Double) {
      return Ec2DoubleClientsAutoConfiguration.configure(Ec2Client.builder(), ec2Double).build();
    }
  }

  // end::primary[]

  @Test
  void aPrimaryClientFromTheDetailsComesBeforeTheApplicationsOwn() {
    runner
        .withBean(Ec2DoubleConnectionDetails.class, () -> details("eu-north-1"))
        .withBean(
            "ec2", Ec2Client.class, () -> Ec2Client.builder().region(Region.US_WEST_2).build())
        .withUserConfiguration(Ec2ClientForTests.class)
        .run(
            context ->
                assertThat(
                        context
                            .getBean(Ec2Client.class)
                            .serviceClientConfiguration()
                            .endpointOverride())
                    .contains(ENDPOINT));
  }

  @Test
  void makesNoAutoScalingClientWithoutItsSdkModule() {
    runner
        .withClassLoader(new FilteredClassLoader(AutoScalingClient.class))
        .withBean(Ec2DoubleConnectionDetails.class, () -> details("eu-north-1"))
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(AutoScalingClient.class);
              assertThat(context).hasSingleBean(Ec2Client.class);
            });
  }

  @Test
  void theApplicationsOwnDetailsComeBeforeAServerBeans() {
    runner
        .withBean(Ec2DoubleConnectionDetails.class, () -> details("sa-east-1"))
        .withBean(
            Ec2DoubleServer.class,
            () ->
                new Ec2DoubleServer(ServerConfig.builder().port(0).backend("mock").build()).start(),
            bean -> bean.setDestroyMethodName("close"))
        .run(
            context -> {
              assertThat(context).hasSingleBean(Ec2DoubleConnectionDetails.class);
              assertThat(context.getBean(Ec2Client.class).serviceClientConfiguration().region())
                  .isEqualTo(Region.SA_EAST_1);
            });
  }

  private static Ec2DoubleConnectionDetails details(String region) {
    return new Ec2DoubleConnectionDetails() {
      @Override
      public URI getEndpoint() {
        return ENDPOINT;
      }

      @Override
      public String getRegion() {
        return region;
      }

      @Override
      public String getAccessKey() {
        return "111122223333";
      }
    };
  }
}
