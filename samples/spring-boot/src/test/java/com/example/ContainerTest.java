package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.testcontainers.Ec2DoubleContainer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Vpc;

// tag::container[]
@SpringBootTest
@Testcontainers
class ContainerTest {

  @Container @ServiceConnection
  static Ec2DoubleContainer ec2Double =
      new Ec2DoubleContainer("ec2-double:latest").withRegion("eu-west-1");

  @Autowired VpcInventory inventory;
  @Autowired Ec2Client ec2;

  @Test
  void createsAVpcAndFindsItByName() {
    String vpcId = inventory.create("10.2.0.0/16", "in-a-container");

    assertThat(inventory.named("in-a-container")).extracting(Vpc::vpcId).containsExactly(vpcId);
    assertThat(ec2.serviceClientConfiguration().region().id()).isEqualTo("eu-west-1");
    ec2.deleteVpc(r -> r.vpcId(vpcId));
  }
}
// end::container[]
