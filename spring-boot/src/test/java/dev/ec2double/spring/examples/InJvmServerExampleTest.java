package dev.ec2double.spring.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** The in-JVM server as a bean: no Docker, the mock backend, a context that starts in a second. */
// tag::server[]
@SpringBootTest
class InJvmServerExampleTest {

  @TestConfiguration(proxyBeanMethods = false)
  static class Ec2DoubleConfig {
    @Bean(destroyMethod = "close")
    Ec2DoubleServer ec2DoubleServer() {
      return new Ec2DoubleServer(ServerConfig.builder().port(0).backend("mock").build()).start();
    }
  }

  @Autowired Ec2Client ec2;

  @Test
  void createsAVpcAndDescribesItBack() {
    String vpcId = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();

    assertThat(ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs())
        .extracting(Vpc::cidrBlock)
        .containsExactly("10.1.0.0/16");
  }
}
// end::server[]
