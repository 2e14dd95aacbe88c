package dev.ec2double.it.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.it.TestServer;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * DescribeInstances reuses an instance's view while nothing changed: every kind of change must
 * still show in the very next answer (API calls), or as soon as it is done (background steps). Each
 * case describes first, so a view is there to be reused, then changes, then describes again.
 */
class DescribeFreshnessIT {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("us-east-1", "000000000777"); // an account of its own
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Test
  void showsTagsAsSoonAsTheyAreSetOrDeleted() {
    String id = running();
    describe(id);
    ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("team").value("blue").build()));
    assertThat(describe(id).tags()).extracting(Tag::value).containsExactly("blue");
    ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("team").value("red").build()));
    assertThat(describe(id).tags()).extracting(Tag::value).containsExactly("red");
    ec2.deleteTags(r -> r.resources(id).tags(Tag.builder().key("team").build()));
    assertThat(describe(id).tags()).isEmpty();
  }

  @Test
  void showsBackgroundStateChangesOnceTheyHappen() {
    String id =
        ec2.runInstances(r -> r.imageId(AMI).minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();
    assertThat(describe(id).state().name())
        .isIn(InstanceStateName.PENDING, InstanceStateName.RUNNING);
    await(id, i -> i.state().name() == InstanceStateName.RUNNING);
    ec2.stopInstances(r -> r.instanceIds(id));
    assertThat(describe(id).state().name())
        .isIn(InstanceStateName.STOPPING, InstanceStateName.STOPPED);
    await(id, i -> i.state().name() == InstanceStateName.STOPPED);
    ec2.modifyInstanceAttribute(r -> r.instanceId(id).instanceType(t -> t.value("t3.large")));
    assertThat(describe(id).instanceTypeAsString()).isEqualTo("t3.large");
  }

  @Test
  void showsNetworkChangesAtOnce() {
    String id = running();
    String vpc = describe(id).vpcId();
    String group =
        ec2.createSecurityGroup(r -> r.groupName("fresh").description("fresh").vpcId(vpc))
            .groupId();
    ec2.modifyInstanceAttribute(r -> r.instanceId(id).groups(group));
    assertThat(describe(id).securityGroups())
        .extracting(GroupIdentifier::groupId)
        .containsExactly(group);
    String allocation = ec2.allocateAddress(r -> r.domain("vpc")).allocationId();
    String association =
        ec2.associateAddress(r -> r.allocationId(allocation).instanceId(id)).associationId();
    String publicIp = describe(id).publicIpAddress();
    assertThat(publicIp).isNotNull();
    assertThat(describe(id).networkInterfaces().get(0).association().publicIp())
        .isEqualTo(publicIp);
    ec2.disassociateAddress(r -> r.associationId(association));
    assertThat(describe(id).publicIpAddress()).isNull();
  }

  @Test
  void showsVolumesOnceAttachedAndDetached() {
    String id = running();
    Instance before = describe(id);
    String volume =
        ec2.createVolume(r -> r.availabilityZone(before.placement().availabilityZone()).size(1))
            .volumeId();
    ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(volume));
    ec2.attachVolume(r -> r.volumeId(volume).instanceId(id).device("/dev/sdf"));
    await(
        id, i -> i.blockDeviceMappings().stream().anyMatch(d -> d.ebs().volumeId().equals(volume)));
    ec2.detachVolume(r -> r.volumeId(volume));
    await(
        id,
        i -> i.blockDeviceMappings().stream().noneMatch(d -> d.ebs().volumeId().equals(volume)));
  }

  @Test
  void showsMetadataOptionsAtOnceAndNothingNewAfterARefusedCall() {
    String id = running();
    describe(id);
    ec2.modifyInstanceMetadataOptions(r -> r.instanceId(id).httpTokens("required"));
    assertThat(describe(id).metadataOptions().httpTokensAsString()).isEqualTo("required");
    ec2.modifyInstanceAttribute(r -> r.instanceId(id).disableApiTermination(b -> b.value(true)));
    assertThatThrownBy(() -> ec2.terminateInstances(r -> r.instanceIds(id)))
        .isInstanceOf(Ec2Exception.class);
    assertThat(describe(id).state().name()).isEqualTo(InstanceStateName.RUNNING);
    ec2.modifyInstanceAttribute(r -> r.instanceId(id).disableApiTermination(b -> b.value(false)));
    ec2.terminateInstances(r -> r.instanceIds(id));
    assertThat(describe(id).state().name())
        .isIn(InstanceStateName.SHUTTING_DOWN, InstanceStateName.TERMINATED);
  }

  private static String running() {
    String id =
        ec2.runInstances(r -> r.imageId(AMI).minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();
    await(id, i -> i.state().name() == InstanceStateName.RUNNING);
    return id;
  }

  private static Instance describe(String id) {
    return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
  }

  /** Background steps take a moment: polls for up to 10 s, as a waiter would. */
  private static void await(String id, Predicate<Instance> done) {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Instance last = describe(id);
    while (!done.test(last)) {
      assertThat(System.nanoTime()).as("still not there: %s", last).isLessThan(end);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      last = describe(id);
    }
  }
}
