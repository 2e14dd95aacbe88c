package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/**
 * ClassicLink answers as on AWS since EC2-Classic's retirement, with the message Ansible's
 * ec2_vpc_net takes as "not enabled" (any other answer fails its VPC task).
 */
class ClassicLinkIT {
  private static String error(Runnable call) {
    try {
      call.run();
    } catch (Ec2Exception e) {
      return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }
    throw new AssertionError("the call succeeded");
  }

  @Test
  void classicLinkIsNotAvailableInAnyRegion() {
    try (Ec2Client ec2 = TestServer.ec2("eu-central-1", "AKIDCLASSICLINK")) {
      String vpc = ec2.createVpc(r -> r.cidrBlock("10.96.0.0/16")).vpc().vpcId();
      try {
        String expected =
            "UnsupportedOperation: The functionality you requested is not available in this"
                + " region.";
        assertThat(error(() -> ec2.describeVpcClassicLink(r -> r.vpcIds(vpc)))).isEqualTo(expected);
        assertThat(error(() -> ec2.describeVpcClassicLinkDnsSupport(r -> r.vpcIds(vpc))))
            .isEqualTo(expected);
        assertThat(error(() -> ec2.enableVpcClassicLink(r -> r.vpcId(vpc)))).isEqualTo(expected);
        assertThat(error(() -> ec2.describeClassicLinkInstances(r -> r.maxResults(5))))
            .isEqualTo(expected);
      } finally {
        ec2.deleteVpc(r -> r.vpcId(vpc));
      }
    }
  }
}
