package dev.ec2double.junit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.junit.Ec2Test;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Region;

// tag::ec2test[]
@Ec2Test
class Ec2TestExampleTest {
  @Test
  void listsTheRegions(Ec2Client ec2) {
    assertThat(ec2.describeRegions().regions())
        .extracting(Region::regionName)
        .contains("us-east-1", "eu-west-1");
  }
}
// end::ec2test[]
