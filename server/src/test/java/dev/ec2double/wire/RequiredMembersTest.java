package dev.ec2double.wire;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.EnableVolumeIoRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;

class RequiredMembersTest {
  @Test
  void namesTheFirstRequiredMemberARequestLacksAsTheWireNamesIt() {
    assertThatThrownBy(
            () ->
                RequiredMembers.check(
                    Protocol.EC2,
                    RunInstancesRequest.builder().imageId("ami-1").maxCount(1).build()))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("MissingParameter");
              org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains("MinCount");
            });
    assertThatThrownBy(
            () ->
                RequiredMembers.check(
                    Protocol.EC2, CreateTagsRequest.builder().resources("i-1").build()))
        .hasMessageContaining("Tag");
    assertThatThrownBy(
            () ->
                RequiredMembers.check(Protocol.QUERY, DeleteLoadBalancerRequest.builder().build()))
        .hasMessageContaining("LoadBalancerArn");
  }

  @Test
  void findsOperationsWhoseSdkClassNameIsRecased() {
    assertThatThrownBy(
            () -> RequiredMembers.check(Protocol.EC2, EnableVolumeIoRequest.builder().build()))
        .hasMessageContaining("VolumeId");
  }

  @Test
  void letsACompleteRequestThrough() {
    assertThatCode(
            () ->
                RequiredMembers.check(
                    Protocol.EC2,
                    RunInstancesRequest.builder().imageId("ami-1").minCount(1).maxCount(1).build()))
        .doesNotThrowAnyException();
  }
}
