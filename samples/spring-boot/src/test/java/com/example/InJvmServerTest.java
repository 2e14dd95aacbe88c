package com.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.ec2.model.Vpc;

// tag::server[]
@SpringBootTest
class InJvmServerTest {

  @TestConfiguration(proxyBeanMethods = false)
  static class Ec2DoubleConfig {
    @Bean(destroyMethod = "close")
    Ec2DoubleServer ec2DoubleServer() {
      return new Ec2DoubleServer(ServerConfig.builder().port(0).backend("mock").build()).start();
    }
  }

  @Autowired VpcInventory inventory; // its Ec2Client bean talks to the server above

  @Test
  void createsAVpcAndFindsItByName() {
    String vpcId = inventory.create("10.1.0.0/16", "in-jvm");

    assertThat(inventory.named("in-jvm"))
        .extracting(Vpc::vpcId, Vpc::cidrBlock)
        .containsExactly(tuple(vpcId, "10.1.0.0/16"));
  }
}
// end::server[]
