package dev.ec2double.it.autoscaling;

import static dev.ec2double.it.autoscaling.Groups.awaitInService;
import static dev.ec2double.it.autoscaling.Groups.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.Clients;
import dev.ec2double.it.Elbv2Clients;
import dev.ec2double.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/** A mixed instances policy whose override gives InstanceRequirements instead of a type. */
class AttributeBasedGroupsIT {
  private static final String ACCOUNT = "210000000072";
  private static Ec2Client ec2;
  private static AutoScalingClient as;

  @BeforeAll
  static void clients() {
    ec2 = TestServer.ec2("us-east-1", ACCOUNT);
    as = Clients.autoScaling(TestServer.endpoint(), ACCOUNT);
  }

  @AfterAll
  static void close() {
    ec2.close();
    as.close();
  }

  @Test
  void aGroupLaunchesATypeThatHasTheAttributes() {
    String template =
        ec2.createLaunchTemplate(
                r ->
                    r.launchTemplateName("asg-abs")
                        .launchTemplateData(d -> d.imageId("ami-0ec2d00000000de12")))
            .launchTemplate()
            .launchTemplateId();
    String subnets = String.join(",", Elbv2Clients.twoSubnets(TestServer.endpoint(), ACCOUNT));
    as.createAutoScalingGroup(
        r ->
            r.autoScalingGroupName("abs")
                .minSize(2)
                .maxSize(2)
                .vpcZoneIdentifier(subnets)
                .mixedInstancesPolicy(
                    p ->
                        p.launchTemplate(
                            lt ->
                                lt.launchTemplateSpecification(
                                        s -> s.launchTemplateId(template).version("$Latest"))
                                    .overrides(
                                        LaunchTemplateOverrides.builder()
                                            .instanceRequirements(
                                                q ->
                                                    q.vCpuCount(v -> v.min(4).max(8))
                                                        .memoryMiB(m -> m.min(16384))
                                                        .cpuManufacturersWithStrings("amd"))
                                            .build()))));
    try {
      List<Instance> members = awaitInService(as, "abs", 2, 30);
      List<String> types = members.stream().map(Instance::instanceType).distinct().toList();
      for (InstanceTypeInfo t :
          ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings(types)).instanceTypes()) {
        assertThat(t.vCpuInfo().defaultVCpus()).isBetween(4, 8);
        assertThat(t.memoryInfo().sizeInMiB()).isGreaterThanOrEqualTo(16384L);
        assertThat(t.processorInfo().manufacturer()).isEqualTo("AMD");
      }
      // the group shows the override as given
      LaunchTemplateOverrides shown =
          describe(as, "abs").mixedInstancesPolicy().launchTemplate().overrides().get(0);
      assertThat(shown.instanceType()).isNull();
      assertThat(shown.instanceRequirements().vCpuCount().min()).isEqualTo(4);
    } finally {
      as.deleteAutoScalingGroup(r -> r.autoScalingGroupName("abs").forceDelete(true));
    }
  }
}
