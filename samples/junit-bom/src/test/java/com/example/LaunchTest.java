package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ec2double.junit.Ami;
import dev.ec2double.junit.Backend;
import dev.ec2double.junit.Ec2Test;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/** Instances are real containers: a local image, so that nothing needs a registry. */
@Ec2Test(backend = Backend.DOCKER)
@Ami(id = "ami-0123456789abcdef0", image = "ec2-double/busybox:latest")
class LaunchTest {
  @Test
  void launchesAnInstanceThatRunsAndTerminates(Ec2Client ec2) {
    String id =
        ec2.runInstances(
                r ->
                    r.imageId("ami-0123456789abcdef0")
                        .instanceType("t3.micro")
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
    assertNotNull(running.privateIpAddress());
    assertTrue(running.privateDnsName().startsWith("ip-"), running.privateDnsName());

    ec2.terminateInstances(r -> r.instanceIds(id));
    ec2.waiter().waitUntilInstanceTerminated(r -> r.instanceIds(id));
  }
}
