package dev.ec2double.junit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.junit.Ami;
import dev.ec2double.junit.Backend;
import dev.ec2double.junit.Ec2DoubleRuntimeInfo;
import dev.ec2double.junit.Ec2Test;
import dev.ec2double.junit.Isolation;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;

// tag::attributes[]
@Ec2Test(backend = Backend.MOCK, region = "eu-west-1", isolation = Isolation.PER_METHOD)
@Ami(id = "ami-0123456789abcdef0", image = "ec2-double/debian:12")
@Ami(id = "ami-0fedcba9876543210", image = "ec2-double/busybox:latest")
class AttributesExampleTest {
  @Test
  void signsForTheRegionItAskedFor(Ec2Client ec2, Ec2DoubleRuntimeInfo info) {
    assertThat(info.region()).isEqualTo("eu-west-1");
    assertThat(ec2.describeAvailabilityZones().availabilityZones())
        .extracting(AvailabilityZone::zoneName)
        .allMatch(zone -> zone.startsWith("eu-west-1"));
  }
}
// end::attributes[]
