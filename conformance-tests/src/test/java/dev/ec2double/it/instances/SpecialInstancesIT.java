package dev.ec2double.it.instances;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.Ec2Calls;
import dev.ec2double.it.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.RegisteredInstance;

/**
 * Bundle tasks, product codes, Elastic GPUs, Mac hosts and tasks, and SQL Server HA, on the mock
 * backend: what AWS answers for the instances ec2-double has.
 */
class SpecialInstancesIT {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2Client ec2;
  private static String windowsAmi;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("ap-south-1", "510000000006");
    windowsAmi =
        ec2.registerImage(r -> r.name("Windows_Server-2019-SQL-test").imageLocation("my/app:1"))
            .imageId();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String run(String image) {
    String id =
        ec2.runInstances(r -> r.imageId(image).instanceType("m5.large").minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();
    Ec2Calls.awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(20));
    return id;
  }

  @Test
  void bundlingNeedsAnInstanceStoreBackedWindowsInstance() {
    String linux = run(AMI);
    String windows = run(windowsAmi);
    assertError(
        () ->
            ec2.bundleInstance(
                r -> r.instanceId(linux).storage(s -> s.s3(b -> b.bucket("b").prefix("p")))),
        "UnsupportedOperation");
    assertThat(
            Ec2Calls.error(
                () ->
                    ec2.bundleInstance(
                        r ->
                            r.instanceId(windows)
                                .storage(s -> s.s3(b -> b.bucket("b").prefix("p"))))))
        .contains("EBS-backed");
    assertError(
        () -> ec2.bundleInstance(r -> r.instanceId(windows).storage(s -> s.s3(b -> b.prefix("p")))),
        "MissingParameter");
    assertThat(ec2.describeBundleTasks(r -> r.filters(filter("state", "complete"))).bundleTasks())
        .isEmpty();
    assertError(
        () -> ec2.describeBundleTasks(r -> r.filters(filter("color", "red"))),
        "InvalidParameterValue");
    assertError(
        () -> ec2.cancelBundleTask(r -> r.bundleId("bun-0123abcd")), "InvalidBundleID.NotFound");
  }

  @Test
  void productCodesAndElasticGpusAreNeverAttached() {
    String id = run(AMI);
    var confirmed = ec2.confirmProductInstance(r -> r.instanceId(id).productCode("abc123"));
    assertThat(confirmed.returnValue()).isFalse();
    assertThat(confirmed.ownerId()).isNull();
    assertError(
        () -> ec2.confirmProductInstance(r -> r.instanceId("i-0123456789abcdef0").productCode("x")),
        "InvalidInstanceID.NotFound");
    assertThat(ec2.describeElasticGpus(r -> r.filters(filter("instance-id", id))).elasticGpuSet())
        .isEmpty();
    assertError(
        () -> ec2.describeElasticGpus(r -> r.elasticGpuIds("egpu-0123456789abcdef0")),
        "InvalidElasticGpuID.NotFound");
    assertError(() -> ec2.describeElasticGpus(r -> r.maxResults(5)), "InvalidParameterValue");
  }

  @Test
  void macActionsAnswerOnlyForMacHostsAndInstances() {
    String host =
        ec2.allocateHosts(
                r -> r.availabilityZone("ap-south-1a").instanceType("m5.large").quantity(1))
            .hostIds()
            .get(0);
    assertThat(ec2.describeMacHosts(r -> {}).macHosts()).isEmpty();
    assertThat(ec2.describeMacHosts(r -> r.hostIds(host)).macHosts()).isEmpty();
    assertError(
        () -> ec2.describeMacHosts(r -> r.hostIds("h-0123456789abcdef0")),
        "InvalidHostID.NotFound");
    String id = run(AMI);
    assertError(
        () ->
            ec2.createMacSystemIntegrityProtectionModificationTask(
                r -> r.instanceId(id).macSystemIntegrityProtectionStatus("disabled")),
        "UnsupportedOperation");
    assertError(
        () ->
            ec2.createMacSystemIntegrityProtectionModificationTask(
                r -> r.instanceId(id).macSystemIntegrityProtectionStatus("sometimes")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createDelegateMacVolumeOwnershipTask(
                r -> r.instanceId(id).macCredentials("{\"username\":\"a\",\"password\":\"b\"}")),
        "UnsupportedOperation");
    assertError(
        () -> ec2.createDelegateMacVolumeOwnershipTask(r -> r.instanceId(id)), "MissingParameter");
    assertThat(ec2.describeMacModificationTasks(r -> {}).macModificationTasks()).isEmpty();
    assertError(
        () ->
            ec2.describeMacModificationTasks(
                r -> r.macModificationTaskIds("macmodification-0123456789abcdef0")),
        "InvalidMacModificationTaskId.NotFound");
  }

  @Test
  void sqlServerHaStandbyDetectionOnWindowsInstances() {
    String active = run(windowsAmi);
    String standby = run(windowsAmi);
    String linux = run(AMI);
    String secret = "arn:aws:secretsmanager:ap-south-1:510000000006:secret:sql-AbCdEf";
    var enabled =
        ec2.enableInstanceSqlHaStandbyDetections(
                r -> r.instanceIds(active, standby).sqlServerCredentials(secret))
            .instances();
    assertThat(enabled).extracting(RegisteredInstance::haStatusAsString).containsOnly("processing");
    var states = ec2.describeInstanceSqlHaStates(r -> {}).instances();
    assertThat(states).extracting(RegisteredInstance::instanceId).containsExactly(active, standby);
    assertThat(states.get(0).haStatusAsString()).isEqualTo("active");
    assertThat(states.get(0).sqlServerLicenseUsageAsString()).isEqualTo("full");
    assertThat(states.get(1).haStatusAsString()).isEqualTo("standby");
    assertThat(states.get(1).sqlServerLicenseUsageAsString()).isEqualTo("waived");
    assertThat(states.get(1).sqlServerCredentials()).isEqualTo(secret);
    assertThat(
            ec2.describeInstanceSqlHaStates(r -> r.filters(filter("haStatus", "standby")))
                .instances())
        .extracting(RegisteredInstance::instanceId)
        .containsExactly(standby);
    assertError(
        () -> ec2.enableInstanceSqlHaStandbyDetections(r -> r.instanceIds(linux)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.enableInstanceSqlHaStandbyDetections(
                r -> r.instanceIds(active).sqlServerCredentials("my-secret")),
        "InvalidParameterValue");
    ec2.disableInstanceSqlHaStandbyDetections(r -> r.instanceIds(active));
    assertThat(ec2.describeInstanceSqlHaStates(r -> {}).instances())
        .extracting(RegisteredInstance::instanceId)
        .containsExactly(standby);
    assertError(
        () -> ec2.disableInstanceSqlHaStandbyDetections(r -> r.instanceIds(active)),
        "InvalidParameterValue");
    var history = ec2.describeInstanceSqlHaHistoryStates(r -> r.instanceIds(active)).instances();
    assertThat(history)
        .extracting(RegisteredInstance::processingStatus)
        .containsExactly("Enabling standby detection", "Disabling standby detection");
  }
}
