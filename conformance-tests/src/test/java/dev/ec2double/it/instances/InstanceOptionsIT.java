package dev.ec2double.it.instances;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.describe;
import static dev.ec2double.it.Ec2Calls.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.Ec2Calls;
import dev.ec2double.it.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * Monitoring, CPU, maintenance and network performance options, ResetInstanceAttribute and the
 * region's metadata defaults, on the mock backend.
 */
class InstanceOptionsIT {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-north-1", "510000000001");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String run(String type) {
    return ec2.runInstances(r -> r.imageId(AMI).instanceType(type).minCount(1).maxCount(1))
        .instances()
        .get(0)
        .instanceId();
  }

  private static Instance await(String id, InstanceStateName state) {
    return Ec2Calls.awaitState(ec2, id, state, Duration.ofSeconds(20));
  }

  private static String stopped(String type) {
    String id = run(type);
    await(id, InstanceStateName.RUNNING);
    ec2.stopInstances(r -> r.instanceIds(id));
    await(id, InstanceStateName.STOPPED);
    return id;
  }

  @Test
  void monitoringIsEnabledAndDisabledAndRunInstancesHonoursIt() {
    String id = run("t3.micro");
    assertThat(describe(ec2, id).monitoring().stateAsString()).isEqualTo("disabled");
    var on = ec2.monitorInstances(r -> r.instanceIds(id)).instanceMonitorings().get(0);
    assertThat(on.instanceId()).isEqualTo(id);
    assertThat(on.monitoring().stateAsString()).isEqualTo("pending");
    assertThat(describe(ec2, id).monitoring().stateAsString()).isEqualTo("enabled");
    assertThat(
            ec2.describeInstances(
                    r -> r.instanceIds(id).filters(Ec2Calls.filter("monitoring-state", "enabled")))
                .reservations())
        .hasSize(1);
    var off = ec2.unmonitorInstances(r -> r.instanceIds(id)).instanceMonitorings().get(0);
    assertThat(off.monitoring().stateAsString()).isEqualTo("disabling");
    assertThat(describe(ec2, id).monitoring().stateAsString()).isEqualTo("disabled");

    String monitored =
        ec2.runInstances(
                r ->
                    r.imageId(AMI)
                        .instanceType("t3.micro")
                        .minCount(1)
                        .maxCount(1)
                        .monitoring(m -> m.enabled(true)))
            .instances()
            .get(0)
            .instanceId();
    assertThat(describe(ec2, monitored).monitoring().stateAsString()).isEqualTo("enabled");
    assertError(
        () -> ec2.monitorInstances(r -> r.instanceIds("i-0123456789abcdef0")),
        "InvalidInstanceID.NotFound");
    assertError(
        () -> ec2.monitorInstances(r -> r.instanceIds("i-xyz")), "InvalidInstanceID.Malformed");
  }

  @Test
  void cpuOptionsChangeOnAStoppedInstanceWithinItsType() {
    String id = stopped("m5.2xlarge"); // 4 cores, 2 threads each
    assertThat(describe(ec2, id).cpuOptions().coreCount()).isEqualTo(4);
    var changed =
        ec2.modifyInstanceCpuOptions(r -> r.instanceId(id).coreCount(2).threadsPerCore(1));
    assertThat(changed.coreCount()).isEqualTo(2);
    assertThat(changed.threadsPerCore()).isEqualTo(1);
    Instance i = describe(ec2, id);
    assertThat(i.cpuOptions().coreCount()).isEqualTo(2);
    assertThat(i.cpuOptions().threadsPerCore()).isEqualTo(1);
    assertThat(error(() -> ec2.modifyInstanceCpuOptions(r -> r.instanceId(id).coreCount(5))))
        .startsWith("InvalidParameterValue:")
        .contains("between 1 and 4");
    assertError(
        () -> ec2.modifyInstanceCpuOptions(r -> r.instanceId(id).threadsPerCore(3)),
        "InvalidParameterValue");
    String running = run("m5.large");
    assertError(
        () -> ec2.modifyInstanceCpuOptions(r -> r.instanceId(running).coreCount(1)),
        "IncorrectInstanceState");
    String t2 = stopped("t2.micro");
    assertError(
        () -> ec2.modifyInstanceCpuOptions(r -> r.instanceId(t2).coreCount(1)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.runInstances(
                r ->
                    r.imageId(AMI)
                        .instanceType("m5.large")
                        .minCount(1)
                        .maxCount(1)
                        .cpuOptions(c -> c.coreCount(2).threadsPerCore(3))),
        "InvalidParameterValue");
    String launched =
        ec2.runInstances(
                r ->
                    r.imageId(AMI)
                        .instanceType("m5.xlarge")
                        .minCount(1)
                        .maxCount(1)
                        .cpuOptions(c -> c.coreCount(1)))
            .instances()
            .get(0)
            .instanceId();
    assertThat(describe(ec2, launched).cpuOptions().coreCount()).isEqualTo(1);
    assertThat(describe(ec2, launched).cpuOptions().threadsPerCore()).isEqualTo(2);
  }

  @Test
  void maintenanceAndNetworkPerformanceOptionsAreKept() {
    String id = stopped("m5.large");
    assertThat(describe(ec2, id).maintenanceOptions().autoRecoveryAsString()).isEqualTo("default");
    var m =
        ec2.modifyInstanceMaintenanceOptions(
            r -> r.instanceId(id).autoRecovery("disabled").rebootMigration("disabled"));
    assertThat(m.autoRecoveryAsString()).isEqualTo("disabled");
    assertThat(m.rebootMigrationAsString()).isEqualTo("disabled");
    assertThat(describe(ec2, id).maintenanceOptions().autoRecoveryAsString()).isEqualTo("disabled");
    assertError(
        () -> ec2.modifyInstanceMaintenanceOptions(r -> r.instanceId(id).autoRecovery("sometimes")),
        "InvalidParameterValue");
    var n =
        ec2.modifyInstanceNetworkPerformanceOptions(
            r -> r.instanceId(id).bandwidthWeighting("vpc-1"));
    assertThat(n.bandwidthWeightingAsString()).isEqualTo("vpc-1");
    assertThat(describe(ec2, id).networkPerformanceOptions().bandwidthWeightingAsString())
        .isEqualTo("vpc-1");
    String running = run("m5.large");
    assertError(
        () ->
            ec2.modifyInstanceNetworkPerformanceOptions(
                r -> r.instanceId(running).bandwidthWeighting("ebs-1")),
        "IncorrectInstanceState");
  }

  @Test
  void resetInstanceAttributeTakesTheFourResettableAttributes() {
    String protectedAtLaunch =
        ec2.runInstances(
                r ->
                    r.imageId(AMI)
                        .instanceType("t3.micro")
                        .minCount(1)
                        .maxCount(1)
                        .disableApiStop(true))
            .instances()
            .get(0)
            .instanceId();
    await(protectedAtLaunch, InstanceStateName.RUNNING);
    assertError(
        () -> ec2.stopInstances(r -> r.instanceIds(protectedAtLaunch)), "OperationNotPermitted");
    ec2.resetInstanceAttribute(r -> r.instanceId(protectedAtLaunch).attribute("disableApiStop"));
    ec2.stopInstances(r -> r.instanceIds(protectedAtLaunch));

    String id = stopped("t3.micro");
    ec2.modifyInstanceAttribute(r -> r.instanceId(id).disableApiStop(b -> b.value(true)));
    assertThat(
            ec2.describeInstanceAttribute(r -> r.instanceId(id).attribute("disableApiStop"))
                .disableApiStop()
                .value())
        .isTrue();
    ec2.resetInstanceAttribute(r -> r.instanceId(id).attribute("disableApiStop"));
    assertThat(
            ec2.describeInstanceAttribute(r -> r.instanceId(id).attribute("disableApiStop"))
                .disableApiStop()
                .value())
        .isFalse();
    ec2.resetInstanceAttribute(r -> r.instanceId(id).attribute("kernel"));
    ec2.resetInstanceAttribute(r -> r.instanceId(id).attribute("sourceDestCheck"));
    assertError(
        () -> ec2.resetInstanceAttribute(r -> r.instanceId(id).attribute("userData")),
        "InvalidParameterValue");
    String running = run("t3.micro");
    assertError(
        () -> ec2.resetInstanceAttribute(r -> r.instanceId(running).attribute("ramdisk")),
        "IncorrectInstanceState");
  }

  @Test
  void metadataDefaultsApplyToInstancesLaunchedAfterInTheRegion() {
    Ec2Client other = TestServer.ec2("eu-south-1", "510000000001");
    try {
      assertThat(other.getInstanceMetadataDefaults(r -> {}).accountLevel().httpTokens()).isNull();
      String before = runIn(other, null);
      assertThat(
              other
                  .modifyInstanceMetadataDefaults(
                      r -> r.httpTokens("required").httpPutResponseHopLimit(3))
                  .returnValue())
          .isTrue();
      var defaults = other.getInstanceMetadataDefaults(r -> {}).accountLevel();
      assertThat(defaults.httpTokensAsString()).isEqualTo("required");
      assertThat(defaults.httpPutResponseHopLimit()).isEqualTo(3);
      assertThat(defaults.managedByAsString()).isEqualTo("account");
      String after = runIn(other, null);
      assertThat(describe(other, after).metadataOptions().httpTokensAsString())
          .isEqualTo("required");
      assertThat(describe(other, after).metadataOptions().httpPutResponseHopLimit()).isEqualTo(3);
      assertThat(describe(other, before).metadataOptions().httpTokensAsString())
          .isEqualTo("optional");
      String asked = runIn(other, "optional");
      assertThat(describe(other, asked).metadataOptions().httpTokensAsString())
          .isEqualTo("optional");
      assertThat(ec2.getInstanceMetadataDefaults(r -> {}).accountLevel().httpTokens()).isNull();
      assertError(
          () -> other.modifyInstanceMetadataDefaults(r -> r.httpPutResponseHopLimit(65)),
          "InvalidParameterValue");
      other.modifyInstanceMetadataDefaults(r -> r.httpTokensEnforced("enabled"));
      assertError(() -> runIn(other, "optional"), "InvalidParameterValue");
      other.modifyInstanceMetadataDefaults(
          r ->
              r.httpTokens("no-preference")
                  .httpPutResponseHopLimit(-1)
                  .httpTokensEnforced("no-preference"));
      assertThat(other.getInstanceMetadataDefaults(r -> {}).accountLevel().httpTokens()).isNull();
      assertThat(describe(other, runIn(other, null)).metadataOptions().httpTokensAsString())
          .isEqualTo("optional");
    } finally {
      other.close();
    }
  }

  private static String runIn(Ec2Client client, String tokens) {
    return client
        .runInstances(
            r -> {
              r.imageId(AMI).instanceType("t3.micro").minCount(1).maxCount(1);
              if (tokens != null) {
                r.metadataOptions(m -> m.httpTokens(tokens));
              }
            })
        .instances()
        .get(0)
        .instanceId();
  }
}
