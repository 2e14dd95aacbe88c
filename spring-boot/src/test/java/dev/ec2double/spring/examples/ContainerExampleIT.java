package dev.ec2double.spring.examples;

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

/**
 * The image in a container, on the docker backend (the server in it drives the engine through the
 * mounted socket): the VPC is a real bridge network. Without an engine it fails, it never skips.
 */
// tag::container[]
@SpringBootTest
@Testcontainers
class ContainerExampleIT {

  @Container @ServiceConnection
  static Ec2DoubleContainer ec2Double =
      new Ec2DoubleContainer(System.getProperty("ec2double.image", "ec2-double:latest"))
          .withRegion("eu-west-1");

  @Autowired Ec2Client ec2;

  @Test
  void createsAVpcAndDescribesItBack() {
    String vpcId = ec2.createVpc(r -> r.cidrBlock("10.2.0.0/16")).vpc().vpcId();

    assertThat(ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs())
        .extracting(Vpc::cidrBlock)
        .containsExactly("10.2.0.0/16");
    assertThat(ec2.serviceClientConfiguration().region().id()).isEqualTo("eu-west-1");
    ec2.deleteVpc(r -> r.vpcId(vpcId));
  }
}
// end::container[]
