package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ec2double.junit.Ami;
import dev.ec2double.junit.Backend;
import dev.ec2double.junit.Ec2Test;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;

@Ec2Test(backend = Backend.MOCK)
@Ami(id = "ami-0123456789abcdef0", image = "ec2-double/busybox:latest")
class LaunchTest {
  @Test
  void launchesAnInstanceThatRuns(Ec2Client ec2) {
    String id =
        ec2.runInstances(
                r ->
                    r.imageId("ami-0123456789abcdef0")
                        .instanceType(InstanceType.T3_MICRO)
                        .minCount(1)
                        .maxCount(1))
            .instances()
            .get(0)
            .instanceId();

    Instance running =
        ec2.waiter()
            .waitUntilInstanceRunning(r -> r.instanceIds(id))
            .matched()
            .response()
            .orElseThrow()
            .reservations()
            .get(0)
            .instances()
            .get(0);

    assertEquals(InstanceStateName.RUNNING, running.state().name());
    assertEquals("t3.micro", running.instanceTypeAsString());
  }
}
